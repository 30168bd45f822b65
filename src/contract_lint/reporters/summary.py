"""Counts shared by every reporter, and the one summary line people read at the end of a run."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import SEVERITIES, SEVERITY_LABELS


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    total: int
    by_severity: dict[str, int]


@dataclass(frozen=True)
class RunInfo:
    """What a report says about the run beyond the results: the files a folder walk passed over
    as not contracts, the configuration file, the selected rules, when it was made."""

    skipped: tuple[str, ...] = ()  # .md/.txt files a folder walk passed over as not contracts
    config: str | None = None
    rules: tuple[str, ...] = ()  # codes of the selected rules
    created: str | None = None  # ISO 8601, local time with its offset
    color: bool = False  # escape codes allowed on the stream the report goes to


def summarize(results) -> Summary:
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        for finding in result.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return Summary(len(results), sum(1 for r in results if r.error), sum(counts.values()), counts)


def severity_counts(s: Summary) -> str:
    return "，".join(f"{SEVERITY_LABELS[sev]} {s.by_severity[sev]}" for sev in SEVERITIES)


def summary_parts(results, info: RunInfo | None = None) -> tuple[str, str, str, str]:
    """(verdict, counts and files, unreadable files, skipped files) of the summary line, e.g.
    ("✖ 6 个问题", "（错误 1，警告 4，提示 1），共 1 个文件", "", "，跳过 2 个非合同文件"): parts, so the
    text report can colour each."""
    s = summarize(results)
    if s.total:
        verdict = f"✖ {s.total} 个问题"
    elif s.errors:
        verdict = "✖ 未能检查"
    else:
        verdict = "✓ 没有发现问题"
    unreadable = f"，{s.errors} 个文件无法读取" if s.errors else ""
    skipped = f"，跳过 {len(info.skipped)} 个非合同文件" if info is not None and info.skipped else ""
    counts = f"（{severity_counts(s)}）" if s.total else ""
    return verdict, f"{counts}，共 {s.files} 个文件", unreadable, skipped


def summary_line(results, info: RunInfo | None = None) -> str:
    return "".join(summary_parts(results, info))
