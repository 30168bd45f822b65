"""Plain-text and Markdown contracts.

Chinese contracts saved by Windows tools are often GBK (GB18030 is its superset), sometimes
UTF-16 with a BOM; everything newer is UTF-8, with or without a BOM. The text view is the
decoded text with line endings normalised to "\\n"; Markdown keeps its markup so offsets point
into the file the user edits.
"""

from __future__ import annotations

import codecs
import itertools

from ..model import BODY, TABLE, Block, Cell
from ..regexcache import regex

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes to text; returns (text, encoding name, notes for the user)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding + " (BOM)", ()
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: every other byte of ASCII and most CJK punctuation is NUL.
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        if odd > even * 4 or even > odd * 4:
            encoding = "utf-16-le" if odd > even else "utf-16-be"
            text = data.decode(encoding, errors="replace")
            if _mostly_text(text):
                return text, encoding, ()
        raise DecodeError("looks like a binary file, not text")
    first_bad: dict[str, int] = {}
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding, ()
        except UnicodeDecodeError as exc:
            first_bad[encoding] = exc.start
    # Mixed or broken: lint what decodes, and say how much did not and where it starts.
    candidates = [(data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "gb18030")]
    text, encoding = min(candidates, key=lambda c: c[0].count("\ufffd"))
    bad = text.count("\ufffd")
    return text, encoding, (f"按 {encoding} 读取时有 {bad} 处无法解码的字节，已替换为 \ufffd"
                            f"（第一处在第 {first_bad[encoding]} 字节）",)


def _mostly_text(text: str) -> bool:
    sample = text[:2000]
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    return printable >= 0.95 * len(sample)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_blocks(text: str) -> list[Block]:
    blocks, pos = [], 0
    for line in text.split("\n"):
        blocks.append(Block(pos, pos + len(line), BODY))
        pos += len(line) + 1
    return blocks


def markdown_blocks(text: str) -> list[Block]:
    """Lines as blocks, except the rows of Markdown tables, whose cells become blocks of their
    own (so a rule can see an empty cell beside a label cell, as in a Word table).

    Which lines are table rows is markdown-it-py's answer (GFM tables: a header row and a
    delimiter row, outer pipes optional; not inside a code block; a pipe line without a
    delimiter row is no table). It gives line numbers, not character offsets, so the cells of a
    row are cut here, at its unescaped pipes: block offsets stay exact offsets into the text."""
    rows = _table_rows(text) if "|" in text else {}
    blocks: list[Block] = []
    pos = 0
    for number, line in enumerate(text.split("\n")):
        if number in rows:
            blocks.extend(_md_cells(line, pos, *rows[number]))
        else:
            blocks.append(Block(pos, pos + len(line), BODY))
        pos += len(line) + 1
    return blocks


def _table_rows(text: str) -> dict[int, tuple[int, int]]:
    """line number -> (table, row) for every table row (the delimiter row is not a row)."""
    from markdown_it import MarkdownIt  # ~18 ms, once per process, and only for Markdown with a pipe

    rows: dict[int, tuple[int, int]] = {}
    table, row = -1, 0
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            table, row = table + 1, 0
        elif token.type == "tr_open" and token.map:
            rows[token.map[0]] = (table, row)
            row += 1
    return rows


_ROW_START = regex(r"[ \t]*(?:>[ \t]*)*")  # indentation and blockquote markers before a row


def _md_cells(line: str, offset: int, table: int, row: int) -> list[Block]:
    """The cells of one table row: the text between unescaped pipes, outer pipes optional,
    spaces around each cell left out of its block."""
    start = _ROW_START.match(line).end()
    end = len(line.rstrip())
    bars = [i for i in range(start, end) if line[i] == "|" and (i == 0 or line[i - 1] != "\\")]
    edges = [start - 1, *bars, end]
    spans = list(itertools.pairwise(edges))
    if bars and bars[0] == start:
        spans = spans[1:]  # a leading pipe opens the first cell
    if bars and bars[-1] == end - 1:
        spans = spans[:-1]  # a trailing pipe closes the last
    cells = []
    for col, (left, right) in enumerate(spans):
        cell_start, cell_end = left + 1, right
        while cell_start < cell_end and line[cell_start] in " \t":
            cell_start += 1
        while cell_end > cell_start and line[cell_end - 1] in " \t":
            cell_end -= 1
        cells.append(Block(offset + cell_start, offset + cell_end, TABLE, cell=Cell(table, row, col)))
    return cells
