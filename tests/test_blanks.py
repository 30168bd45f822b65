"""Blanks (facts.blanks, rule placeholder-unfilled): every blank once, and nothing that is filled.

The rule's own examples (rules/placeholder-unfilled.yaml) say where a blank is found; these tests
say how many are found, which the examples cannot."""

from __future__ import annotations

import pytest

from contract_lint import document_from_text, lint, load_rules

RULE = [r for r in load_rules() if r.id == "placeholder-unfilled"]


def blanks(text: str, fmt: str = "txt") -> list[str]:
    return [f.text for f in lint(document_from_text(text, fmt=fmt), RULE)]


@pytest.mark.parametrize("text, expected", [
    # several blanks in one sentence: each is one
    ("提成为___%，预付___个月，合计人民币_____圆整。", ["___", "___", "_____"]),
    ("______方违反本合同第______条约定的，应支付违约金______元。", ["______", "______", "______"]),
    # capitals and figures: two blanks, not four (the 大写/小写 labels are no blanks)
    ("人民币（大写）：____元（小写）：¥____", ["____", "____"]),
    # several labels on one line, each empty
    ("甲方：　　身份证号：　　地址：", ["甲方：", "身份证号：", "地址："]),
    # numbers a web page dropped
    ("本合同一式份，甲方执份，乙方执份。", ["式份", "执份", "执份"]),
    ("托管期从20年月日起算，托管费每周元，按成交额的%提成。", ["20年月日", "周元", "的%"]),
    # a blank date is one blank; a date typed over its line is none
    ("签订日期：____年__月__日", ["____年__月__日"]),
    ("签订日期：_2026__年_8_月_1_日", []),
])
def test_counts(text, expected):
    assert blanks(text) == expected


def test_a_field_drawn_over_several_lines_is_one_blank():
    text = "2.1 维保范围及内容：\n______________________\n______________________\n______________________\n"
    assert len(blanks(text)) == 1


def test_markdown_lines_under_a_label_are_a_blank_and_a_rule_elsewhere_is_not():
    assert len(blanks("维保内容：\n\n______________\n\n______________\n", fmt="md")) == 1
    assert blanks("第一条 服务\n乙方提供服务。\n\n___\n\n第二条 费用\n", fmt="md") == []


def test_escaped_markdown_blanks():
    assert blanks("服务费为人民币\\_\\_\\_\\_元。", fmt="md") == ["\\_\\_\\_\\_"]


def test_padding_of_filled_values_is_no_blank():
    assert blanks("本合同由委托方__南京云栈信息技术有限公司____（以下简称“甲方”）订立。\n"
                  "受测软件：__云栈仓储管理系统V3.2（含Web管理端）___。\n"
                  "（1）提交__南京仲裁委员会__仲裁；\n"
                  "乙方收款账号：___6222 0212 0200 4567 890____\n") == []


def test_the_options_not_chosen_are_no_blanks():
    text = ("争议按下列第_1_种方式解决：\n（1）提交__南京仲裁委员会__仲裁；\n（2）向________________人民法院起诉。\n")
    assert blanks(text) == []
    assert blanks("争议按下列第____种方式解决：\n（1）提交________仲裁委员会仲裁；\n（2）向________人民法院起诉。\n") \
        == ["____", "________", "________"]


def test_spaces_where_a_word_is_missing_but_not_the_spacing_of_values():
    assert blanks("乙方在甲方经营的网店担任　　职务，负责客服；甲方为乙方配备运营人员，暂定　人。") == ["　　", "　"]
    assert blanks("第一 条 违约金为人民币 贰万 元整，即 20,000 元。\n"
                  "乙方收款账户：户名 杭州拾光影像有限公司，开户行 中国银行。") == []
    # half-width spaces count only where the document writes its blanks that way
    form = "（一）甲方委托乙方处理 事务。\n（二）委托采取以下第 种方式。\n（三）其他 。\n"
    assert len(blanks(form)) == 3
    assert blanks("本合同由作为委托方的 腾讯（以下简称“甲方”）签订。") == []


def test_single_underscores_are_blanks_where_a_value_goes():
    assert blanks("当网站_，关键词_（共_个）达到首页。") == ["_", "_", "_"]
    assert blanks("网店托管服务协议书_合同协议_文档分享网\nmy_file.docx") == []


def test_brackets_holding_values_or_notes_are_filled():
    assert blanks("项目联系人：【林晓峰】\n[注：S为学员人数]\n按总额的[1]%或[1.5]%支付。\n第[1、2]周内完成。") == []
    assert blanks("甲方应于每月[付款日]日前付款，运营【电商平台】上的店铺。") == ["[付款日]", "【电商平台】"]


def test_lead_ins_and_duty_headings_are_no_empty_fields():
    assert blanks("第一条 账号\n甲方委托乙方运营下列账号：\n1. 公众号；\n2. 视频号。\n"
                  "第二条 义务\n甲方：\n1. 按时付款。\n乙方：\n1. 按时交付。\n") == []
    assert blanks("甲方（委托方）：\n地址：\n") == ["甲方（委托方）：", "地址："]


def test_parts_filled_in_by_somebody_else_are_not_the_parties_blanks():
    text = ("技术开发合同\n甲方：杭州甲公司\n第一条 内容\n乙方开发系统。\n甲方（盖章）：\n乙方（盖章）：\n"
            "印花税票粘贴处\n以下由技术合同登记机构填写\n合同登记编号：____________\n登记机构（专用章）：\n经办人：\n")
    assert blanks(text) == []


def test_a_form_table_with_an_empty_value_cell():
    text = "| 项目 | 内容 |\n| --- | --- |\n| 店铺名称 | 杭州青禾旗舰店 |\n| 店铺等级 | 三钻 |\n| 店铺保证金余额 |  |\n"
    assert blanks(text, fmt="md") == ["店铺保证金余额"]


def test_the_same_empty_field_is_reported_for_both_parties():
    text = ("服务合同\n第一条 服务\n乙方提供服务。\n"
            "| 甲方（盖章）： | 乙方（盖章）： |\n| --- | --- |\n| 开户行： | 开户行： |\n| 日期： | 日期： |\n")
    assert blanks(text, fmt="md") == ["开户行：", "开户行：", "日期：", "日期："]


@pytest.mark.parametrize("text, expected", [
    ("本合同签订后日内支付定金，拍摄完成后个工作日内交片。", ["后日", "后个工作日"]),
    ("成片时长为秒至秒，甲方可免费提出次修改意见。", ["为秒", "至秒", "出次"]),
    ("拍摄场地由方负责提供，场地租金由方承担。", ["由方", "由方"]),
    ("乙方提供  套设计方案，每套时长不超过_秒。", ["  套", "_"]),
    ("切割功率：______kW，工作幅面：______________mm。", ["______", "______________"]),
])
def test_numbers_and_units_left_out(text, expected):
    assert blanks(text) == expected


def test_labels_without_colons_and_lists_of_empty_labels():
    assert blanks("乙方收款账户：开户行              账号                        \n") == ["开户行", "账号"]
    assert blanks("开发内容：\n- 模块一：\n- 模块二：\n- 模块三：\n", fmt="md") == ["模块一：", "模块二：", "模块三："]


def test_a_drafting_note_in_brackets_is_no_blank():
    assert blanks("4.2 [大促期间是否加收费用由双方协商，不加收的删除本款]\n") == []


def test_a_registration_page_named_as_a_filing():
    text = ("物业服务合同\n第一条 服务\n乙方提供物业服务。\n甲方（盖章）：\n乙方（盖章）：\n物业服务合同备案登记\n"
            "（以下由备案机关填写）\n备案编号：________\n备案日期：____年__月__日\n")
    assert blanks(text) == []


def test_a_bracketed_blank_before_a_full_width_bracket_is_no_markdown_link():
    assert blanks("**乙方**：[乙方姓名]（自由职业设计师）\n[官网](https://example.com)\n", fmt="md") == ["[乙方姓名]"]


# --- filled forms (blind batch 3) -----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    # values kept in the brackets they were typed into: a date, capitals, an organisation, a branch
    ("服务期限自【2026年3月2日】起至【2026年6月30日】止，于【　　　】前完成公示。", ["【　　　】"]),
    ("服务费用合计人民币【5,000】元（大写：【伍仟元整】）。", []),
    ("户名：【苏州某某财税咨询有限公司】；开户银行：【中国建设银行苏州吴中支行】。", ["【苏州某某财税咨询有限公司】"]),
    # a rate typed over its line keeps its padding; it is filled
    ("按服务费用总额的_30_%支付违约金。", []),
    # a month with its parts blank is one blank
    ("自____年__月起，甲方的会计核算由乙方代理。", ["____年__月"]),
    # an empty serial of a document number
    ("协议编号：XCX〔2025〕第    号", ["    号"]),
])
def test_filled_form_values(text, expected):
    assert blanks(text) == expected


def test_answering_instructions_are_no_ticked_box():
    found = blanks("甲方委托乙方办理下列业务（在□内打“√”）：□建账　□纳税申报　□年报公示\n")
    assert len(found) == 1 and found[0].startswith("□建账")


def test_a_party_made_of_the_persons_named_below_is_no_empty_field():
    text = ("婚礼策划服务合同\n甲方（消费者）：\n新郎：__顾远舟__　联系电话：_13915882046_\n新娘：__沈知意__\n"
            "乙方：某公司\n")
    assert blanks(text) == []


def test_a_form_in_an_annex_after_the_signing_block_is_a_form():
    text = ("服务合同\n第一条 服务\n乙方提供网站运维。\n甲方（盖章）：\n乙方（盖章）：\n"
            "附件一：网站信息表\n网站名称：\n网站域名：\n操作系统及版本：\n")
    assert blanks(text) == ["网站名称：", "网站域名：", "操作系统及版本："]


def test_the_empty_cells_of_a_total_row_are_layout():
    text = ("报价单\n\n| 序号 | 服务项目 | 内容 | 金额（元） |\n|---|---|---|---|\n| 1 | 策划 | 流程脚本 | 6,800 |\n"
            "| 2 | 主持 | 主持人一名 | 4,800 |\n| 合计 |  |  | 11,600 |\n")
    assert blanks(text, fmt="md") == []


def test_a_box_an_association_fills_in_is_not_the_parties_blank():
    text = ("服务合同\n第一条 服务\n乙方提供服务。\n甲方（签字）：\n乙方（盖章）：\n"
            "以下由南京市婚庆行业协会填写\n合同备案编号：\n备案日期：\n")
    assert blanks(text) == []
