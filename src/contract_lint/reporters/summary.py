"""Counts shared by every reporter."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import SEVERITIES


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    total: int
    by_severity: dict[str, int]


def summarize(results) -> Summary:
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        for finding in result.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return Summary(len(results), sum(1 for r in results if r.error), sum(counts.values()), counts)
