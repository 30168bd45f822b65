"""tools.docxgen and tools.build_corpus: build documents, read the XML back with lxml."""

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tools import build_corpus
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
    split_text,
    table,
)

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {
    "w": W[1:-1],
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.namelist()


def body(doc: Doc) -> etree._Element:
    return part(doc.to_bytes(), "word/document.xml").find("w:body", NS)


def text_of(node) -> str:
    """Accepted text: w:t only (w:delText is not w:t), one copy of a text box."""
    return "".join(t.text for t in node.iterfind(".//w:t", NS)
                   if not any(a.tag == f"{{{NS['mc']}}}Fallback" for a in t.iterancestors()))


def first_para(doc: Doc) -> etree._Element:
    return body(doc).find("w:p", NS)


# --------------------------------------------------------------------------- runs


def test_split_text_is_lossless_and_stable():
    text = "乙方应在本合同生效之日起十个工作日内完成全部服务"
    parts = split_text(text)
    assert "".join(parts) == text
    assert 2 <= len(parts) <= 4
    assert split_text(text) == parts
    assert split_text("甲") == ["甲"]
    assert split_text(text, enabled=False) == [text]


def test_paragraph_is_split_into_runs_with_varying_properties():
    d = Doc()
    d.para("本合同自双方签字盖章之日起生效，有效期一年。")
    p = first_para(d)
    runs = p.findall("w:r", NS)
    assert len(runs) >= 2
    assert text_of(p) == "本合同自双方签字盖章之日起生效，有效期一年。"
    props = {etree.tostring(r.find("w:rPr", NS)) if r.find("w:rPr", NS) is not None else b""
             for r in runs}
    assert len(props) >= 2  # alternating run properties, like an edited Word document


def test_split_can_be_turned_off():
    d = Doc(split=False)
    d.para("本合同自双方签字盖章之日起生效。")
    assert len(first_para(d).findall("w:r", NS)) == 1


def test_bold_and_underlined_text():
    d = Doc()
    d.para(Text("保密", bold=True), Text("条款", underline=True))
    runs = first_para(d).findall("w:r", NS)
    bold = [r for r in runs if r.find("w:rPr/w:b", NS) is not None
            and r.find("w:rPr/w:b", NS).get(f"{W}val") is None]
    under = [r for r in runs if r.find("w:rPr/w:u", NS) is not None]
    assert "".join(r.findtext("w:t", namespaces=NS) for r in bold) == "保密"
    assert "".join(r.findtext("w:t", namespaces=NS) for r in under) == "条款"


def test_blank_is_one_underlined_run_of_spaces():
    d = Doc()
    d.para("乙方：", Blank(8), "（盖章）")
    blanks = [r for r in first_para(d).findall("w:r", NS)
              if r.find("w:rPr/w:u", NS) is not None]
    assert len(blanks) == 1
    t = blanks[0].find("w:t", NS)
    assert t.text == " " * 8
    assert t.get(XML_SPACE) == "preserve"
    assert blanks[0].find("w:rPr/w:u", NS).get(f"{W}val") == "single"


# --------------------------------------------------------------------------- numbering


def test_numbering_part_and_numbered_paragraphs():
    d = Doc()
    num = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.para("服务内容", num=(num, 0))
    d.para("乙方提供咨询服务。", num=(num, 1))
    data = d.to_bytes()
    numbering = part(data, "word/numbering.xml")
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{num.abstract_id}']", NS)
    lvl0, lvl1 = abstract.findall("w:lvl", NS)
    assert lvl0.find("w:numFmt", NS).get(f"{W}val") == "chineseCounting"
    assert lvl0.find("w:lvlText", NS).get(f"{W}val") == "第%1条"
    assert lvl0.find("w:start", NS).get(f"{W}val") == "1"
    assert lvl1.find("w:lvlText", NS).get(f"{W}val") == "%1.%2"
    assert lvl1.find("w:isLgl", NS) is not None
    w_num = numbering.find(f"w:num[@w:numId='{num.num_id}']", NS)
    assert w_num.find("w:abstractNumId", NS).get(f"{W}val") == str(num.abstract_id)
    # schema order: all abstractNum elements before the first num
    tags = [etree.QName(x).localname for x in numbering if isinstance(x.tag, str)]
    assert tags.index("num") > max(i for i, t in enumerate(tags) if t == "abstractNum")

    paras = part(data, "word/document.xml").findall(".//w:body/w:p", NS)
    assert [p.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{W}val") for p in paras] == ["0", "1"]
    assert {p.find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val") for p in paras} == {
        str(num.num_id)}
    assert text_of(paras[0]) == "服务内容"  # the number lives in numbering.xml only


@pytest.mark.parametrize("fmt", ["decimal", "chineseCounting", "chineseLegalSimplified",
                                 "ideographTraditional", "upperLetter", "lowerLetter",
                                 "decimalEnclosedCircle"])
def test_number_formats(fmt):
    d = Doc()
    num = d.numbering([Level(fmt, "（%1）", start=3)])
    lvl = part(d.to_bytes(), "word/numbering.xml").find(
        f"w:abstractNum[@w:abstractNumId='{num.abstract_id}']/w:lvl", NS)
    assert lvl.find("w:numFmt", NS).get(f"{W}val") == fmt
    assert lvl.find("w:start", NS).get(f"{W}val") == "3"
    assert lvl.find("w:lvlText", NS).get(f"{W}val") == "（%1）"


def test_restart_adds_lvl_override():
    d = Doc()
    num = d.numbering([Level("decimal", "%1、")])
    again = d.restart(num, level=0, start=1)
    assert again.abstract_id == num.abstract_id and again.num_id != num.num_id
    d.para("第一项", num=again)
    w_num = part(d.to_bytes(), "word/numbering.xml").find(
        f"w:num[@w:numId='{again.num_id}']", NS)
    override = w_num.find("w:lvlOverride", NS)
    assert override.get(f"{W}ilvl") == "0"
    assert override.find("w:startOverride", NS).get(f"{W}val") == "1"


def test_numbering_through_a_paragraph_style():
    d = Doc()
    num = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.numbered_style("ArticleHeading", num, 0, bold=True)
    d.numbered_style("ClauseText", num, 1)
    d.para("定义", style="ArticleHeading")
    d.para("本合同所称服务指……", style="ClauseText")
    data = d.to_bytes()
    styles = part(data, "word/styles.xml")
    article = styles.find("w:style[@w:styleId='ArticleHeading']", NS)
    assert article.find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val") == str(num.num_id)
    assert article.find("w:pPr/w:numPr/w:ilvl", NS) is None  # as Word writes level 0
    clause = styles.find("w:style[@w:styleId='ClauseText']", NS)
    assert clause.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{W}val") == "1"
    lvls = part(data, "word/numbering.xml").findall(
        f"w:abstractNum[@w:abstractNumId='{num.abstract_id}']/w:lvl", NS)
    assert [lvl.find("w:pStyle", NS).get(f"{W}val") for lvl in lvls] == [
        "ArticleHeading", "ClauseText"]
    assert [etree.QName(x).localname for x in lvls[0]][:3] == ["start", "numFmt", "pStyle"]
    p = part(data, "word/document.xml").find(".//w:body/w:p", NS)
    assert p.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "ArticleHeading"
    assert p.find("w:pPr/w:numPr", NS) is None


# --------------------------------------------------------------------------- revisions, fields


def test_tracked_insertion_and_deletion():
    d = Doc()
    d.para("乙方应", Ins("按时"), "交付", Del("初稿"), "成果。")
    p = first_para(d)
    ins, dele = p.find("w:ins", NS), p.find("w:del", NS)
    for node in (ins, dele):
        assert node.get(f"{W}author") and node.get(f"{W}date") and node.get(f"{W}id")
    assert text_of(ins) == "按时"
    assert "".join(x.text for x in dele.iterfind(".//w:delText", NS)) == "初稿"
    assert dele.find(".//w:t", NS) is None
    assert text_of(p) == "乙方应按时交付成果。"


def test_merge_field_complex_and_simple():
    d = Doc()
    d.para("甲方：", MergeField("甲方名称"), "，乙方：", MergeField("乙方名称", simple=True))
    p = first_para(d)
    kinds = [x.get(f"{W}fldCharType") for x in p.iterfind(".//w:fldChar", NS)]
    assert kinds == ["begin", "separate", "end"]
    instr = "".join(x.text for x in p.iterfind(".//w:instrText", NS))
    assert instr == " MERGEFIELD 甲方名称 "
    simple = p.find("w:fldSimple", NS)
    assert simple.get(f"{W}instr") == " MERGEFIELD 乙方名称 "
    assert text_of(simple) == "«乙方名称»"
    assert text_of(p) == "甲方：«甲方名称»，乙方：«乙方名称»"


def test_comment_part_and_anchor():
    d = Doc()
    d.para("违约金为", Comment("合同总额的百分之三十", "比例偏高"), "。")
    data = d.to_bytes()
    assert "word/comments.xml" in names(data)
    comment = part(data, "word/comments.xml").find("w:comment", NS)
    assert text_of(comment) == "比例偏高" and comment.get(f"{W}date")
    rels = part(data, "word/_rels/document.xml.rels")
    assert any(r.get("Target") == "comments.xml" for r in rels)
    types = part(data, "[Content_Types].xml")
    assert types.find("ct:Override[@PartName='/word/comments.xml']", NS) is not None
    p = part(data, "word/document.xml").find(".//w:body/w:p", NS)
    children = list(p)
    start = children.index(p.find("w:commentRangeStart", NS))
    end = children.index(p.find("w:commentRangeEnd", NS))
    assert "".join(text_of(x) for x in children[start:end]) == "合同总额的百分之三十"
    cid = comment.get(f"{W}id")
    assert p.find(".//w:commentReference", NS).get(f"{W}id") == cid
    assert children[start].get(f"{W}id") == children[end].get(f"{W}id") == cid


# --------------------------------------------------------------------------- containers


def test_header_and_footer_parts():
    d = Doc()
    d.header("合同编号：", Blank(10))
    d.footer("第", MergeField("PAGE", simple=True), "页")
    d.para("正文")
    data = d.to_bytes()
    header, footer = part(data, "word/header1.xml"), part(data, "word/footer1.xml")
    assert text_of(header) == "合同编号：" + " " * 10
    assert len(header.findall("w:p", NS)) == 1  # python-docx's empty paragraph is gone
    assert text_of(footer) == "第«PAGE»页"
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect.find("w:headerReference[@w:type='default']", NS) is not None
    assert sect.find("w:footerReference[@w:type='default']", NS) is not None


def test_tables_merges_and_nesting():
    d = Doc()
    d.table([
        ["甲方", "", "乙方", ""],
        [MERGED, "地址", Cell("跨两列", span=2)],
        ["账户", table([["币种", "人民币"], ["账号", MERGED]]), "", Blank(6)],
    ])
    tbl = body(d).find("w:tbl", NS)
    rows = tbl.findall("w:tr", NS)
    assert len(tbl.findall("w:tblGrid/w:gridCol", NS)) == 4
    first = rows[0].findall("w:tc", NS)
    assert first[0].find("w:tcPr/w:vMerge", NS).get(f"{W}val") == "restart"
    assert text_of(first[1]) == "" and first[1].find("w:p", NS) is not None  # empty cell
    second = rows[1].findall("w:tc", NS)
    assert second[0].find("w:tcPr/w:vMerge", NS).get(f"{W}val") is None  # continue
    assert second[2].find("w:tcPr/w:gridSpan", NS).get(f"{W}val") == "2"
    nested_cell = rows[2].findall("w:tc", NS)[1]
    nested = nested_cell.find("w:tbl", NS)
    assert nested is not None and text_of(nested) == "币种人民币账号"
    assert nested_cell[-1].tag == f"{W}p"  # a cell must end with a paragraph
    for tc in tbl.iter(f"{W}tc"):
        assert tc[-1].tag == f"{W}p"


def test_merged_cell_needs_a_cell_above():
    with pytest.raises(ValueError):
        Doc().table([[MERGED, "x"]])


@pytest.mark.parametrize("kind, copies", [("vml", 1), ("drawing", 1), ("both", 2)])
def test_text_box(kind, copies):
    d = Doc()
    d.textbox("本页以下无正文", para("附件：", Blank(4)), kind=kind)
    p = first_para(d)
    boxes = p.findall(".//w:txbxContent", NS)
    assert len(boxes) == copies
    for box in boxes:
        assert "".join(t.text for t in box.iterfind(".//w:t", NS)) == "本页以下无正文附件：    "
    assert (p.find(".//v:textbox", NS) is not None) == (kind != "drawing")
    assert (p.find(".//wps:txbx", NS) is not None) == (kind != "vml")
    if kind == "both":
        assert p.find(".//mc:AlternateContent/mc:Choice", NS).get("Requires") == "wps"


# --------------------------------------------------------------------------- output


def everything() -> Doc:
    d = Doc()
    num = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.header("保密")
    d.footer("共一页")
    d.para("服务合同", bold=True, align="center")
    d.para("服务内容", num=(num, 0))
    d.para("乙方于", Blank(4), "日内", Ins("完成"), Del("交付"), Comment("全部", "范围？"),
           MergeField("甲方"), num=(num, 1))
    d.table([["甲方", ""], [MERGED, table([["a", "b"]])]])
    d.textbox("文本框")
    return d


def test_same_input_gives_identical_bytes():
    first, second = everything().to_bytes(), everything().to_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {(2024, 1, 1, 0, 0, 0)}
    core = part(first, "docProps/core.xml")
    assert "2024-01-01" in etree.tostring(core).decode()


def test_bytes_do_not_depend_on_the_process_hash_seed(tmp_path):
    script = ("import sys; from tests.test_docxgen import everything; "
              "sys.stdout.buffer.write(everything().to_bytes())")
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                                capture_output=True, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_python_docx_reads_the_result():
    document = docx.Document(io.BytesIO(everything().to_bytes()))
    assert document.paragraphs[0].text == "服务合同"


# --------------------------------------------------------------------------- build_corpus

DOCSRC = """\
;; a comment line
@header: 合同编号：{blank:10}
@footer: 本合同一式两份
@title: 技术服务合同

甲方：{merge:甲方名称}，乙方：{blank:12}
鉴于{b:甲方}需要{u:技术服务}，{comment:双方|是否协商？}订立本合同。
@article: 服务内容
@clause: 乙方应于{blank:4}日内完成{ins:全部}服务{del:及培训}。
@clause: 服务地点另行约定。
@article: 费用
@clause: 账户如下：
@table
户名 |  | 开户行 | {blank:6}
^^ | 地址 | @cell-table{币种 | 人民币 ;; 账号 | {blank:16}} | a|b
@endtable
@textbox: 本页以下无正文
"""


def build(tmp_path, files: dict[str, bytes | str], *args: str) -> int:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir(exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (src / name).write_bytes(data)
    return build_corpus.main(["--src", str(src), "--out", str(out), *args])


def test_parse_inline():
    pieces = build_corpus.parse_inline("甲{blank:3}乙{comment:A|B|C}{b:粗}{u:线}{x:y}")
    assert pieces == ["甲", Blank(3), "乙", Comment("A", "B|C"), Text("粗", bold=True),
                      Text("线", underline=True), "{x:y}"]
    with pytest.raises(ValueError):
        build_corpus.parse_inline("{ins:unclosed")
    with pytest.raises(ValueError):
        build_corpus.parse_inline("{ins:{b:nested}}")


def test_split_cells():
    assert [c.strip() for c in build_corpus.split_top("甲方 |  | 乙方 | ", "|")] == [
        "甲方", "", "乙方", ""]
    assert [c.strip() for c in build_corpus.split_top("甲方 |  | 乙方 |", "|")] == [
        "甲方", "", "乙方", ""]
    assert build_corpus.split_top("{comment:a | b} | a|b", "|") == ["{comment:a | b} ", " a|b"]


def test_build_corpus_docx(tmp_path):
    assert build(tmp_path, {"demo.docsrc": DOCSRC}) == 0
    data = (tmp_path / "out" / "demo.docx").read_bytes()
    doc = part(data, "word/document.xml").find("w:body", NS)
    paras = doc.findall("w:p", NS)
    assert paras[0].find("w:pPr/w:jc", NS).get(f"{W}val") == "center"
    assert text_of(paras[0]) == "技术服务合同"
    numbered = [(text_of(p), p.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{W}val"))
                for p in paras if p.find("w:pPr/w:numPr", NS) is not None]
    assert numbered == [("服务内容", "0"), ("乙方应于    日内完成全部服务。", "1"),
                        ("服务地点另行约定。", "1"), ("费用", "0"), ("账户如下：", "1")]
    lvl0 = part(data, "word/numbering.xml").find(".//w:abstractNum[last()]/w:lvl", NS)
    assert lvl0.find("w:lvlText", NS).get(f"{W}val") == "第%1条"
    assert text_of(paras[1]) == "甲方：«甲方名称»，乙方：" + " " * 12
    assert "word/comments.xml" in names(data)
    assert text_of(part(data, "word/header1.xml")) == "合同编号：" + " " * 10
    assert text_of(part(data, "word/footer1.xml")) == "本合同一式两份"
    rows = doc.find("w:tbl", NS).findall("w:tr", NS)
    cells = rows[1].findall("w:tc", NS)
    assert len(cells) == 4
    assert cells[0].find("w:tcPr/w:vMerge", NS) is not None
    assert cells[2].find("w:tbl", NS) is not None
    assert text_of(cells[3]) == "a|b"
    assert len(doc.findall(".//w:txbxContent", NS)) == 2  # drawing + VML fallback
    for p in paras[:6]:
        assert len(p.findall(".//w:r", NS)) >= 2  # every paragraph split into runs


def test_build_corpus_check(tmp_path, capsys):
    files = {"a.docsrc": DOCSRC, "b.gbksrc": "甲方：某某公司\n金额：壹万元\n"}
    assert build(tmp_path, files, "--check") == 1  # nothing generated yet
    assert build(tmp_path, files) == 0
    assert build(tmp_path, files, "--check") == 0
    target = tmp_path / "out" / "a.docx"
    before = target.stat().st_mtime_ns
    assert build(tmp_path, files) == 0
    assert target.stat().st_mtime_ns == before  # unchanged files are not rewritten
    target.write_bytes(target.read_bytes() + b"\0")
    assert build(tmp_path, files, "--check") == 1
    assert "a.docx" in capsys.readouterr().err


def test_build_corpus_gbk(tmp_path, capsys):
    assert build(tmp_path, {"t.gbksrc": "\ufeff甲方：某某公司\r\n"}) == 0
    data = (tmp_path / "out" / "t.txt").read_bytes()
    assert data.decode("gbk") == "甲方：某某公司\r\n"
    assert build(tmp_path, {"t.gbksrc": "乙方：😀\n"}) == 2
    assert "not in GBK" in capsys.readouterr().err


@pytest.mark.parametrize("source, message", [
    ("@clause: x", "before the first @article"),
    ("@table\na | b\n", "without @endtable"),
    ("@table\na | b\nc\n@endtable", "row 2 has 1 cells"),
    ("@bogus: x", "unknown directive"),
    ("x {blank:n}", "positive number"),
    ("@table\n^^ | a\n@endtable", "no cell above"),
])
def test_build_corpus_errors(tmp_path, capsys, source, message):
    assert build(tmp_path, {"bad.docsrc": source}) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.docsrc:" in err
