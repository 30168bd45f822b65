"""Folding Chinese text to a terminal's width without breaking where typesetting forbids.

Chinese has no spaces, so a line may break between almost any two characters, but never
before closing punctuation (，。、；：？！）》」”…) and never after an opening mark (（《「“): the
kinsoku rule. The Unicode line-breaking algorithm (UAX #14, implemented by `uniseg`) encodes it,
together with the rules for Latin words, numbers and URLs mixed in. Widths are display cells
(a Chinese character takes two), as a terminal shows them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text


def line_spans(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` folded to `width` cells. A line break in the text
    always breaks; trailing spaces do not count against the width. A unit wider than a whole
    line (a long URL) is cut by characters: there is no better place."""
    from uniseg.linebreak import line_break_units  # ~30 ms of tables: only when a report is folded

    width = max(width, 2)
    spans: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        line_start, pos, used = start, start, 0
        for unit in line_break_units(paragraph) if paragraph else ():
            if used and used + cell_len(unit.rstrip()) > width:
                spans.append((line_start, pos))
                line_start, used = pos, 0
            for ch in unit if cell_len(unit.rstrip()) > width else ():
                if used + cell_len(ch) > width and ch != " ":  # too wide for any line: fold it
                    spans.append((line_start, pos))
                    line_start, used = pos, 0
                used += cell_len(ch)
                pos += 1
            if cell_len(unit.rstrip()) <= width:
                used += cell_len(unit)
                pos += len(unit)
        spans.append((line_start, pos))
        start += len(paragraph) + 1
    return spans


def print_wrapped(console: Console, text: Text | str, indent: int = 0, hanging: int | None = None) -> None:
    """Print `text` folded to the console's width, every line indented by `indent` cells (the
    lines after the first by `hanging`, when given)."""
    if isinstance(text, str):
        text = Text(text)
    rest = indent if hanging is None else hanging
    width = max(10, console.width - max(indent, rest) - 1)
    for n, (start, end) in enumerate(line_spans(text.plain, width)):
        line = text[start:end]
        line.rstrip()
        console.print(Text(" " * (rest if n else indent)) + line, no_wrap=True, overflow="ignore")
