"""A finding's identity that survives edits elsewhere in the document.

A `.docx` is a zip, and inserting a paragraph shifts every line after it, so neither bytes nor
line numbers can identify a finding across versions. The fingerprint hashes what the finding is
about: the rule, the clause label, the sentence (whitespace removed, so re-wrapping a line does
not count as a change) and the flagged words. Two identical findings in the same sentence are
told apart by their order in it, which edits elsewhere do not change.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from .findings import Finding
from .regexcache import regex

VERSION_KEY = "contractLint/v1"  # bump the version when the recipe changes
_SPACE = regex(r"\s+")


def normalize(text: str) -> str:
    return _SPACE.sub("", text)


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One hex sha256 per finding of one file, in the order given (document order)."""
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for f in findings:
        key = (f.rule, f.location.clause or "", normalize(f.context), normalize(f.text))
        seen[key] += 1
        payload = "\x1f".join((*key, str(seen[key])))
        out.append(hashlib.sha256(payload.encode("utf-8")).hexdigest())
    return out
