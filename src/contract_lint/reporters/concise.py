"""`--format concise`: one line per finding, `path:line:col: CODE rule-id message`.

The form compilers and ruff use, so editors, `grep` and problem matchers understand it.
Unreadable files are not repeated here: the CLI already names each one on stderr.
"""

from __future__ import annotations

from ..runner import FileResult


def render(results: list[FileResult], rules=None) -> str:
    return "\n".join(_line(r.path, f) for r in results for f in r.findings)


def _line(path: str, f) -> str:
    loc = f.location
    message = " ".join(f.message.split())  # a line break in a message would split the record
    return f"{path}:{loc.line}:{loc.column}: {f.code} {f.rule} {message}"
