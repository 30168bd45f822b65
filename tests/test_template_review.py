"""Template review: a contract held against the standard template it was made from.

Each case is a short template and a contract made from it. What must not be reported (filling a
blank in every way people fill them, renumbering, punctuation, spacing, splitting and merging
paragraphs, Word's auto-numbers against typed ones) is tested first, then what must be: clauses
deleted, reworded, added and moved, and values of the wrong kind, each on exactly its words.
"""

from __future__ import annotations

import pytest

from contract_lint import document_from_text, lint, load_rules
from contract_lint.readers import read_bytes
from contract_lint.template import from_document
from tools.build_corpus import build_docx

RULES = load_rules()
TEMPLATE_RULES = ("template-clause-missing", "template-clause-changed", "template-clause-added",
                  "template-clause-moved", "template-slot-invalid")


def template_of(text: str, fmt: str = "txt"):
    return from_document(document_from_text(text, f"template.{fmt}", fmt), RULES)


def docx(source: str):
    return read_bytes(build_docx(source), "contract.docx", ".docx")


def review(template, contract, fmt: str = "txt"):
    """The template findings on `contract` (a text, or a Document)."""
    if isinstance(template, str):
        template = template_of(template)
    document = document_from_text(contract, f"contract.{fmt}", fmt) if isinstance(contract, str) else contract
    return [f for f in lint(document, RULES, template) if f.rule in TEMPLATE_RULES]


def of(findings, rule):
    return [f for f in findings if f.rule == rule]


SERVICE = """网店运营服务合同
甲方：[甲方名称]
乙方：[乙方名称]
第一条 服务内容
1.1 乙方为甲方提供网店运营服务（以下简称“服务”）。
1.2 乙方每周工作不少于[约定小时数]小时。
第二条 费用
2.1 服务费为每月人民币____元（大写：____）。
2.2 甲方应于每月[付款日]日前付款。
第三条 保密
3.1 乙方对甲方的经营数据负有保密义务。
3.2 保密期限为本合同终止后[保密年限]年。
第四条 争议解决
4.1 争议提交甲方所在地人民法院诉讼解决。
甲方（盖章）：
乙方（签字）：
签订日期：____年__月__日
"""

FILLED = """网店运营服务合同
甲方：杭州青禾家居科技有限公司
乙方：周子宁
第一条 服务内容
1.1 乙方为甲方提供网店运营服务（以下简称“服务”）。
1.2 乙方每周工作不少于20小时。
第二条 费用
2.1 服务费为每月人民币5,000元（大写：伍仟元整）。
2.2 甲方应于每月10日前付款。
第三条 保密
3.1 乙方对甲方的经营数据负有保密义务。
3.2 保密期限为本合同终止后2年。
第四条 争议解决
4.1 争议提交甲方所在地人民法院诉讼解决。
甲方（盖章）：杭州青禾家居科技有限公司
乙方（签字）：周子宁
签订日期：2025年3月1日
"""


# --------------------------------------------------------------------------- what must not be reported


def test_a_contract_identical_to_its_template_but_for_filled_blanks_has_no_template_findings():
    assert review(SERVICE, FILLED) == []


def test_without_a_template_the_template_rules_report_nothing():
    assert [f for f in lint(document_from_text(FILLED), RULES) if f.rule in TEMPLATE_RULES] == []


@pytest.mark.parametrize(("template", "contract"), [
    # typing over underscores and leaving some
    ("投保人应向____________投保。", "投保人应向__利宝保险有限公司______投保。"),
    # replacing [甲方名称] or 【】, or keeping the value in the brackets
    ("甲方：[甲方名称]", "甲方：杭州青禾家居科技有限公司"),
    ("服务费为每月【】元。", "服务费为每月【5000】元。"),
    ("服务费为每月【】元。", "服务费为每月5000元。"),
    # ticking a box, or keeping one option
    ("乙方提供：□接口调用 □系统使用。", "乙方提供：☑接口调用 □系统使用。"),
    ("乙方提供：□接口调用 □系统使用。", "乙方提供：■系统使用。"),
    ("乙方提供【接口调用 □系统使用】服务。", "乙方提供接口调用服务。"),
    # a merge field, a stand-in, a date written in Chinese numerals, a rate written in words
    ("委托方：«PartyA»", "委托方：腾讯科技（深圳）有限公司"),
    ("店铺名称为XX旗舰店。", "店铺名称为青禾旗舰店。"),
    ("签订日期：____年__月__日", "签订日期：二〇二五年三月一日"),
    ("提成为成交金额的____%。", "提成为成交金额的百分之五。"),
])
def test_filling_a_blank_in_any_of_the_ways_people_fill_them(template, contract):
    head = "第一条 服务\n乙方提供运营服务。\n第二条 约定\n"
    assert review(head + template, head + contract) == []


def test_values_typed_into_underlined_spaces_in_word():
    template = docx("@title: 服务合同\n甲方：{blank:16}\n@article: 费用\n@clause: 服务费为每月人民币{blank:8}元。\n"
                    "@clause: 乙方每周工作不少于{blank:3}小时。")
    contract = docx("@title: 服务合同\n甲方：{blank:2}{u:杭州青禾家居科技有限公司}{blank:2}\n@article: 费用\n"
                    "@clause: 服务费为每月人民币{blank:1}{u:5000}{blank:1}元。\n"
                    "@clause: 乙方每周工作不少于{u:20}小时。")
    found = from_document(template, RULES)
    assert [f for f in lint(contract, RULES, found) if f.rule in TEMPLATE_RULES] == []


def test_renumbering_punctuation_and_spacing_are_no_change():
    contract = (FILLED.replace("第一条", "一、").replace("第二条", "二、").replace("第三条", "三、")
                .replace("第四条", "四、").replace("1.1", "（一）").replace("1.2", "（二）")
                .replace("（以下简称“服务”）", "(以下简称\"服务\")").replace("20小时", " 20 小时")
                .replace("，", ",").replace("；", ";"))
    assert review(SERVICE, contract) == []


def test_word_auto_numbering_against_typed_numbers():
    template = docx("@title: 服务合同\n甲方：[甲方名称]\n@article: 服务内容\n@clause: 乙方为甲方提供网店运营服务。\n"
                    "@clause: 乙方每周工作不少于[约定小时数]小时。\n@article: 争议解决\n"
                    "@clause: 争议提交甲方所在地人民法院诉讼解决。")
    typed = ("服务合同\n甲方：杭州青禾家居科技有限公司\n第一条 服务内容\n1.1 乙方为甲方提供网店运营服务。\n"
             "1.2 乙方每周工作不少于20小时。\n第二条 争议解决\n2.1 争议提交甲方所在地人民法院诉讼解决。")
    assert review(from_document(template, RULES), typed) == []


def test_a_clause_split_over_two_paragraphs_or_two_merged_is_no_change():
    split = FILLED.replace("3.1 乙方对甲方的经营数据负有保密义务。", "3.1 乙方对甲方的经营数据\n负有保密义务。")
    assert review(SERVICE, split) == []
    merged = FILLED.replace("负有保密义务。\n3.2 保密期限", "负有保密义务。保密期限")
    assert review(SERVICE, merged) == []


def test_markdown_and_a_table_of_particulars_are_formatting():
    template = ("# 服务合同\n\n| 甲方 | [甲方名称] |\n| --- | --- |\n| 乙方 | [乙方名称] |\n\n"
                "第一条 服务\n乙方提供运营服务。\n")
    contract = "服务合同\n甲方：杭州青禾家居科技有限公司\n乙方：周子宁\n第一条 服务\n乙方提供**运营**服务。\n"
    assert review(template_of(template, "md"), contract) == []


REFERENCES = """第一条 服务
1.1 乙方提供运营服务。
第二条 违约
2.1 乙方刷单的，应支付违约金。
第三条 解除
3.1 乙方存在本合同第二条第1款所列情形的，甲方有权解除本合同。
3.2 依照2.1条解除的，乙方应赔偿损失。
"""


def test_references_that_follow_renumbered_clauses_are_no_change():
    # an article inserted before 违约: it and 解除 move down one, and so do the references to them
    contract = REFERENCES.replace("第三条 解除", "第四条 解除").replace("3.1 乙方存在", "4.1 乙方存在") \
        .replace("3.2 依照", "4.2 依照").replace("第二条第1款", "第三条第1款").replace("依照2.1条", "依照3.1条") \
        .replace("2.1 乙方刷单", "3.1 乙方刷单") \
        .replace("第二条 违约", "第二条 保密\n2.1 乙方应保守秘密。\n第三条 违约")
    assert [f.rule for f in review(REFERENCES, contract)] == ["template-clause-added"]
    # a reference pointing elsewhere is a change
    wrong = contract.replace("第三条第1款", "第一条第1款")
    [changed] = of(review(REFERENCES, wrong), "template-clause-changed")
    assert changed.message == "与模板第三条 3.1不同：“第二条第”改为“第一条第”"


def test_a_clause_moved_unchanged_is_one_info_finding():
    moved = FILLED.replace("第三条 保密\n3.1 乙方对甲方的经营数据负有保密义务。\n3.2 保密期限为本合同终止后2年。\n", "")
    moved = moved.replace("第四条 争议解决\n4.1 争议提交甲方所在地人民法院诉讼解决。\n",
                          "第三条 争议解决\n3.1 争议提交甲方所在地人民法院诉讼解决。\n第四条 保密\n"
                          "4.1 乙方对甲方的经营数据负有保密义务。\n4.2 保密期限为本合同终止后2年。\n")
    found = review(SERVICE, moved)
    assert [f.rule for f in found] == ["template-clause-moved"]
    assert found[0].severity == "info"
    assert found[0].message == "模板第三条（保密）移到了这里（模板中它在第二条 2.2之后）"
    assert found[0].text.startswith("保密\n4.1 乙方对甲方的经营数据")


# --------------------------------------------------------------------------- what must be reported


def test_a_deleted_clause_names_the_template_clause_and_sits_where_it_was():
    contract = FILLED.replace("3.2 保密期限为本合同终止后2年。\n", "")
    [finding] = review(SERVICE, contract)
    assert finding.rule == "template-clause-missing" and finding.severity == "warning"
    assert finding.message == "模板第三条 3.2（保密期限为本合同终止后[保密年限]年）在合同中被删除"
    assert finding.location.clause == "第三条 3.1"  # right after the clause before it
    assert contract[:finding.location.start].endswith("负有保密义务")
    assert finding.original == "保密期限为本合同终止后[保密年限]年"


def test_a_whole_article_deleted_is_one_finding():
    article = "第三条 保密\n3.1 乙方对甲方的经营数据负有保密义务。\n3.2 保密期限为本合同终止后2年。\n"
    contract = FILLED.replace(article, "")
    [finding] = review(SERVICE, contract)
    assert finding.message == "模板第三条（保密）整条在合同中被删除"


def test_a_reworded_clause_reports_the_changed_words_on_exactly_them():
    contract = FILLED.replace("提交甲方所在地人民法院", "提交乙方所在地人民法院")
    [finding] = review(SERVICE, contract)
    assert finding.rule == "template-clause-changed"
    assert finding.message == "与模板第四条 4.1不同：“甲方所在地”改为“乙方所在地”"
    assert finding.text == "乙方"
    assert contract[finding.location.start:finding.location.end] == "乙方"
    assert finding.original == "争议提交甲方所在地人民法院诉讼解决"
    assert ("-", "甲方") in finding.redline and ("+", "乙方") in finding.redline


def test_a_deletion_sits_on_the_words_around_the_gap():
    template = "第一条 违约\n违约方应支付违约金，累计不超过合同总价款的10%，并赔偿损失。"
    contract = "第一条 违约\n违约方应支付违约金，并赔偿损失。"
    [finding] = review(template, contract)
    assert finding.message == "与模板第一条不同：删除了“累计不超过合同总价款的10%”"
    assert finding.text == "违约金，并"  # the word before the gap and the word after it


def test_an_insertion_sits_on_the_inserted_words():
    template = "第一条 付款\n甲方应在收到发票后[天数]日内付款。"
    contract = "第一条 付款\n甲方应在收到发票并验收合格后15日内付款。"
    [finding] = review(template, contract)
    assert finding.message == "与模板第一条不同：增加了“并验收合格”"
    assert finding.text == "并验收合格"


def test_the_diff_is_by_words_not_characters():
    # 五个 → 两个: one word replaced, quoted with the word beside it; not the character 五 → 两
    template = "第一条 验收\n甲方应在收到成片后五个工作日内完成验收。"
    contract = "第一条 验收\n甲方应在收到成片后两个工作日内完成验收。"
    [finding] = review(template, contract)
    assert finding.message == "与模板第一条不同：“五个工作日”改为“两个工作日”"  # the word beside it: 工作日
    assert finding.text == "两个"


def test_an_added_clause_and_an_added_article():
    contract = FILLED.replace("10日前付款。\n", "10日前付款。\n2.3 甲方应预付三个月服务费。\n")
    contract = contract.replace("甲方（盖章）", "第五条 排他合作\n5.1 合作期间乙方不得为甲方的竞争对手提供服务。\n"
                                "甲方（盖章）")
    found = review(SERVICE, contract)
    assert [(f.rule, f.severity, f.message) for f in found] == [
        ("template-clause-added", "info", "合同第二条 2.3（甲方应预付三个月服务费）是模板中没有的条款"),
        ("template-clause-added", "info", "合同第五条（排他合作）整条是模板中没有的条款"),
    ]


@pytest.mark.parametrize(("blank", "value", "kind"), [
    ("乙方每周工作不少于[约定小时数]小时。", "乙方每周工作不少于若干小时。", "数字"),
    ("统一社会信用代码：[甲方统一社会信用代码]", "统一社会信用代码：暂无", "统一社会信用代码"),
    ("服务费为人民币____元。", "服务费为人民币面议元。", "金额"),
    ("联系电话：[乙方联系电话]", "联系电话：见名片", "电话号码"),
    ("身份证号：[乙方身份证号]", "身份证号：无", "身份证号码"),
    ("收款账号：____________", "收款账号：详见发票", "银行账号"),
    ("签订日期：____年__月__日", "签订日期：签字当日", "日期"),
    ("提成比例为成交金额的____%。", "提成比例为成交金额的双方商定的比例。", "比例"),
])
def test_a_value_of_the_wrong_kind(blank, value, kind):
    head = "第一条 服务\n乙方提供运营服务。\n"
    [finding] = review(head + blank, head + value)
    assert finding.rule == "template-slot-invalid"
    assert f"应填写{kind}" in finding.message
    assert finding.text in value and finding.text


@pytest.mark.parametrize(("blank", "value"), [
    ("乙方每周工作不少于[约定小时数]小时。", "乙方每周工作不少于二十小时。"),
    ("统一社会信用代码：[代码]", "统一社会信用代码：91330106MA2KXQ4E2R"),
    ("服务费为人民币____元（大写：____）。", "服务费为人民币12,000.00元（大写：壹万贰仟元整）。"),
    ("联系电话：[乙方联系电话]", "联系电话：0571-86907215"),
    ("身份证号：[乙方身份证号]", "身份证号：320102198803145625"),
    ("收款账号：____________", "收款账号：4301 0213 0910 0258 763"),
    ("合作期限为[合作期限]个月。", "合作期限为十二个月。"),
    ("电子邮箱：[邮箱]", "电子邮箱：ops@qinghe-home.cn"),
])
def test_a_valid_value_of_the_right_kind_is_not_reported(blank, value):
    head = "第一条 服务\n乙方提供运营服务。\n"
    assert review(head + blank, head + value) == []


def test_a_blank_still_blank_is_placeholder_unfilled_once():
    contract = FILLED.replace("不少于20小时", "不少于[约定小时数]小时").replace("每月人民币5,000元", "每月人民币____元")
    template = template_of(SERVICE)
    findings = lint(document_from_text(contract), RULES, template)
    assert of(findings, "template-slot-invalid") == []
    blanks = [f.text for f in of(findings, "placeholder-unfilled")]
    assert blanks == ["[约定小时数]", "____"]


def test_a_code_of_the_right_shape_with_a_wrong_check_character_is_the_identifier_rules():
    head = "第一条 服务\n乙方提供运营服务。\n"
    findings = lint(document_from_text(head + "统一社会信用代码：91330106MA2KXQ4E2P"), RULES,
                    template_of(head + "统一社会信用代码：[代码]"))
    assert [f.rule for f in findings if f.rule in ("credit-code-invalid", "template-slot-invalid")] == \
        ["credit-code-invalid"]


def test_a_template_with_no_blanks_is_a_pure_clause_comparison():
    template = "第一条 保密\n乙方对甲方的经营数据负有保密义务。\n第二条 争议\n争议提交甲方所在地人民法院诉讼解决。"
    assert template_of(template).slots == ()
    assert review(template, template) == []
    found = review(template, template.replace("甲方所在地", "乙方所在地"))
    assert [f.rule for f in found] == ["template-clause-changed"]


def test_drafting_notes_of_the_template_may_be_dropped():
    template = "第一条 服务\n乙方负责短视频的脚本撰写与现场辅助（如适用）。\n法定代表人/负责人：[如适用]"
    contract = "第一条 服务\n乙方负责短视频的脚本撰写与现场辅助。\n法定代表人/负责人：周子宁"
    assert review(template, contract) == []


def test_findings_carry_the_template_wording_into_json():
    contract = FILLED.replace("提交甲方所在地人民法院", "提交乙方所在地人民法院")
    [finding] = review(SERVICE, contract)
    data = finding.to_dict()
    assert data["template"]["text"] == "争议提交甲方所在地人民法院诉讼解决"
    assert ["-", "甲方"] in data["template"]["redline"]
    assert type(finding).from_dict(data) == finding
    [blank] = lint(document_from_text("乙方：[乙方名称]"), [r for r in RULES if r.id == "placeholder-unfilled"])
    assert "template" not in blank.to_dict()  # other findings keep their form
