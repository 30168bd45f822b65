"""A baseline: today's findings, recorded by file and fingerprint, so CI reports only new ones.

Fingerprints hash what a finding is about (rule, clause, its sentence and words), not where it
is, so they survive edits elsewhere in the document and break when the finding's own sentence
changes. They are kept per file: a new contract copied from a baselined one is new, and its
findings are reported. The file is JSON, written atomically, readable in review.
"""

from __future__ import annotations

import json
from pathlib import Path

from .files import write_atomic
from .fingerprint import fingerprints

VERSION = 1


class BaselineError(Exception):
    pass


def write(path: str, results) -> int:
    entries = []
    for result in results:
        for finding, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True):
            entries.append({"fingerprint": fingerprint, "path": result.path, "rule": finding.rule,
                            "clause": finding.location.clause, "text": finding.text})
    write_atomic(path, json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def load(path: str) -> set[tuple[str, str]]:
    """(file, fingerprint) pairs; files as the report shows them (relative to the cwd)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
        return {(entry["path"], entry["fingerprint"]) for entry in data["findings"]}
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BaselineError(f"{path}: not a contract-lint baseline file") from None


def new_findings(results, known: set[tuple[str, str]]):
    """The results with only the findings that are not in the baseline for their file."""
    from dataclasses import replace

    out = []
    for result in results:
        kept = tuple(f for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)
                     if (result.path, fp) not in known)
        out.append(replace(result, findings=kept))
    return out
