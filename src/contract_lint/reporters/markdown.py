"""`--format markdown`: a table a bot can post as a pull-request comment.

A heading with the counts, then one row per finding. Cell text is escaped so a `|`, a line
break or Markdown punctuation in a contract (`____`, `*`, `[甲方]`) cannot break the table or
turn into formatting. GitHub refuses comments over 65,536 characters, so rows stop before
that and the heading still counts everything.
"""

from __future__ import annotations

from ..findings import SEVERITY_LABELS, Finding
from ..regexcache import regex
from ..runner import FileResult
from .summary import RunInfo, summary_parts

HEADER = ("| 文件 | 位置 | 规则 | 严重程度 | 问题 | 建议 |", "|---|---|---|---|---|---|")
PART = {"table": "表格", "header": "页眉", "footer": "页脚", "textbox": "文本框"}
MAX_CHARS = 60_000  # below GitHub's comment limit, with room for the lines after the table
_SPECIAL = regex(r"([\\`*_\[\]<>|~#])")


def render(results: list[FileResult], rules=None, info: RunInfo | None = None) -> str:
    lines = [_heading(results, info), ""]
    rows = [_row(r.path, f) for r in results for f in r.findings]
    if rows:
        lines.extend(_table(rows))
    elif not any(r.error for r in results):
        lines.append("✓ 没有发现问题")
    unreadable = [r for r in results if r.error]
    if unreadable:
        lines.extend(["", "**无法读取的文件**", ""])
        lines.extend(f"- {escape(r.path)}：{escape(r.error or '')}" for r in unreadable)
    return "\n".join(lines)


def _heading(results: list[FileResult], info: RunInfo | None) -> str:
    _, counts, unreadable, skipped = summary_parts(results, info)
    total = sum(len(r.findings) for r in results)
    return f"### contract-lint：{total} 个问题{counts}{unreadable}{skipped}"


def _table(rows: list[str]) -> list[str]:
    out, used = list(HEADER), sum(len(h) + 1 for h in HEADER)
    for i, row in enumerate(rows):
        if used + len(row) + 1 > MAX_CHARS:
            out.extend(["", f"……另有 {len(rows) - i} 个问题未列出（完整结果请用 `--format sarif` 或 `json`）。"])
            break
        out.append(row)
        used += len(row) + 1
    return out


def _row(path: str, f: Finding) -> str:
    loc = f.location
    where = f"{loc.clause + ' · ' if loc.clause else ''}第 {loc.line} 行" + (
        f"（{PART[loc.part]}）" if loc.part in PART else "")
    cells = (escape(path), escape(where), f"`{f.rule}` ({f.code})", SEVERITY_LABELS.get(f.severity, f.severity),
             escape(f.message), escape(f.suggestion))
    return "| " + " | ".join(cells) + " |"


def escape(text: str) -> str:
    """One table cell: Markdown punctuation escaped, line breaks as <br>."""
    return _SPECIAL.sub(r"\\\1", text).replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")
