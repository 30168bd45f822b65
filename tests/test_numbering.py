"""Word auto-numbering: number formats and the counters behind the labels Word shows."""

import io
import zipfile

import pytest
from lxml import etree

from contract_lint.readers.numbering import Level, Numbering, format_number
from tools.docxgen import Doc
from tools.docxgen import Level as GenLevel


@pytest.mark.parametrize("fmt, n, expected", [
    ("decimal", 7, "7"),
    ("decimal", 12, "12"),
    ("decimalZero", 5, "05"),
    ("decimalZero", 12, "12"),
    ("upperLetter", 1, "A"),
    ("upperLetter", 26, "Z"),
    ("upperLetter", 27, "AA"),
    ("upperLetter", 28, "BB"),
    ("lowerLetter", 2, "b"),
    ("lowerLetter", 27, "aa"),
    ("upperRoman", 4, "IV"),
    ("upperRoman", 9, "IX"),
    ("upperRoman", 14, "XIV"),
    ("upperRoman", 1999, "MCMXCIX"),
    ("lowerRoman", 3, "iii"),
    ("lowerRoman", 40, "xl"),
    ("chineseCounting", 1, "一"),
    ("chineseCounting", 2, "二"),
    ("chineseCounting", 3, "三"),
    ("chineseCounting", 4, "四"),
    ("chineseCounting", 5, "五"),
    ("chineseCounting", 6, "六"),
    ("chineseCounting", 7, "七"),
    ("chineseCounting", 8, "八"),
    ("chineseCounting", 9, "九"),
    ("chineseCounting", 10, "十"),
    ("chineseCounting", 11, "十一"),
    ("chineseCounting", 20, "二十"),
    ("chineseCounting", 21, "二十一"),
    ("chineseCounting", 100, "一百"),
    ("chineseCounting", 105, "一百零五"),
    ("chineseCounting", 110, "一百一十"),
    ("chineseLegalSimplified", 1, "壹"),
    ("chineseLegalSimplified", 10, "壹拾"),
    ("chineseLegalSimplified", 11, "壹拾壹"),
    ("chineseLegalSimplified", 20, "贰拾"),
    ("ideographTraditional", 1, "甲"),
    ("ideographTraditional", 3, "丙"),
    ("ideographTraditional", 10, "癸"),
    ("decimalEnclosedCircle", 1, "①"),
    ("decimalEnclosedCircle", 20, "⑳"),
    ("decimalEnclosedCircle", 21, "21"),  # no circled glyph: plain digits
    ("decimalFullWidth", 1, "１"),
    ("decimalFullWidth", 12, "１２"),
    ("ideographDigital", 3, "三"),
    ("ideographDigital", 10, "一〇"),
    ("ideographDigital", 2024, "二〇二四"),
    ("bullet", 3, ""),
    ("someFutureFormat", 3, "3"),  # unknown formats fall back to decimal
])
def test_format_number(fmt, n, expected):
    assert format_number(n, fmt) == expected


# --------------------------------------------------------------------------- counters


def numbering(*levels: Level, nums=("1",), overrides=None) -> Numbering:
    """One abstractNum "0" with `levels`, used by every w:num in `nums`."""
    return Numbering(abstract_levels={"0": dict(enumerate(levels))},
                     num_to_abstract=dict.fromkeys(nums, "0"),
                     overrides=overrides or {})


ARTICLE = Level("chineseCounting", "第%1条")
CLAUSE = Level("decimal", "%1.%2", legal=True)


def test_a_level_counts_from_its_start_value():
    n = numbering(Level("decimal", "%1.", start=3))
    assert [n.label("1", 0) for _ in range(3)] == ["3.", "4.", "5."]


def test_a_higher_level_resets_deeper_counters():
    n = numbering(ARTICLE, CLAUSE)
    steps = [0, 1, 1, 0, 1, 0, 0, 1]
    assert [n.label("1", lvl) for lvl in steps] == [
        "第一条", "1.1", "1.2", "第二条", "2.1", "第三条", "第四条", "4.1"]


def test_without_is_lgl_the_inherited_level_keeps_its_format():
    n = numbering(ARTICLE, Level("decimal", "%1.%2"))
    assert [n.label("1", lvl) for lvl in (0, 1)] == ["第一条", "一.1"]


def test_sibling_nums_sharing_an_abstract_num_continue_the_sequence():
    n = numbering(Level("decimal", "%1、"), nums=("1", "2"))
    assert [n.label(num, 0) for num in ("1", "1", "2", "1")] == ["1、", "2、", "3、", "4、"]


def test_start_override_restarts_once():
    n = numbering(Level("decimal", "%1、"), nums=("1", "2"), overrides={"2": {0: 1}})
    got = [n.label(num, 0) for num in ("1", "1", "2", "2", "2")]
    assert got == ["1、", "2、", "1、", "2、", "3、"]


def test_start_override_on_a_deeper_level():
    n = numbering(ARTICLE, CLAUSE, nums=("1", "2"), overrides={"2": {1: 5}})
    got = [n.label("1", 0), n.label("1", 1), n.label("2", 1), n.label("2", 1)]
    assert got == ["第一条", "1.1", "1.5", "1.6"]


def test_bullet_level_and_unknown_lists_have_no_label():
    n = numbering(Level("bullet", "\u2022"))
    assert n.label("1", 0) is None
    assert n.label("1", 3) is None  # level not defined
    assert n.label("99", 0) is None  # num not defined


def test_from_xml_reads_levels_nums_and_overrides():
    d = Doc()
    num = d.numbering([GenLevel("chineseCounting", "第%1条"), GenLevel("decimal", "%1.%2", legal=True)])
    again = d.restart(num, level=0, start=1)
    with zipfile.ZipFile(io.BytesIO(d.to_bytes())) as z:
        n = Numbering.from_xml(etree.fromstring(z.read("word/numbering.xml")))
    first, second = str(num.num_id), str(again.num_id)
    got = [n.label(first, 0), n.label(first, 1), n.label(first, 0), n.label(second, 0), n.label(second, 1)]
    assert got == ["第一条", "1.1", "第二条", "第一条", "1.1"]


def test_from_xml_without_a_numbering_part():
    assert Numbering.from_xml(None).label("1", 0) is None


def test_a_repeated_article_number_is_one_finding():
    from contract_lint import document_from_text, lint, load_rules

    text = ("开发合同\n第一条 内容\n1.1 开发小程序。\n第二条 交付\n2.1 按期交付。\n第二条 周期\n3.1 开发周期九十日。\n"
            "3.2 分三个阶段。\n第四条 费用\n4.1 开发费五万元。\n")
    findings = [f for f in lint(document_from_text(text), load_rules()) if f.rule == "numbering-gap"]
    assert [f.text for f in findings] == ["第二条 周期"]
