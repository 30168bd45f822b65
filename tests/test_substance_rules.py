"""The substance rules (CL016–CL023) on texts of our own, beyond each rule's YAML examples."""

from __future__ import annotations

import pytest

from contract_lint import document_from_text, lint, load_rules

RULES = {r.id: r for r in load_rules()}


def run(rule_id: str, text: str):
    return lint(document_from_text(text), [RULES[rule_id]])


def texts(rule_id: str, text: str) -> list[str]:
    return [f.text for f in run(rule_id, text)]


SERVICE = """网店运营服务合同
甲方：杭州某某贸易有限公司
乙方：李四
鉴于甲方委托乙方提供网店运营服务，双方订立本合同。
第一条 服务内容
乙方负责店铺商品上架和活动报名。
第二条 服务期限
服务期限自2026年1月1日起至2026年12月31日止。
第三条 服务费用
服务费为每月人民币5,000元，甲方于每月10日前支付。
第四条 违约责任
甲方逾期付款的，每逾期一日按应付金额的万分之五支付违约金。
第五条 争议解决
协商不成的，向甲方住所地人民法院起诉。
（以下无正文）
甲方（盖章）：
乙方（签字）：
"""


# --- CL016 template-guidance-left -------------------------------------------------------------

def test_guidance_one_finding_per_note():
    found = texts("template-guidance-left", "管理责任由[约定方，通常是甲方或乙方，建议甲方承担更多责任]承担。")
    assert len(found) == 1 and "通常是甲方或乙方" in found[0] and "建议甲方承担更多责任" in found[0]


def test_guidance_separate_notes_are_separate_findings():
    text = "法定代表人：[如适用]\n乙方负责直播的现场辅助（如适用）。"
    assert len(run("template-guidance-left", text)) == 2


@pytest.mark.parametrize("text", [
    "乙方申请删除其个人信息的，甲方应予配合。",
    "本合同如适用法律发生变化，双方另行协商。",
    "【特别提示】请乙方在签署前认真阅读第五条。",
    "乙方可选择在线或线下方式交付成果。",
    "乙方应根据实际情况调整投放计划。",
])
def test_guidance_leaves_contract_wording_alone(text):
    assert not run("template-guidance-left", text)


# --- CL017 essential-clause-missing -----------------------------------------------------------

def test_complete_service_contract_is_clean():
    assert not run("essential-clause-missing", SERVICE)


def test_each_missing_clause_is_one_finding_at_the_signing_block():
    text = SERVICE.replace("第四条 违约责任\n甲方逾期付款的，每逾期一日按应付金额的万分之五支付违约金。\n", "")
    text = text.replace("第五条 争议解决\n协商不成的，向甲方住所地人民法院起诉。\n", "")
    findings = run("essential-clause-missing", text)
    assert [f.message for f in findings] == ["服务合同缺少“违约责任”条款", "服务合同缺少“争议解决”条款"]
    assert {f.text for f in findings} == {"（以下无正文）"}
    assert {f.location.clause for f in findings} == {"签署部分"}


def test_clause_found_by_content_when_the_heading_differs():
    text = SERVICE.replace("第五条 争议解决", "第五条 其他").replace(
        "向甲方住所地人民法院起诉", "提交杭州仲裁委员会仲裁")
    assert not run("essential-clause-missing", text)


def test_no_signing_block_puts_the_finding_on_the_title_wherever_the_text_ends():
    text = "咨询服务合同\n甲方委托乙方提供管理咨询服务。\n咨询费为人民币20,000元。\n本合同一式两份。"
    findings = run("essential-clause-missing", text)
    assert findings and {f.text for f in findings} == {"咨询服务合同"}
    appended = run("essential-clause-missing", text + "\n附：联系方式另行通知。")
    assert {f.text for f in appended} == {"咨询服务合同"}


def test_a_truncated_preview_is_not_said_to_miss_clauses():
    text = ("兼职运营服务协议\n甲方：杭州甲公司\n乙方：张三\n第一条 服务内容\n乙方为甲方提供店铺运营服务。\n"
            "第二条 权限\n2.1 甲方授权乙方使用店铺后台。\n2.2 合规性：双方均有义务遵守与电子商务相关的\n")
    assert not run("essential-clause-missing", text)


@pytest.mark.parametrize("title", ["房屋租赁合同", "区域经销协议", "保密协议", "商品买卖合同", "保密承诺书"])
def test_other_contract_types_are_not_checked(title):
    assert not run("essential-clause-missing", f"{title}\n鉴于乙方为甲方提供咨询服务。\n甲方（盖章）：")


# --- CL018 dispute-resolution-unclear ---------------------------------------------------------

@pytest.mark.parametrize("clause", [
    "协商不成的，提交市级仲裁委员会仲裁。",
    "协商不成的，提交有管辖权的仲裁机构仲裁。",
    "协商不成的，可以申请仲裁。",
])
def test_arbitration_without_a_named_commission(clause):
    findings = run("dispute-resolution-unclear", f"第九条 争议解决\n{clause}")
    assert len(findings) == 1 and "没有写明具体的仲裁委员会" in findings[0].message


def test_arbitration_or_litigation_in_one_clause():
    text = "第九条 争议解决\n1. 协商不成的，提交广州仲裁委员会仲裁。\n2. 任何一方也可以向乙方住所地人民法院提起诉讼。"
    [finding] = run("dispute-resolution-unclear", text)
    assert "既约定仲裁又约定可以起诉" in finding.message


def test_a_choice_between_arbitration_and_litigation_is_not_both():
    text = "第九条 争议解决\n按以下第（1）种方式解决：\n（1）向甲方住所地人民法院起诉；\n（2）提交广州仲裁委员会仲裁。"
    assert not run("dispute-resolution-unclear", text)


def test_enforcing_an_award_is_not_litigation():
    text = "第九条 争议解决\n提交广州仲裁委员会仲裁。一方不履行裁决的，另一方可向人民法院申请执行。"
    assert not run("dispute-resolution-unclear", text)


def test_court_of_a_place_the_contract_never_mentions():
    text = "甲方：苏州某科技有限公司，住所：苏州市姑苏区人民路1号\n乙方：王五，住址：苏州市吴中区东吴北路2号\n" \
           "第九条 争议解决\n协商不成的，由三亚市天涯区人民法院管辖。"
    [finding] = run("dispute-resolution-unclear", text)
    assert finding.text == "由三亚市天涯区人民法院" and "天涯" in finding.message


def test_court_of_a_party_seat_is_fine():
    text = "甲方：苏州某科技有限公司，住所：苏州市姑苏区人民路1号\n第九条 争议解决\n向苏州市姑苏区人民法院起诉。"
    assert not run("dispute-resolution-unclear", text)


# --- CL019 part-time-hours-exceeded -----------------------------------------------------------

def test_weekly_hours_in_chinese_numerals():
    assert texts("part-time-hours-exceeded", "乙方兼职提供服务，每周工作时间不少于三十小时。")


def test_hours_within_the_limit_or_a_ceiling():
    assert not run("part-time-hours-exceeded", "乙方兼职提供服务，每周工作不少于二十小时，每天工作不超过六小时。")


def test_full_time_service_is_not_checked():
    assert not run("part-time-hours-exceeded", "乙方安排客服坐席，服务时间为每日8:00-22:00。")


def test_monthly_fee_in_a_part_time_service_contract_is_normal():
    assert not run("part-time-hours-exceeded", "乙方以兼职方式提供服务。甲方每月10日前支付上月服务费。")


def test_non_fulltime_paid_monthly():
    [finding] = run("part-time-hours-exceeded", "双方建立非全日制用工关系。报酬按月结算，于次月5日前支付。")
    assert "15日" in finding.message


def test_non_fulltime_paid_every_week_is_fine():
    assert not run("part-time-hours-exceeded", "双方建立非全日制用工关系。报酬每周结算支付一次。")


def test_denied_part_time_is_not_part_time():
    assert not run("part-time-hours-exceeded",
                   "本合同不适用劳动合同法关于非全日制用工的规定。服务费于每月10日前支付。")


# --- CL020 labor-relation-risk ----------------------------------------------------------------

def test_marks_are_listed():
    text = "本协议为劳务协议。乙方应遵守甲方的员工手册，每日9:00-18:00到岗工作，并参加考勤。"
    [finding] = run("labor-relation-risk", text)
    for mark in ("遵守甲方的规章制度", "考勤", "固定上班时间"):
        assert mark in finding.message


def test_one_mark_is_not_enough():
    assert not run("labor-relation-risk", "乙方以兼职方式提供服务，应遵守甲方的管理制度。")


def test_no_framing_no_finding():
    assert not run("labor-relation-risk", "乙方应遵守甲方的管理制度，并按时到岗。")


# --- CL021 penalty-excessive ------------------------------------------------------------------

def test_message_says_reduction_not_illegality():
    [finding] = run("penalty-excessive", "乙方违约的，应按合同总价的40%支付违约金。")
    assert "调减" in finding.message and "并不违法" in finding.message


def test_daily_rate_within_a_short_term_stays_below_the_line():
    text = "服务期限自2026年1月1日起至2026年2月28日止。\n乙方逾期交付的，每逾期一日按合同总价的0.3%支付违约金。"
    assert not run("penalty-excessive", text)


def test_daily_rate_over_a_year_passes_the_line():
    text = "服务期限自2026年1月1日起至2026年12月31日止。\n乙方逾期交付的，每逾期一日按合同总价的0.3%支付违约金。"
    [finding] = run("penalty-excessive", text)
    assert finding.text == "0.3%"


def test_fixed_sum_against_the_contract_price():
    assert run("penalty-excessive", "合同总价为人民币10万元。\n乙方违约的，应支付违约金人民币5万元。")
    assert not run("penalty-excessive", "合同总价为人民币10万元。\n乙方违约的，应支付违约金人民币2万元。")


def test_confidentiality_period_is_not_the_term():
    text = "服务期限为六个月。\n保密期限为三年。\n甲方逾期付款的，每逾期一日按应付金额的0.1%支付违约金。"
    assert not run("penalty-excessive", text)


# --- CL022 kpi-vague --------------------------------------------------------------------------

def test_vague_standard_deciding_a_bonus():
    assert texts("kpi-vague", "店铺销售额明显提升的，甲方另行支付奖励。") == ["明显提升"]


def test_vague_wording_that_decides_nothing_is_left_alone():
    assert not run("kpi-vague", "乙方应努力使店铺销售额持续稳定增长。")


def test_a_threshold_makes_it_measurable():
    assert not run("kpi-vague", "第四条 考核\n店铺月销售额应持续增长，增幅不低于5%。")


# --- CL023 ip-ownership-unclear ---------------------------------------------------------------

def test_work_products_without_ownership():
    text = "短视频代运营服务合同\n第一条 服务内容\n乙方负责拍摄短视频并撰写推广文案。\n第二条 费用\n服务费每月8,000元。"
    [finding] = run("ip-ownership-unclear", text)
    assert finding.location.clause == "第一条"


def test_ownership_on_a_stated_condition_is_clear():
    text = ("短视频代运营服务合同\n第一条 服务内容\n乙方负责拍摄短视频。\n"
            "第五条 知识产权\n乙方拍摄的短视频的著作权在甲方付清服务费后归甲方所有。")
    assert not run("ip-ownership-unclear", text)


def test_ownership_on_an_unstated_condition():
    text = ("设计服务合同\n第一条 设计内容\n乙方设计海报两款。\n"
            "第五条 知识产权\n设计稿的著作权在满足相关条件后归甲方所有。")
    [finding] = run("ip-ownership-unclear", text)
    assert "没有写明的条件" in finding.message


def test_not_a_service_contract():
    assert not run("ip-ownership-unclear", "商品买卖合同\n乙方按甲方要求设计包装图片并印制。")


def test_every_substance_rule_cites_its_statute():
    for rule_id in ("template-guidance-left", "essential-clause-missing", "dispute-resolution-unclear",
                    "part-time-hours-exceeded", "labor-relation-risk", "penalty-excessive", "kpi-vague",
                    "ip-ownership-unclear"):
        rule = RULES[rule_id]
        assert "《" in rule.statute
        assert rule.code.startswith("CL0")
