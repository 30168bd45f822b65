"""`--statistics`: how many findings each rule produced, most frequent first (as ruff does)."""

from __future__ import annotations

from collections import Counter

from ..runner import FileResult


def render(results: list[FileResult]) -> str:
    counts = Counter((f.code, f.rule) for r in results for f in r.findings)
    if not counts:
        return ""
    width = len(str(max(counts.values())))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "\n".join(f"{count:>{width}}  {code}  {rule}" for (code, rule), count in ordered)
