"""The lxml reader (readers/opc.py + readers/docx.py) reads every .docx exactly as the reader on
python-docx's object model did: same text, blocks, run map, comments and revisions."""

import io
from pathlib import Path

import pytest
from tests.python_docx_reader import read_docx as read_docx_with_python_docx

from contract_lint.readers.docx import read_docx
from tools.docxgen import Comment, Del, Doc, Ins, Level, MergeField

pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").rglob("*.docx"))


def _everything() -> bytes:
    d = Doc()
    d.header("页眉：合同编号 HT-2026-001")
    d.footer("第 1 页")
    styled = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.numbered_style("ArticleHeading", styled, 0)
    d.para("服务合同", bold=True)
    d.para("服务内容", style="ArticleHeading")
    d.para("乙方提供", Ins("运营", "张三"), Del("推广", "李四"), "服务。", num=(styled, 1))
    d.para("联系人：", MergeField("联系人"), Comment("甲方", "核对姓名", "王五"))
    d.table([["项目", "金额"], ["服务费", "10000元"]])
    d.textbox("文本框里的说明")
    return d.to_bytes()


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_docx_reads_the_same(path):
    data = path.read_bytes()
    assert read_docx(io.BytesIO(data)) == read_docx_with_python_docx(io.BytesIO(data))


def test_headers_comments_revisions_styles_and_boxes_read_the_same():
    data = _everything()
    new = read_docx(io.BytesIO(data))
    assert new == read_docx_with_python_docx(io.BytesIO(data))
    text, blocks, comments, revisions = new
    assert "页眉" in text and "文本框" in text and comments and revisions
    assert any(block.label for block in blocks)
