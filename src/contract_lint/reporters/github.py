"""`--format github`: workflow commands that GitHub Actions turns into annotations.

    ::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE (CODE)::message

Paths are relative to the repository root, which is what the runner resolves them against.
The runner rejects `col`/`endColumn` on an annotation spanning several lines, so they are
given only when the finding starts and ends on the same line.
"""

from __future__ import annotations

from ..findings import Finding
from ..runner import FileResult
from .paths import repo_path, repo_root

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render(results: list[FileResult], rules=None, info=None) -> str:
    root = repo_root()
    lines = []
    for r in results:
        path = repo_path(r.path, root)
        if r.error:
            lines.append(command("error", {"file": path}, r.error))
        lines.extend(command(COMMAND[f.severity], _properties(path, f), _message(f)) for f in r.findings)
    return "\n".join(lines)


def _properties(path: str, f: Finding) -> dict[str, object]:
    loc = f.location
    props: dict[str, object] = {"file": path, "line": loc.line}
    if loc.line == loc.end_line:
        props.update(col=loc.column, endLine=loc.end_line, endColumn=max(loc.end_column, loc.column))
    else:
        props["endLine"] = loc.end_line
    props["title"] = f"{f.rule} ({f.code})"
    return props


def _message(f: Finding) -> str:
    # a .docx cannot be shown inline, so the message carries the clause and the suggestion
    where = f"{f.location.clause}：" if f.location.clause else ""
    return f"{where}{f.message}\n建议：{f.suggestion}" if f.suggestion else where + f.message


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """As GitHub's toolkit does for a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As GitHub's toolkit does for a property value: also `:` and `,`, which delimit them."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
