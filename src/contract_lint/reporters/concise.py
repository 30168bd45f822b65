"""`--format concise`: one line per finding, `path:line:col: severity CODE rule-id message`,
then one summary line.

The form compilers and ruff use, so editors, `grep` and problem matchers understand it; the
severity stays an English key (`error`, `warning`, `info`) for the matchers. Unreadable files
are not repeated here: the CLI already names each one on stderr. With colour on (a terminal,
or FORCE_COLOR), the path is bold and the severity coloured, as ruff does.
"""

from __future__ import annotations

from ..runner import FileResult
from .summary import RunInfo, summary_line

_SGR = {"path": "1", "error": "1;31", "warning": "33", "info": "36", "code": "1"}


def render(results: list[FileResult], rules=None, info: RunInfo | None = None) -> str:
    color = bool(info and info.color)
    lines = [_line(r.path, f, color) for r in results for f in r.findings]
    lines.append(summary_line(results, info))
    return "\n".join(lines)


def _paint(text: str, key: str, color: bool) -> str:
    return f"\x1b[{_SGR[key]}m{text}\x1b[0m" if color and key in _SGR else text


def _line(path: str, f, color: bool = False) -> str:
    loc = f.location
    message = " ".join(f.message.split())  # a line break in a message would split the record
    return (f"{_paint(path, 'path', color)}:{loc.line}:{loc.column}: {_paint(f.severity, f.severity, color)} "
            f"{_paint(f.code, 'code', color)} {f.rule} {message}")
