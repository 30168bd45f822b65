"""Plain text and Markdown: encodings Windows tools produce, and the blocks rules rely on."""

from __future__ import annotations

import codecs

import pytest

from contract_lint.readers import ReadError, read_bytes, read_path

CONTRACT = "第一条 服务内容\n乙方为甲方的网店提供运营服务。\r\n联系电话：\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (CONTRACT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + CONTRACT.encode("utf-8"), "utf-8 (BOM)"),
    (CONTRACT.encode("gb18030"), "gb18030"),
    (CONTRACT.encode("gbk"), "gb18030"),
    (codecs.BOM_UTF16_LE + CONTRACT.encode("utf-16-le"), "utf-16-le (BOM)"),
    (codecs.BOM_UTF16_BE + CONTRACT.encode("utf-16-be"), "utf-16-be (BOM)"),
    (CONTRACT.encode("utf-16-le"), "utf-16-le"),
])
def test_encodings_give_the_same_text(data, encoding):
    doc = read_bytes(data, "c.txt", ".txt")
    assert doc.text == CONTRACT.replace("\r\n", "\n")
    assert (f"编码：{encoding}" in doc.notes) if encoding != "utf-8" else not doc.notes


def test_undecodable_bytes_are_reported_not_fatal():
    data = "第一条 服务".encode() + b"\xff\xfe\xfa" + "乙方提供服务。".encode()
    doc = read_bytes(data, "c.txt", ".txt")
    assert "乙方提供服务" in doc.text
    assert any("无法解码" in note and "第 16 字节" in note for note in doc.notes)


def test_binary_file_is_refused():
    with pytest.raises(ReadError, match="binary"):
        read_bytes(b"\x00\x01\x02\x03" * 100, "c.txt", ".txt")


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.docx"])
def test_an_empty_file_is_an_empty_document_with_a_note(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    doc = read_path(path)
    assert doc.text == "" and doc.notes == ("文件是空的（0 字节），没有可检查的内容",)


def test_line_and_column_come_from_offsets():
    doc = read_bytes(CONTRACT.encode(), "c.txt", ".txt")
    offset = doc.text.index("联系电话")
    assert doc.line_col(offset) == (3, 1)
    assert doc.line_col(doc.text.index("运营")) == (2, 11)


def test_markdown_tables_become_cells():
    text = "# 合同\n\n| 甲方名称 |  |\n|---|---|\n| 住所 | 杭州市 |\n"
    doc = read_bytes(text.encode(), "c.md", ".md")
    cells = [(doc.text[b.start:b.end], b.cell.row, b.cell.col) for b in doc.blocks if b.cell]
    assert cells == [("甲方名称", 0, 0), ("", 0, 1), ("住所", 1, 0), ("杭州市", 1, 1)]


def test_the_file_is_not_written(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(CONTRACT.encode("gbk"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_path(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
