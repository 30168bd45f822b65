"""Reporters turn results into what a person or a machine reads.

`text` prints the rich report to a console. Every other format is a module here with
`render(results, rules, info=None) -> str`, registered in FORMATS by name; the CLI prints or writes it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping

TEXT = "text"
# format name -> module in this package
FORMATS: dict[str, str] = {
    "concise": "concise",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html",
}
# formats a program parses: nothing else may be printed on the same stream
STRUCTURED = frozenset({"json", "sarif", "junit", "html"})


def renderer(fmt: str) -> Callable:
    return importlib.import_module(f".{FORMATS[fmt]}", __name__).render


def names() -> list[str]:
    return [TEXT, *FORMATS]


def default_format(to_terminal: bool, environ: Mapping[str, str] = os.environ) -> str:
    """The format when none is given: annotations inside GitHub Actions, the rich report for a
    person at a terminal, and one line per finding for pipes, files and other CI logs."""
    if environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return TEXT if to_terminal else "concise"


def report(fmt: str, results: list, rules: list, info=None) -> str:
    """The whole report as a string; `text` without colour, as it is for a file. `info`
    (a summary.RunInfo) says what the results alone do not: skipped files, the configuration."""
    if fmt == TEXT:
        from .text import render_plain

        return render_plain(results, info)
    return renderer(fmt)(results, rules, info=info)


def deliver(report: str, output: str | None) -> None:
    """Print the report, or write it to `output` atomically; an empty report prints nothing."""
    from ..files import write_atomic

    if output is not None:
        write_atomic(output, report + "\n" if report else "")
    elif report:
        print(report)
