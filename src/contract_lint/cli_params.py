"""Reading the command line's option values without pydantic.

Typer (from 0.2x) coerces every non-flag option through a pydantic TypeAdapter, and importing
pydantic costs a cold run 40-90 ms, more than reading and linting a contract. Our options are
plain strings, numbers, flags and choices, which need no schema: `install()` has typer coerce those
itself, with the same error style, and leaves any other annotation (paths, files, dates, ranged
numbers, custom parsers) to typer's own coercion. If typer's internals change, `install()` does
nothing and typer works as it always did.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Any


def install() -> None:
    try:
        from typer import core
        from typer._click.exceptions import BadParameter
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer._param_types import coerce_cli_choice
    except ImportError:
        return
    if getattr(core.build_runtime_param, "_contract_lint", False):
        return

    def parse(annotation: Any, value: Any, info, ctx) -> Any:
        if annotation is str:
            if isinstance(value, bytes):
                return value.decode(sys.getfilesystemencoding(), "replace")
            return str(value)
        if annotation is bool:
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise ValueError(f"{value!r} is not a valid boolean.")
        if annotation in (int, float):
            if isinstance(value, annotation) and not isinstance(value, bool):
                return value
            try:
                return annotation(str(value).strip())
            except ValueError:
                kind = "an integer" if annotation is int else "a number"
                raise ValueError(f"{value!r} is not {kind}.") from None
        return coerce_cli_choice(value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx)

    class PlainParam(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            leaf = _leaf(self.annotation)
            try:
                if isinstance(value, (list, tuple)) and leaf is not self.annotation:
                    return type(value)(parse(leaf, item, self.parameter_info, ctx) for item in value)
                return parse(leaf, value, self.parameter_info, ctx)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    def fast(descriptor):
        info = descriptor.parameter_info
        plain = descriptor.file_annotation is None and info.parser is None \
            and getattr(info, "min", None) is None and getattr(info, "max", None) is None \
            and not getattr(info, "path_type", None) and _leaf(descriptor.annotation) is not None
        if plain:
            return PlainParam(parameter_info=info, annotation=descriptor.annotation)
        return build_runtime_param(descriptor)

    fast._contract_lint = True
    core.build_runtime_param = fast


_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off"}


def _leaf(annotation: Any) -> Any:
    """str, int, float, bool or an Enum, alone or as list[...]; None for anything else."""
    args = getattr(annotation, "__args__", None)
    if getattr(annotation, "__origin__", None) is list and args and len(args) == 1:
        annotation = args[0]
    if annotation in (str, int, float, bool):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    return None
