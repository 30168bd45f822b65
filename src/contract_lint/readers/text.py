"""Plain-text and Markdown contracts.

Chinese contracts saved by Windows tools are often GBK (GB18030 is its superset), sometimes
UTF-16 with a BOM; everything newer is UTF-8, with or without a BOM. The text view is the
decoded text with line endings normalised to "\\n"; Markdown keeps its markup so offsets point
into the file the user edits.
"""

from __future__ import annotations

import codecs
import itertools
import re

from ..model import BODY, TABLE, Block, Cell

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


_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def markdown_blocks(text: str) -> list[Block]:
    """Lines as blocks, except Markdown table rows, whose cells become blocks of their own
    (so a rule can see an empty cell beside a label cell, as in a Word table)."""
    blocks: list[Block] = []
    pos, table, row = 0, -1, 0
    in_table = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if not in_table:
                in_table, table, row = True, table + 1, 0
            if not _MD_TABLE_RULE.match(stripped):
                blocks.extend(_md_cells(line, pos, table, row))
                row += 1
            else:
                blocks.append(Block(pos, pos + len(line), BODY))
        else:
            in_table = False
            blocks.append(Block(pos, pos + len(line), BODY))
        pos += len(line) + 1
    return blocks


def _md_cells(line: str, offset: int, table: int, row: int) -> list[Block]:
    bars = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    cells = []
    for col, (left, right) in enumerate(itertools.pairwise(bars)):
        start, end = left + 1, right
        while start < end and line[start] == " ":
            start += 1
        while end > start and line[end - 1] == " ":
            end -= 1
        cells.append(Block(offset + start, offset + end, TABLE, cell=Cell(table, row, col)))
    return cells
