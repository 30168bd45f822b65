"""Identifiers, amounts and dates: the pure helpers (checksums and parsers, against values
computed by hand from the standards) and the rules CL005–CL010 on small documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from contract_lint import document_from_text, lint
from contract_lint.checks import CHECKS
from contract_lint.checks.identifier import (
    credit_check_char,
    credit_code_problem,
    id_check_char,
    id_number_problem,
    phone_problem,
)
from contract_lint.facts.money import parse_capital, parse_figure
from contract_lint.facts.periods import add_duration, duration_agrees, find_dates, parse_date, parse_duration
from contract_lint.rules import builtin_rules_dir, load_rule_file

MINE = ("credit-code-invalid", "id-number-invalid", "phone-invalid", "amount-mismatch", "date-invalid", "date-order")
RULES = {name: load_rule_file(builtin_rules_dir() / f"{name}.yaml", CHECKS) for name in MINE}


def fired(rule_id: str, text: str) -> list[str]:
    return [f.text for f in lint(document_from_text(text), [RULES[rule_id]])]


# --- GB 32100-2015 ------------------------------------------------------------------------

def test_credit_check_character_by_hand():
    # 9 1 3 3 0 1 0 6 M A 2 K Q 8 D 1 0 with values M=21 A=10 K=19 Q=24 D=13:
    # 9·1+1·3+3·9+3·27+0+1·26+0+6·17+21·20+10·29+2·25+19·13+24·8+8·24+13·10+1·30+0 = 1799;
    # 1799 mod 31 = 1, 31 − 1 = 30 → Y
    assert credit_check_char("91330106MA2KQ8D10") == "Y"
    assert credit_code_problem("91330106MA2KQ8D10Y") is None
    assert credit_code_problem("91330106ma2kq8d10y") is None  # read case-insensitively


@pytest.mark.parametrize("code", ["91440300MA5H7WJ306", "92510107MA6C4TR20J", "91110108MA01X5G70K",
                                  "91320594MA1N2RE80W"])
def test_valid_credit_codes(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize(("code", "problem"), [
    ("91330106MA2KQ8D10X", "checksum"),
    ("91330106MA2KQ8D1Y", "length"),
    ("91330106MA2KQ8D10YY", "length"),
    ("91440300MA5H7WJ3O6", "chars"),  # O is not in the code table
    ("91440300MA5H7WJ3S6", "chars"),
])
def test_invalid_credit_codes(code, problem):
    assert credit_code_problem(code) == problem


# --- GB 11643-1999 ------------------------------------------------------------------------

def test_id_check_character_by_hand():
    # 3·7+3·9+0·10+1·5+0·8+6·4+1·2+9·1+9·6+0·3+0·7+3·9+0·10+7·5+1·8+2·4+3·2 = 226;
    # 226 mod 11 = 6 → "10X98765432"[6] = "6"
    assert id_check_char("33010619900307123") == "6"
    assert id_check_char("32058419781230567") == "X"


@pytest.mark.parametrize("number", ["330106199003071236", "440305198511230024", "510107200102154489",
                                    "32058419781230567x", "110105490101001"])
def test_valid_id_numbers(number):
    assert id_number_problem(number) is None


@pytest.mark.parametrize(("number", "signed", "problem"), [
    ("330106199003071235", None, "checksum"),
    ("440305198502300024", None, "birth"),       # 1985-02-30
    ("110105491301001", None, "birth"),          # legacy: 1949-13-01
    ("510107200102154489", dt.date(2000, 1, 1), "born_after"),
    ("3301061990030712", None, "length"),
    ("33010619900307123Y", None, "chars"),
])
def test_invalid_id_numbers(number, signed, problem):
    assert id_number_problem(number, signed) == problem


# --- phone numbers ------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["13812345678", "138-1234-5678", "138 1234 5678", "0571-88613072",
                                    "057188613072", "010-62978531", "(0571)88613072", "0512-6631720",
                                    "0571-88613072转806", "0571-88613072-806", "400-820-8820", "8008208820",
                                    "+86 13812345678", "+86-571-88613072"])
def test_valid_phones(number):
    assert phone_problem(number) is None


@pytest.mark.parametrize("number", ["1381234567", "12812345678", "88613072", "0571-886130", "010-6297853",
                                    "4001234", "138123456789"])
def test_invalid_phones(number):
    assert phone_problem(number) == "invalid"


# --- amounts --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("人民币壹万伍仟元整", "15000"),
    ("壹拾捌万元整", "180000"),
    ("拾万元整", "100000"),
    ("叁仟零伍元伍角", "3005.5"),
    ("壹佰元零伍分", "100.05"),
    ("壹亿零伍佰万元正", "105000000"),
    ("玖万陆仟元整", "96000"),
    ("壹万零贰拾元整", "10020"),
    ("伍角", "0.5"),
])
def test_parse_capital(text, value):
    assert parse_capital(text) == Decimal(value)


@pytest.mark.parametrize("text", ["贰万伍仟元整_元整", "壹拾伍", "壹仟伍元", "伍佰壹仟元", "元整", "壹贰元", "拾光"])
def test_parse_capital_rejects(text):
    assert parse_capital(text) is None


def test_parse_figure():
    assert parse_figure("15,000.00", None) == Decimal("15000")
    assert parse_figure("1.5", "万元") == Decimal("15000")


# --- dates and durations ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("2025年3月1日", dt.date(2025, 3, 1)),
    ("2025-03-01", dt.date(2025, 3, 1)),
    ("2025.3.1", dt.date(2025, 3, 1)),
    ("2025/3/1", dt.date(2025, 3, 1)),
    ("二〇二五年三月一日", dt.date(2025, 3, 1)),
    ("二〇二五年十二月三十一日", dt.date(2025, 12, 31)),
    ("2024年2月29日", dt.date(2024, 2, 29)),
])
def test_parse_date(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2025年2月30日", "2026-13-01", "2025年4月31日", "2026年2月29日", "1900年2月29日"])
def test_impossible_dates_are_found_but_name_no_day(text):
    assert parse_date(text) is None
    assert len(find_dates(text)) == 1


def test_numbers_that_are_not_dates():
    assert find_dates("版本2025.13.1.4，电话0571-8861-3072，比例12.5.3") == []


@pytest.mark.parametrize(("text", "duration"), [
    ("一年", (12, "month")), ("12个月", (12, "month")), ("两年", (24, "month")), ("六个月", (6, "month")),
    ("十二个月", (12, "month")), ("半年", (6, "month")), ("180天", (180, "day")), ("两周", (14, "day")),
])
def test_parse_duration(text, duration):
    assert parse_duration(text) == duration


def test_duration_arithmetic():
    assert add_duration(dt.date(2026, 1, 31), 1, "month") == dt.date(2026, 2, 28)
    assert duration_agrees(dt.date(2026, 1, 1), dt.date(2026, 12, 31), 12, "month")
    assert duration_agrees(dt.date(2026, 1, 1), dt.date(2027, 1, 1), 12, "month")
    assert not duration_agrees(dt.date(2026, 1, 1), dt.date(2026, 6, 30), 12, "month")


# --- the rules on documents -----------------------------------------------------------------

def test_credit_code_rule():
    text = "甲方：云帆公司\n统一社会信用代码：91330106MA2KQ8D10X\n乙方：启明公司\n统一社会信用代码：91440300MA5H7WJ306"
    assert fired("credit-code-invalid", text) == ["91330106MA2KQ8D10X"]


def test_credit_code_in_a_table_cell():
    text = "| 统一社会信用代码 | 91330106MA2KQ8D10X | 91440300MA5H7WJ306 |"
    assert fired("credit-code-invalid", text) == ["91330106MA2KQ8D10X"]


def test_combined_label_gives_each_value_to_its_rule():
    text = "| 统一社会信用代码/身份证号 | 91330106MA2KQ8D10Y | 330106199003071235 |"
    assert fired("credit-code-invalid", text) == []
    assert fired("id-number-invalid", text) == ["330106199003071235"]


def test_id_number_born_after_signing():
    text = "乙方：刘一鸣，身份证号：510107200102154489\n\n甲方（盖章）：\n日期：2000年1月1日"
    assert fired("id-number-invalid", text) == ["510107200102154489"]


def test_id_number_further_along_the_line():
    assert fired("id-number-invalid", "乙方持有效身份证（号码为330106199003071235）签约。") == ["330106199003071235"]


def test_phone_rule():
    text = "联系人：王敏，联系电话：1381234567\n乙方手机：13812345678  邮箱：wm@example.com\n传真：62661627"
    assert fired("phone-invalid", text) == ["1381234567"]


def test_phone_table_stops_at_the_next_label():
    text = "| 电话 |  | 传真 | 62661627 |"
    assert fired("phone-invalid", text) == []


def test_masked_and_blank_phones_are_left_to_the_placeholder_rule():
    assert fired("phone-invalid", "联系电话：138XXXX5678；手机：【          】；电话：____") == []


def test_amount_rule_either_order():
    assert fired("amount-mismatch", "服务费人民币15,000元（大写：壹万伍仟伍佰元整）。")
    assert fired("amount-mismatch", "总价为人民币壹拾伍万元整（¥15,000.00）。")
    assert not fired("amount-mismatch", "总价为人民币壹拾伍万元整（¥150,000.00）。")
    assert not fired("amount-mismatch", "报酬为人民币15万元，大写：壹拾伍万元整。")


def test_amount_instalments():
    base = "第五条 付款\n5.1 服务费总额为人民币100,000元。\n"
    assert fired("amount-mismatch", base + "5.2 签订后支付30%，即30,000元；\n5.3 验收后支付剩余70%，即70,000元。") == []
    # reported on the instalments, from the first to the last
    assert fired("amount-mismatch", base + "5.2 签订后支付30%，即35,000元；\n5.3 验收后支付剩余70%，即70,000元。") \
        == ["5.2 签订后支付30%，即35,000元；\n5.3 验收后支付剩余70%，即70,000元。"]
    assert fired("amount-mismatch", base + "5.2 签订后支付首期款40,000元；\n5.3 验收后支付尾款50,000元。")
    # a bonus and a monthly fee are not instalments of the total
    assert fired("amount-mismatch", base + "5.2 甲方每月支付人民币2,000元；\n5.3 达标的另支付奖励800元。") == []


def test_date_rules():
    assert fired("date-invalid", "签订日期：2025年2月30日；交付日期：2025-03-01") == ["2025年2月30日"]
    assert fired("date-order", "本合同期限为一年，自2025年11月1日起至2026年10月31日止。") == []
    assert fired("date-order", "本合同期限为两年，自2025年11月1日起至2026年10月31日止。")
    assert fired("date-order", "服务期间为2025年10月1日至2026年3月31日。") == []  # the year is no duration
    # an impossible date is date-invalid's finding, not date-order's
    assert fired("date-order", "自2026年2月30日起至2025年1月1日止。") == []


def test_a_total_whose_capital_and_figure_disagree_is_reported_once():
    text = ("第三条 费用\n3.1 本合同总价为人民币壹拾贰万伍仟元整（¥152,000.00）。\n"
            "3.2 签订后支付总价的30%，即人民币45,600元；验收后支付剩余70%，即人民币106,400元。")
    assert fired("amount-mismatch", text) == ["壹拾贰万伍仟元整（¥152,000.00"]


def test_instalments_with_the_total_in_their_last_sentence():
    text = ("第四条 费用\n4.1 培训费分三期支付：第一期20,000元，于签订后支付；第二期35,000元，于培训后支付；"
            "第三期25,000元，于验收后支付，合计人民币{total}元。")
    assert fired("amount-mismatch", text.format(total="80,000")) == []
    # on the instalments, from the sentence that introduces them to the last (which states the total)
    assert fired("amount-mismatch", text.format(total="85,000")) == [
        "4.1 培训费分三期支付：第一期20,000元，于签订后支付；第二期35,000元，于培训后支付；"
        "第三期25,000元，于验收后支付，合计人民币85,000元。"]


def test_a_number_typed_over_its_line_is_checked_and_a_masked_one_is_not():
    assert fired("credit-code-invalid", "统一社会信用代码：_91320111MA26DP7H4P____\n")
    assert not fired("credit-code-invalid", "统一社会信用代码：9132____MA26DP7H4P\n")
    assert not fired("phone-invalid", "手机：138____1234\n")
