"""Reading .docx: the text view, blocks, labels and clause paths users see in findings.

Every document is generated in tmp_path with tools.docxgen, which splits text into many runs
mid-word and puts numbers, blanks, fields and text boxes where Word puts them.
"""

import io
import itertools
import zipfile

import pytest

import contract_lint
from contract_lint import ReadError, model, read_path
from contract_lint.readers import read_bytes
from tools.docxgen import (
    MERGED,
    Blank,
    Cell,
    Comment,
    Del,
    Doc,
    Ins,
    Level,
    MergeField,
    Text,
    para,
    table,
)

ARTICLE = Level("chineseCounting", "第%1条")
CLAUSE = Level("decimal", "%1.%2", legal=True)


def read(d: Doc, tmp_path, name: str = "contract.docx"):
    path = tmp_path / name
    d.save(path)
    return read_path(path)


def texts(doc) -> list[str]:
    return [doc.text[b.start:b.end] for b in doc.blocks]


def block(doc, text: str):
    """The block whose text is exactly `text`."""
    return next(b for b in doc.blocks if doc.text[b.start:b.end] == text)


def labels(doc) -> list[str | None]:
    return [b.label for b in doc.blocks]


# --------------------------------------------------------------------------- runs


SENTENCE = "乙方应在本合同生效之日起十个工作日内完成全部服务并提交验收报告。"


def test_text_split_across_runs_is_joined_exactly(tmp_path):
    d = Doc()
    d.para(SENTENCE)
    doc = read(d, tmp_path)
    assert doc.text == SENTENCE
    assert len(doc.blocks[0].runs) >= 2  # the generator really did split it


def test_run_pieces_cover_each_block_contiguously(tmp_path):
    d = Doc()
    d.para("服务合同")
    d.para(SENTENCE)
    d.para("乙方：", Blank(8), Ins("（盖章）"), Del("签字"), "。")
    doc = read(d, tmp_path)
    for b in doc.blocks:
        runs = b.runs
        assert runs[0].start == b.start and runs[-1].end == b.end
        assert all(a.end == c.start for a, c in itertools.pairwise(runs))
        assert [r.run for r in runs] == sorted({r.run for r in runs})  # strictly increasing
        assert {r.paragraph for r in runs} == {runs[0].paragraph}
        assert {r.xml_part for r in runs} == {"word/document.xml"}
    assert [b.runs[0].paragraph for b in doc.blocks] == [0, 1, 2]


# --------------------------------------------------------------------------- tracked changes


def test_insertions_are_kept_and_deletions_dropped(tmp_path):
    d = Doc()
    d.para("乙方应", Ins("按时"), "交付", Del("初稿"), "成果。")
    doc = read(d, tmp_path)
    assert doc.text == "乙方应按时交付成果。"


def test_a_paragraph_that_is_all_inserted_is_kept(tmp_path):
    d = Doc()
    d.para("第一段。")
    d.para(Ins("新增的整段内容。"))
    d.para("末段。")
    doc = read(d, tmp_path)
    assert texts(doc) == ["第一段。", "新增的整段内容。", "末段。"]


# --------------------------------------------------------------------------- auto-numbering


def three_articles(d: Doc) -> None:
    num = d.numbering([ARTICLE, CLAUSE])
    d.para("服务合同")
    for title in ("服务内容", "服务费用", "保密"):
        d.para(title, num=(num, 0))
        d.para(f"{title}的第一项约定。", num=(num, 1))
        d.para(f"{title}的第二项约定。", num=(num, 1))


def test_auto_number_is_the_label_not_the_text(tmp_path):
    d = Doc()
    three_articles(d)
    doc = read(d, tmp_path)
    assert "第一条" not in doc.text and "1.1" not in doc.text
    assert block(doc, "服务内容").label == "第一条"
    assert [block(doc, t).label for t in ("服务内容", "服务费用", "保密")] == ["第一条", "第二条", "第三条"]


def test_legal_decimal_level_under_a_chinese_level(tmp_path):
    d = Doc()
    three_articles(d)
    doc = read(d, tmp_path)
    assert block(doc, "服务费用的第一项约定。").label == "2.1"
    assert block(doc, "保密的第二项约定。").label == "3.2"


def test_clause_label_follows_auto_numbering(tmp_path):
    d = Doc()
    three_articles(d)
    doc = read(d, tmp_path)
    offset = doc.text.index("第二项约定", doc.text.index("保密的"))
    assert doc.clause_label(offset) == "第三条 3.2"
    assert doc.clause_label(doc.text.index("服务费用的第一项")) == "第二条 2.1"
    assert doc.part_at(offset) == "body"


def numbered_labels(tmp_path, level: Level, count: int) -> list[str | None]:
    d = Doc()
    num = d.numbering([level])
    for i in range(count):
        d.para(f"条款{i + 1}", num=num)
    return labels(read(d, tmp_path))


@pytest.mark.parametrize("level, count, expected", [
    (ARTICLE, 11, {0: "第一条", 9: "第十条", 10: "第十一条"}),
    (ARTICLE, 21, {19: "第二十条", 20: "第二十一条"}),
    (Level("chineseLegalSimplified", "%1、"), 11, {0: "壹、", 9: "壹拾、", 10: "壹拾壹、"}),
    (Level("ideographTraditional", "%1、"), 3, {0: "甲、", 1: "乙、", 2: "丙、"}),
    (Level("chineseCounting", "（%1）"), 2, {0: "（一）", 1: "（二）"}),
    (Level("decimal", "（%1）"), 2, {0: "（1）", 1: "（2）"}),
    (Level("decimal", "%1.", start=3), 2, {0: "3.", 1: "4."}),
], ids=["chineseCounting-11", "chineseCounting-20", "chineseLegalSimplified", "ideographTraditional",
        "paren-chinese", "paren-decimal", "start"])
def test_number_formats(tmp_path, level, count, expected):
    got = numbered_labels(tmp_path, level, count)
    assert {i: got[i] for i in expected} == expected


def test_start_override_restarts_the_list(tmp_path):
    d = Doc()
    num = d.numbering([Level("decimal", "%1、")])
    d.para("甲", num=num)
    d.para("乙", num=num)
    again = d.restart(num, level=0, start=1)
    d.para("丙", num=again)
    d.para("丁", num=again)
    assert labels(read(d, tmp_path)) == ["1、", "2、", "1、", "2、"]


def test_sibling_lists_sharing_a_definition_continue(tmp_path):
    d = Doc()
    num = d.numbering([Level("decimal", "%1、")])
    sibling = d.restart(num, level=0, start=1)  # a second w:num on the same abstractNum ...
    d.para("甲", num=sibling)  # ... restarts once,
    d.para("乙", num=num)  # and the first w:num continues the same sequence
    d.para("丙", num=sibling)
    assert labels(read(d, tmp_path)) == ["1、", "2、", "3、"]


def test_numbering_through_a_paragraph_style(tmp_path):
    d = Doc()
    num = d.numbering([ARTICLE, CLAUSE])
    d.numbered_style("ArticleHeading", num, 0, bold=True)
    d.numbered_style("ClauseText", num, 1)
    d.para("定义", style="ArticleHeading")
    d.para("本合同所称服务指软件维护。", style="ClauseText")
    d.para("费用", style="ArticleHeading")
    d.para("服务费为十万元。", style="ClauseText")
    doc = read(d, tmp_path)
    assert labels(doc) == ["第一条", "1.1", "第二条", "2.1"]
    assert doc.clause_label(doc.text.index("服务费")) == "第二条 2.1"


def test_a_bullet_list_gets_no_label(tmp_path):
    d = Doc()
    num = d.numbering([Level("bullet", "\u2022")])
    d.para("甲方提供场地", num=num)
    d.para("乙方提供人员", num=num)
    doc = read(d, tmp_path)
    assert labels(doc) == [None, None]
    assert doc.text == "甲方提供场地\n乙方提供人员"


# --------------------------------------------------------------------------- tables


def account_table(d: Doc) -> None:
    d.para("收款账户如下：")
    d.table([
        ["户名", "", "开户行", "某银行"],
        [MERGED, "地址", Cell("北京市海淀区", span=2)],
        ["账户", table([["币种", "人民币"], ["账号", MERGED]]), "备注", Blank(6)],
    ])


def cell_of(doc, text: str):
    return block(doc, text).cell


def test_table_cells_are_blocks_with_their_position(tmp_path):
    d = Doc()
    account_table(d)
    doc = read(d, tmp_path)
    b = block(doc, "开户行")
    assert b.part == "table"
    assert b.cell.table == 0 and (b.cell.row, b.cell.col) == (0, 2)
    assert block(doc, "收款账户如下：").cell is None


def test_empty_cells_are_empty_blocks(tmp_path):
    d = Doc()
    account_table(d)
    doc = read(d, tmp_path)
    empty = [b.cell for b in doc.blocks if b.cell and b.start == b.end and b.cell.table == 0]
    assert (0, 1) in [(c.row, c.col) for c in empty]  # the cell beside 户名


def test_vertically_merged_continuation_cells_are_marked(tmp_path):
    d = Doc()
    account_table(d)
    doc = read(d, tmp_path)
    merged = [(b.cell.table, b.cell.row, b.cell.col) for b in doc.blocks if b.cell and b.cell.merged]
    assert merged == [(0, 1, 0), (1, 1, 1)]
    assert cell_of(doc, "户名").merged is False  # the first cell of the merge holds the text
    assert all(b.start == b.end for b in doc.blocks if b.cell and b.cell.merged)


def test_grid_span_advances_the_column_index(tmp_path):
    d = Doc()
    d.table([[Cell("跨两列", span=2), "第三列"], ["一", "二", "三"]])
    doc = read(d, tmp_path)
    assert cell_of(doc, "跨两列").col == 0
    assert cell_of(doc, "第三列").col == 2
    assert cell_of(doc, "三").col == 2


def test_nested_tables_are_read_with_their_own_id(tmp_path):
    d = Doc()
    account_table(d)
    doc = read(d, tmp_path)
    assert "币种" in doc.text and "人民币" in doc.text
    assert cell_of(doc, "人民币") == model.Cell(1, 0, 1)
    assert cell_of(doc, "备注") == model.Cell(0, 2, 2)  # the outer table goes on


# --------------------------------------------------------------------------- header, footer, text boxes


def test_header_and_footer_parts(tmp_path):
    d = Doc()
    d.header("合同编号：HT-2024-001")
    d.para("服务合同")
    d.footer("第 1 页")
    doc = read(d, tmp_path)
    head, foot = doc.text.index("合同编号"), doc.text.index("第 1 页")
    assert doc.part_at(head) == "header" and doc.part_at(foot) == "footer"
    assert doc.clause_label(head) == "页眉"
    assert doc.clause_label(foot) == "页脚"
    assert doc.part_at(doc.text.index("服务合同")) == "body"


@pytest.mark.parametrize("kind", ["both", "drawing", "vml"])
def test_text_box_text_is_present_once(tmp_path, kind):
    d = Doc()
    d.para("正文。")
    d.textbox("本页以下无正文", para("附件：清单"), kind=kind)
    doc = read(d, tmp_path)
    assert doc.text.count("本页以下无正文") == 1
    assert doc.text.count("附件：清单") == 1
    assert block(doc, "本页以下无正文").part == "textbox"
    assert block(doc, "附件：清单").part == "textbox"


# --------------------------------------------------------------------------- blanks, fields, comments


def test_underlined_blank_is_underscores_of_the_same_length(tmp_path):
    d = Doc()
    d.para("乙方：", Blank(8), "（盖章）")
    d.para("全角空格：", Text("\u3000\u3000\u3000", underline=True))
    doc = read(d, tmp_path)
    assert texts(doc) == ["乙方：________（盖章）", "全角空格：___"]
    first = doc.blocks[0]
    start = doc.text.index("_")
    assert first.underlined == ((start, start + 8),)


def test_underlined_value_next_to_a_blank_is_one_underlined_span(tmp_path):
    d = Doc()
    d.para("联系人：", Text("张三", underline=True), Blank(6))
    doc = read(d, tmp_path)
    assert doc.text == "联系人：张三______"
    start = doc.text.index("张三")
    assert doc.blocks[0].underlined == ((start, len(doc.text)),)  # the blank is filled by 张三


@pytest.mark.parametrize("simple", [False, True], ids=["complex", "simple"])
def test_merge_field_shows_its_result_not_its_instruction(tmp_path, simple):
    d = Doc()
    d.para("甲方：", MergeField("Name", simple=simple), "（以下简称甲方）")
    doc = read(d, tmp_path)
    assert doc.text == "甲方：«Name»（以下简称甲方）"
    assert "MERGEFIELD" not in doc.text


def test_comment_text_is_not_document_text(tmp_path):
    d = Doc()
    d.para("违约金为", Comment("合同总额的百分之三十", "比例偏高"), "。")
    doc = read(d, tmp_path)
    assert doc.text == "违约金为合同总额的百分之三十。"
    assert "比例偏高" not in doc.text


# --------------------------------------------------------------------------- bad input


def docx_without(part: str) -> bytes:
    d = Doc()
    d.para("正文")
    source = zipfile.ZipFile(io.BytesIO(d.to_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name != part:
                target.writestr(name, source.read(name))
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"this is plain text, not a zip", "not a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "legacy Word .doc"),
], ids=["not-a-zip", "ole"])
def test_bad_bytes_raise_read_error(data, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(data, "contract.docx", ".docx")


def test_zip_without_document_xml_raises_read_error():
    with pytest.raises(ReadError, match=r"damaged \.docx.*word/document\.xml"):
        read_bytes(docx_without("word/document.xml"), "contract.docx", ".docx")


def test_legacy_doc_path_suggests_soffice(tmp_path, monkeypatch):
    from contract_lint.readers import legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)  # as on a machine without LibreOffice
    path = tmp_path / "合同.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(ReadError, match="soffice"):
        read_path(path)


def test_truncated_docx_is_reported_as_damaged():
    d = Doc()
    d.para("正文")
    data = d.to_bytes()
    with pytest.raises(ReadError) as info:
        read_bytes(data[: len(data) // 2], "contract.docx", ".docx")
    assert "damaged" in str(info.value)
    assert "ValueError" not in str(info.value)


# --------------------------------------------------------------------------- end to end


def test_lint_reports_blanks_in_a_table_and_in_a_tracked_insertion(tmp_path):
    d = Doc()
    num = d.numbering([ARTICLE, CLAUSE])
    d.para("技术服务合同", bold=True, align="center")
    d.para("服务内容", num=(num, 0))
    d.para("乙方为甲方提供软件维护服务。", num=(num, 1))
    d.para("服务费用", num=(num, 0))
    d.para("服务费用为人民币十万元。", num=(num, 1))
    d.para("甲方应通过银行转账支付，收款账户如下：", num=(num, 1))
    d.table([["开户银行", Blank(12)], ["账号", "6222020200112233"]])
    d.para("交付", num=(num, 0))
    d.para("乙方应于合同生效后", Ins("____"), "个工作日内交付成果。", num=(num, 1))
    doc = read(d, tmp_path)
    findings = [f for f in contract_lint.lint(doc, contract_lint.load_rules())
                if f.rule == "placeholder-unfilled"]
    assert [(f.text, f.location.part, f.location.clause) for f in findings] == [
        ("_" * 12, "table", "第二条 2.2"),
        ("____", "body", "第三条 3.1"),
    ]
