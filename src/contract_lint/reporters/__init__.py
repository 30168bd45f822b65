"""Reporters turn results into what a person or a machine reads.

`text` prints the rich report to a console. Every other format is a module here with
`render(results, rules) -> str`, registered in FORMATS by name; the CLI prints or writes it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

TEXT = "text"
# format name -> module in this package
FORMATS: dict[str, str] = {
    "json": "json",
}


def renderer(fmt: str) -> Callable:
    return importlib.import_module(f".{FORMATS[fmt]}", __name__).render


def names() -> list[str]:
    return [TEXT, *FORMATS]
