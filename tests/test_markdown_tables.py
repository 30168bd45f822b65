"""Markdown tables, as markdown-it-py reads them (GFM), with cells as exact character offsets
into the file's text: what markdown-it-py calls a cell is a cell here, character for character;
what it does not call a table is plain lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from contract_lint import lint_text
from contract_lint.readers import document_from_text

ROOT = Path(__file__).resolve().parent.parent


def cells(text: str) -> list[tuple[str, int, int, int]]:
    doc = document_from_text(text, "c.md", "md")
    return [(doc.text[b.start:b.end], b.cell.table, b.cell.row, b.cell.col) for b in doc.blocks if b.cell]


def source_cells(text: str) -> list[str]:
    """Our cells' text, with `\\|` read as markdown-it-py reads it (a pipe inside a cell): the
    blocks point into the file, so they keep the backslash."""
    return [c[0].replace("\\|", "|") for c in cells(text)]


def oracle(text: str) -> list[str]:
    """The cells' text in order, as markdown-it-py parses them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out, in_cell = [], False
    for token in tokens:
        if token.type in ("th_open", "td_open"):
            in_cell = True
            out.append("")
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            out[-1] = token.content
    return out


SAMPLES = {
    "outer pipes": "# 合同\n\n| 甲方名称 |  |\n|---|---|\n| 住所 | 杭州市 |\n",
    "no outer pipes": "甲方名称 | 明川公司\n---|---\n住所 | 杭州市\n",
    "escaped pipe": "| 项目 | 说明 |\n|---|---|\n| 费用 | 甲方\\|乙方承担 |\n",
    "in a quote": "> | 甲方 | 乙方 |\n> |---|---|\n> | 明川 | 北辰 |\n",
    "two tables": "| a | b |\n|---|---|\n| 1 | 2 |\n\n正文\n\n| c |\n|---|\n| 3 |\n",
    "indented": "  | 甲方 | 乙方 |\n  | :--- | ---: |\n  | 明川 | 北辰 |\n",
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_cells_are_markdown_its_cells_at_exact_offsets(name):
    text = SAMPLES[name]
    assert source_cells(text) == oracle(text)


def test_an_escaped_pipe_stays_in_its_cell_at_its_offset():
    (cell,) = [c for c in cells(SAMPLES["escaped pipe"]) if c[2:] == (1, 1)]
    assert cell[0] == "甲方\\|乙方承担"


def test_a_table_without_outer_pipes_is_a_table():
    assert cells(SAMPLES["no outer pipes"]) == [("甲方名称", 0, 0, 0), ("明川公司", 0, 0, 1), ("住所", 0, 1, 0),
                                                 ("杭州市", 0, 1, 1)]


def test_pipes_in_a_code_block_or_without_a_delimiter_row_are_not_cells():
    text = "```\n| 甲方 | [名称] |\n|---|---|\n```\n\n| 这只是 | 一行 |\n"
    assert cells(text) == [] and oracle(text) == []


def test_an_empty_cell_beside_a_label_is_a_blank_in_any_table_style():
    for text in ("# 服务合同\n\n| 甲方名称 |  |\n|---|---|\n", "# 服务合同\n\n甲方名称 | |\n---|---\n"):
        found = lint_text(text, select=["CL001"], name="合同.md")
        assert [(f.rule, f.location.line) for f in found] == [("placeholder-unfilled", 3)], text


@pytest.mark.parametrize("path", sorted((ROOT / "corpus").glob("*.md")) + sorted(
    (ROOT.parent / "shared" / "real-contracts").glob("*.md")), ids=lambda p: p.name)
def test_corpus_markdown(path):
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert source_cells(text) == oracle(text)
