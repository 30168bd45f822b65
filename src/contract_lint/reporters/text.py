"""`--format text`: the annotated report a person reads in a terminal.

Findings are grouped by file, then by clause in document order. Each shows severity, where
(line:column, and table/header/footer when not in the body), rule id and code, the message,
the sentence with the offending words highlighted, and the suggestion. Messages and suggestions
are folded by the Unicode line-breaking rules (`contract_lint.wrap`).
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..findings import SEVERITY_LABELS, Finding
from ..runner import FileResult
from ..wrap import print_wrapped
from .summary import RunInfo, summarize, summary_parts

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
HIGHLIGHT = {"error": "bold white on red", "warning": "bold black on yellow", "info": "bold black on cyan"}
PART = {"table": "表格", "header": "页眉", "footer": "页脚", "textbox": "文本框"}
INDENT = 6


def render(results: list[FileResult], console: Console, info: RunInfo | None = None) -> None:
    for result in results:
        if result.error:
            continue  # errors go to stderr, one line each (see cli)
        _file(result, console)
    _summary(results, console, info)


def _file(result: FileResult, console: Console) -> None:
    header = Text(result.path, style="bold underline")
    notes = result.notes or (result.document.notes if result.document else ())
    if not result.findings:
        console.print(header, Text("  ✓ 未发现问题", style="green"))
    else:
        console.print(header)
    template = getattr(result, "template", None)
    if template is not None:
        console.print(Text(f"  模板：{template.path}（相似度 {template.similarity:.2f}）", style="dim"))
    for note in notes:  # what the reader had to guess or could not read
        console.print(Text(f"  注：{note}", style="dim"))
    if not result.findings:
        return
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(finding.location.clause or "（全文）", []).append(finding)
    for clause, findings in groups.items():
        console.print(Text(f"  {clause}", style="bold magenta"))
        for finding in findings:
            _finding(finding, console)
    console.print()


def _finding(f: Finding, console: Console) -> None:
    loc = f.location
    where = f"{loc.line}:{loc.column}"
    if loc.part in PART:
        where += f" {PART[loc.part]}"
    head = Text("    ")
    head.append(SEVERITY_LABELS.get(f.severity, f.severity), style=STYLE.get(f.severity, ""))
    head.append(f" {where:<10} ", style="dim")
    head.append(f"{f.rule}", style="bold")
    head.append(f" ({f.code})", style="dim")
    console.print(head, no_wrap=True, overflow="ellipsis")
    width = max(20, console.width - INDENT - 1)
    print_wrapped(console, Text(f.message), INDENT)
    if f.context.strip():
        console.print(Text(" " * INDENT) + _snippet(f, width - 8), no_wrap=True, overflow="ignore")
    if f.original is not None:
        quoted = Text("模板原文：", style="dim")
        quoted.append(_brief(f.original), style="dim")
        print_wrapped(console, quoted, INDENT)
    if f.suggestion:
        tip = Text("建议：", style="green")
        tip.append(f.suggestion)
        print_wrapped(console, tip, INDENT)


def _snippet(f: Finding, width: int) -> Text:
    """One line of context with the finding's words highlighted, cut to the terminal's width
    (in cells: a Chinese character takes two) around them."""
    context, start = f.context, f.context_offset
    end = start + len(f.text)
    hit = _one_line(context[start:end])
    room = max(10, width - min(cell_len(hit), width // 2))
    before, after = _one_line(context[:start]), _one_line(context[end:])
    left_room = min(cell_len(before), room // 3 if cell_len(after) > room * 2 // 3 else room - cell_len(after))
    before_shown = _tail(before, left_room)
    after_shown = _head(after, room - cell_len(before_shown))
    shown = Text("│ ", style="dim")
    if len(before_shown) < len(before):
        shown.append("…", style="dim")
    shown.append(before_shown)
    shown.append(_head(hit, width // 2 if len(hit) > width // 2 else len(hit) * 2) if hit else "",
                 style=HIGHLIGHT.get(f.severity, "reverse"))
    shown.append(after_shown)
    if len(after_shown) < len(after):
        shown.append("…", style="dim")
    return shown


def _brief(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _head(text: str, cells: int) -> str:
    out, used = [], 0
    for ch in text:
        used += cell_len(ch)
        if used > cells:
            break
        out.append(ch)
    return "".join(out)


def _tail(text: str, cells: int) -> str:
    return _head(text[::-1], cells)[::-1]


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎").replace("\t", " ")


def _summary(results: list[FileResult], console: Console, info: RunInfo | None) -> None:
    s = summarize(results)
    verdict, counts, unreadable, skipped = summary_parts(results, info)
    line = Text()
    if s.total:
        line.append(verdict, style="bold red" if s.by_severity["error"] else "bold yellow")
    else:
        line.append(verdict, style="bold red" if s.errors else "bold green")
    line.append(counts)
    line.append(unreadable, style="bold red")
    line.append(skipped)
    print_wrapped(console, line)


def render_plain(results: list[FileResult], info: RunInfo | None = None) -> str:
    """The same report as a string without colour codes, for `-o FILE`."""
    buffer = io.StringIO()
    render(results, Console(file=buffer, no_color=True, color_system=None, highlight=False), info)
    return buffer.getvalue().rstrip("\n")
