"""The facts layer: one parser per kind of value, and the document's regions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from contract_lint import document_from_text, facts
from contract_lint.facts.money import find as find_money
from contract_lint.facts.periods import find_dates, find_durations, signing_date
from contract_lint.facts.rates import find_rates
from contract_lint.numerals import strict_integer, to_int, to_number
from contract_lint.textview import MASK, normalise

# --- the normalised view -----------------------------------------------------------------------


@pytest.mark.parametrize("text, view", [
    ("甲方:张三,乙方(李四);", "甲方：张三，乙方（李四）；"),
    ("共1,000元,9:00开始", "共1,000元，9:00开始"),  # a thousands separator and a time stay ASCII
    ("ＡＢ１２３", "AB123"),
    ("\\_\\_\\_元", "______元"),  # an escaped Markdown blank is a blank
])
def test_normalise_keeps_length_and_reads_both_spellings(text, view):
    assert normalise(text) == view
    assert len(normalise(text)) == len(text)


def test_normalise_masks_comments_but_keeps_lines():
    text = "甲方：<!-- contract-lint: disable=CL001 -->\n乙方：<!--\n备注\n-->李四!"
    view = normalise(text)
    assert len(view) == len(text) and view.count("\n") == text.count("\n")
    assert "disable" not in view and "备注" not in view and view.endswith("李四！")
    assert MASK in view


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("十二", 12), ("一百零五", 105), ("二〇二六", 2026), ("壹万伍仟", 15000), ("两千", 2000),
    ("1.5万", 15000), ("十万零三", 100003), ("一千二百万", 12000000), ("零点五", Decimal("0.5")),
    ("十一万三", 113000), ("一千五", 1500), ("一千零五十", 1050), ("1,500.50", Decimal("1500.50")),
    ("５", 5), ("半", Decimal("0.5")), ("一亿二千万", 120000000),
])
def test_to_number(text, value):
    assert to_number(text) == value


@pytest.mark.parametrize("text", ["万", "一二百", "十百", "元", "", "三点"])
def test_to_number_refuses_what_is_no_number(text):
    assert to_number(text) is None


def test_strict_integer_is_the_capital_amount_reading():
    assert strict_integer("壹拾捌万") == 180000
    assert strict_integer("叁仟零伍") == 3005
    assert strict_integer("壹仟伍") is None  # colloquial shorthand is no capital amount
    assert strict_integer("一万") is None  # everyday numerals are no capitals
    assert to_int("壹仟伍") == 1500  # …though it is a number


def test_numerals_agree_with_cn2an_wherever_it_reads_the_number():
    cn2an = pytest.importorskip("cn2an")
    for n in list(range(0, 3000)) + list(range(3000, 100000, 37)):
        for mode in ("low", "up"):
            written = cn2an.an2cn(n, mode)
            assert to_int(written) == n == cn2an.cn2an(written, "strict"), written


def test_where_cn2an_falls_short_for_contracts():
    cn2an = pytest.importorskip("cn2an")
    # its lenient mode takes colloquial shorthand that a capital amount must not use
    assert cn2an.cn2an("壹仟伍", "normal") == 1500 and strict_integer("壹仟伍") is None
    # its strict mode refuses ordinary writings of dates and counts
    for text, value in (("二〇二六", 2026), ("两", 2)):
        with pytest.raises(ValueError):
            cn2an.cn2an(text, "strict")
        assert to_int(text) == value
    with pytest.raises(ValueError):  # and it has no 半 (半年, 半个月)
        cn2an.cn2an("半", "smart")


# --- money, rates, durations --------------------------------------------------------------------


def test_money_reads_figures_and_capitals():
    found = find_money("服务费人民币15,000元（大写：壹万伍仟元整），另付1.5万元，¥3,005.50。")
    assert [(a.form, a.value) for a in found] == [("figure", 15000), ("capital", 15000), ("figure", 15000),
                                                  ("figure", Decimal("3005.50"))]


def test_money_padding_of_a_filled_blank_is_not_part_of_the_amount():
    text = "合同总价（大写：人民币陆万元整___）"
    (amount,) = find_money(text)
    assert amount.value == 60000 and text[amount.start:amount.end] == "人民币陆万元整"


def test_money_padding_left_inside_a_typed_capital():
    (amount,) = find_money("人民币（大写）：_叁万捌仟______元（小写）")
    assert amount.value == 38000


def test_money_figures_typed_over_a_line():
    found = find_money("设计费总额为人民币__24,390.00__元（大写：__贰万叁仟叁佰玖拾元整__）")
    assert [(a.form, a.value) for a in found] == [("figure", Decimal("24390.00")), ("capital", 23390)]


def test_money_a_garbled_capital_does_not_parse():
    amounts = find_money("大写：贰万伍仟元整_元整。")
    assert [a.value for a in amounts] == [None]


@pytest.mark.parametrize("text, value, kind", [
    ("按0.5%支付", "0.005", "share"), ("1 ‰", "0.001", "share"), ("千分之一", "0.001", "share"),
    ("0.1%", "0.001", "share"), ("1%o", "0.001", "share"), ("万分之五", "0.0005", "share"),
    ("百分之三十", "0.3", "share"), ("百分之零点五", "0.005", "share"), ("双倍返还", "2", "multiple"),
    ("按两倍支付", "2", "multiple"), ("3倍", "3", "multiple"),
    ("服务费用总额的_50_%", "0.5", "share"),  # typed over a form's line: the padding is no part of it
])
def test_rates(text, value, kind):
    (rate,) = find_rates(text)
    assert (rate.value, rate.kind) == (Decimal(value), kind)


def test_a_rate_is_shown_as_written_without_its_padding():
    text = "按总额的_50_%支付"
    (rate,) = find_rates(text)
    assert rate.written(text) == "50%"


def test_dates_typed_over_a_line_are_dates():
    (found,) = find_dates("签订日期：_2026__年_9_月_28_日")
    assert found.date == dt.date(2026, 9, 28)


def test_the_signing_date_is_the_signing_blocks_not_an_annexs():
    doc = document_from_text("翻译合同\n一、期限\n自2026年10月9日起至2027年1月8日止。\n"
                             "二、其他\n本合同自双方签字之日起生效。\n"
                             "甲方（盖章）：某公司\n乙方（签字）：张三\n签订日期：_2026__年_9_月_28_日\n"
                             "附件二：交稿进度表\n第三批：2026年12月30日前交稿。\n")
    assert signing_date(doc) == dt.date(2026, 9, 28)
    assert facts.of(doc).regions.at(doc.text.index("第三批")) == "annex"


def test_a_deadline_in_a_sentence_about_signing_is_no_signing_date():
    doc = document_from_text("服务合同\n第一条 付款\n本合同签订后，乙方应于2026年12月30日前交付全部成果。\n")
    assert signing_date(doc) is None
    doc = document_from_text("服务合同\n第一条 其他\n本合同于2026年3月1日在杭州签订。\n")
    assert signing_date(doc) == dt.date(2026, 3, 1)


def test_durations():
    found = find_durations("服务期一年，验收期30个工作日，保密期限半年，每日4小时，"
                           "期间为2025年10月1日至2026年9月30日。")
    assert [(d.amount, d.unit) for d in found] == [(1, "year"), (30, "workday"), (Decimal("0.5"), "year"),
                                                    (4, "hour")]


# --- regions -------------------------------------------------------------------------------------


def regions(text: str, fmt: str = "txt"):
    return facts.of(document_from_text(text, fmt=fmt)).regions


def test_registration_page_and_stamp_box_are_not_the_contract():
    text = ("技术服务合同\n甲方：某公司\n第一条 服务\n乙方提供运维服务。\n甲方（盖章）：\n乙方（盖章）：\n"
            "印花税票粘贴处\n以下由技术合同登记机构填写\n登记编号：______\n经办人：______\n")
    found = regions(text)
    assert found.at(text.index("登记编号")) == "registration" and found.outside(text.index("登记编号"))
    assert found.at(text.index("印花税")) == "stamp_duty"
    assert not found.outside(text.index("乙方提供"))


def test_instructions_before_the_contract_end_where_the_contract_starts():
    text = ("委托合同\n（示范文本）\n使用说明\n一、本文本供当事人参照使用。\n二、空白处由当事人填写。\n"
            "委托合同\n甲方（委托人）：\n第一条 委托事务\n甲方委托乙方办理登记。\n")
    found = regions(text)
    assert found.at(text.index("空白处")) == "instructions"
    assert found.at(text.index("甲方（委托人）")) is None


def test_notes_after_the_signing_block():
    text = ("服务合同\n第一条 服务\n乙方提供服务。\n甲方（盖章）：\n乙方（盖章）：\n"
            "风险提示\n1.请根据实际情况选择价格形式。\n")
    found = regions(text)
    assert found.at(text.index("请根据")) == "notes"


def test_web_page_debris_and_a_truncated_preview():
    text = ("兼职运营合同.docxVIP\n1、本站文档仅供学习，下载后不支持退款。\n查看更多\n兼职运营合同\n甲方：\n乙方：\n"
            "第一条 服务内容\n乙方为甲方提供店铺运营服务。\n第二条 权限\n2.1 甲方授权乙方使用店铺后台。\n"
            "2.2 合规性：双方均应遵守电子商务相关的\n文档评论(0)\n实名认证\n专业上传各类文档\n相关文档\n")
    found = regions(text)
    assert found.at(text.index("本站")) == "debris"
    assert found.at(text.index("实名认证")) == "debris"
    assert not found.outside(text.index("乙方为甲方"))
    assert found.truncated


@pytest.mark.parametrize("tail", ["……\n免费预览已结束，剩余3页可下载查看\n下载文档　收藏　分享\n",
                                  "剩余2页未读，继续阅读\n"])
def test_a_preview_that_says_it_was_cut_is_truncated(tail):
    text = ("小程序代运营协议\n甲方：\n乙方：\n第一条 服务内容\n乙方负责小程序运营。\n第二条 费用\n费用为每月一千元。\n"
            "第三条 解除\n3.1 任何一方可以提前通知解除。\n") + tail
    assert regions(text).truncated


def test_a_complete_contract_is_not_truncated():
    found = regions("服务合同\n甲方：甲\n乙方：乙\n第一条 服务\n乙方提供服务。\n第二条 费用\n费用为一千元。\n"
                    "甲方（盖章）：\n乙方（签字）：\n")
    assert not found.truncated and not found.of_kind("debris")
