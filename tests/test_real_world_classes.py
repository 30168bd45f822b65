"""Classes of real-world drafting that fooled the rules (issues 12, 16, 17), one test each, in our own
words. The blanks have their own file (test_blanks.py); the value parsers theirs (test_facts.py)."""

from __future__ import annotations

from contract_lint import document_from_text, lint, load_rules

RULES = load_rules()


def found(text: str, rule: str, fmt: str = "txt") -> list:
    return [f for f in lint(document_from_text(text, fmt=fmt), RULES) if f.rule == rule]


# --- the document's structure -------------------------------------------------------------------


def test_articles_typed_as_numbers_label_their_findings():
    text = ("服务协议\n甲方：甲\n1. 服务内容\n乙方提供服务。\n2. 保密\n乙方对甲方资料负有保密义务。\n"
            "3. 其他\n一式两份。\n")
    [finding] = found(text, "confidentiality-period-missing")
    assert finding.location.clause == "2."
    text = "服务协议\n第1条 服务内容\n乙方提供服务。\n第2条 保密\n乙方对甲方资料负有保密义务。\n"
    [finding] = found(text, "confidentiality-period-missing")
    assert finding.location.clause == "第2条"


def test_multi_level_lists_that_restart_are_no_numbering_gap():
    text = ("场地租赁协议\n（一）租赁标的\n1. 场地位于三楼。\n2. 面积八十平方米。\n（二）租金\n1. 每月一万元。\n"
            "2. 按季支付。\n（三）保密条款\n1. 双方保密。\n（四）其他\n1. 一式两份。\n")
    assert found(text, "numbering-gap") == []
    text = "服务协议\n一、服务内容\n乙方提供服务。\n二保密条款\n乙方保密。\n三、其他\n一式两份。\n"
    assert found(text, "numbering-gap") == []
    text = "服务协议\n一、服务内容\n乙方提供服务。\n三、其他\n一式两份。\n"
    assert [f.text for f in found(text, "numbering-gap")] == ["三、其他"]


def test_suppression_directives_are_not_contract_text():
    text = ("服务合同\n第一条 保密\n乙方对甲方资料负有保密义务，保密期限为两年。\n"
            "<!-- contract-lint: disable=placeholder-unfilled reason=联系人____待定，保密义务另议 -->\n"
            "联系人：____\n<!-- contract-lint: enable=placeholder-unfilled -->\n")
    findings = [f for f in lint(document_from_text(text, fmt="md"), RULES)]
    assert findings == []


def test_a_contract_run_onto_one_line_keeps_its_articles():
    text = ("网店托管协议 甲方：张三 乙方：李四 第一条、托管内容 乙方负责店铺上新。第二条、费用 托管费每月两千元，"
            "次月五日前支付。第三条、期限 托管期一年。第四条、违约责任 逾期付款的每日支付违约金五十元。"
            "第五条、法律适用与管辖 本协议的争议由甲方所在地人民法院为第一审管辖法院。\n")
    assert found(text, "essential-clause-missing") == []
    assert found(text, "numbering-gap") == []


# --- one finding per defect ---------------------------------------------------------------------


def test_the_same_hours_said_twice_in_one_sentence_are_one_finding():
    text = ("兼职劳务协议\n乙方以兼职方式提供劳务，每周工作时间为30小时，甲方按每周30小时支付报酬。\n")
    assert len(found(text, "part-time-hours-exceeded")) == 1


def test_the_same_vague_standard_twice_in_a_clause_is_one_finding():
    text = "第五条 验收\n5.2 乙方的方案应达到甲方满意，经甲方确认达到甲方满意的，甲方支付第二期费用。\n"
    assert len(found(text, "kpi-vague")) == 1


# --- clauses recognised however they are worded -------------------------------------------------


def test_dispute_resolution_in_plain_words():
    base = ("推广服务合同\n第一条 服务内容\n乙方为甲方提供推广服务。\n第二条 期限\n服务期一年。\n第三条 佣金\n"
            "佣金按成交额的10%结算。\n第四条 违约责任\n违约方赔偿损失。\n第五条 其他\n{}\n甲方（盖章）：\n")
    for wording in ("由乙方所在地的人民法院对双方争议进行裁决。",
                    "法律适用与管辖：甲方住所地人民法院为第一审管辖法院。"):
        assert found(base.format(wording), "essential-clause-missing") == []


# --- the seed's rules on every kind of account, period and metric (issue 17) ---------------------


def test_account_kinds_beyond_the_shop():
    for account in ("抖店后台子账号", "公众号管理员账号", "直播间中控账号", "千川广告账户", "企业微信管理员账号"):
        text = f"第四条 账号\n甲方向乙方开放{account}，该账号及密码的安全由双方共同负责。\n"
        assert found(text, "account-liability-ambiguous"), account


def test_an_account_money_is_paid_into_is_out_of_scope():
    text = "第三条 付款\n甲方应将服务费支付至乙方的收款账户，账户及密码由双方共同负责核对。\n"
    assert found(text, "account-liability-ambiguous") == []


def test_periods_stated_as_events_are_periods():
    for period in ("直至该信息公开之日止", "保密期至新品正式上架销售之日止", "在相关信息成为公知信息前不得泄露",
                   "该义务永久有效", "该义务长期有效"):
        text = f"第六条 保密\n乙方对甲方的新品信息负有保密义务，{period}。\n"
        assert found(text, "confidentiality-period-missing") == [], period


def test_amount_metrics_are_defined_by_what_they_sum():
    text = ("第一条 定义\nGMV指统计期内店铺已支付订单的金额之和，扣除退款，以生意参谋数据为准，按自然月统计。\n"
            "第四条 考核\n考核指标：GMV≥50万元。\n")
    assert found(text, "roi-undefined") == []
    assert found("第四条 考核\n考核指标：GMV≥50万元，未达到的扣减服务费。\n", "roi-undefined")


def test_ratio_metrics_defined_in_words():
    text = "ROI指推广带来的成交金额与同期推广费用之比；乙方应使月度ROI不低于2.5。\n"
    assert found(text, "roi-undefined") == []
    text = "ROI指推广期间店铺的整体经营情况；乙方应使月度ROI不低于2.5。\n"
    assert found(text, "roi-undefined")


def test_batch_two_classes():
    # a metric defined right after its alias parenthesis: “投入产出比”（以下简称“ROI”）：指……之比
    text = ("（二）“投入产出比”（以下简称“ROI”）：指一个考核周期内推广产生的已支付订单金额，"
            "与同期投放账户实际消耗金额之比。\n| 巨量千川ROI | 不低于2.2 | 扣减当月服务费的10% |\n")
    assert found(text, "roi-undefined", fmt="md") == []
    # a sum in the target is no definition: 三条合计不低于
    assert found("| 推广视频挂车GMV | 三条合计不低于人民币600,000元 | 追加发布1条 |\n", "roi-undefined", fmt="md")
    # the term of a registration is not the contract's
    text = "| 注册有效期 | 2022年2月7日至2032年2月6日 |\n本合同自双方签字盖章之日起生效。\n签订日期：2026年3月1日\n"
    assert found(text, "date-order", fmt="md") == []
    # two vague wordings of one acceptance standard are one finding
    text = "第三条 验收\n3.2 网站页面设计美观大方、整体效果达到甲方满意的，视为验收通过。\n"
    assert len(found(text, "kpi-vague")) == 1
