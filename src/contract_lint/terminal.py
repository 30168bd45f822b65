"""Colour: one decision, the same for every command and every stream.

The no-color.org and force-color.org conventions, with the flag first:
`--no-color`, then `NO_COLOR` (any non-empty value) turn every escape code off; `FORCE_COLOR`
(non-empty) turns colour on even in a pipe or a CI log; otherwise colour only on a terminal.
Off means no escape code at all, not only no colours: rich's own `no_color` still writes bold
and underline, so colour off is `color_system=None`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def use_color(stream: IO, no_color: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    if no_color or environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(color: bool, file: IO | None = None, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(file=file, stderr=stderr, highlight=False, color_system="auto" if color else None,
                   no_color=not color, force_terminal=True if color else None)
