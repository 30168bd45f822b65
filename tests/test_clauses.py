"""The clause tree: every offset gets the label a reader would cite."""

from __future__ import annotations

from contract_lint import document_from_text

CONTRACT = """兼职运营服务合同
甲方：杭州青禾电子商务有限公司
乙方：林晓

第一条 服务内容
1.1 乙方负责店铺日常运营。
1.2 乙方每周提交运营报告：
（1）访客数；
（2）成交金额。
第二条 费用
2.1 服务费每月五千元。
（一）次月十日前支付。
（二）甲方转账支付。
第十一条 其他
本合同一式两份。

甲方（盖章）：
日期：2025年3月1日
"""


def label_at(doc, words: str) -> str | None:
    return doc.clause_label(doc.text.index(words))


def test_labels_follow_the_outline():
    doc = document_from_text(CONTRACT)
    assert label_at(doc, "杭州青禾") == "首部"
    assert label_at(doc, "服务内容") == "第一条"
    assert label_at(doc, "店铺日常运营") == "第一条 1.1"
    assert label_at(doc, "访客数") == "第一条 1.2 （1）"
    assert label_at(doc, "成交金额") == "第一条 1.2 （2）"
    assert label_at(doc, "服务费每月") == "第二条 2.1"
    assert label_at(doc, "次月十日") == "第二条 2.1 （一）"
    assert label_at(doc, "一式两份") == "第十一条"
    assert label_at(doc, "日期") == "签署部分"


def test_effect_on_signing_is_not_the_signing_block():
    doc = document_from_text("第一条 生效\n本合同自双方签字盖章之日起生效。\n乙方（签字）：\n")
    assert label_at(doc, "本合同自") == "第一条"
    assert label_at(doc, "乙方（签字）") == "签署部分"


def test_contract_without_articles_uses_its_top_numbering():
    doc = document_from_text("服务协议\n一、服务内容\n1. 乙方提供咨询。\n二、费用\n1. 每月一千元。\n")
    assert label_at(doc, "乙方提供咨询") == "一、 1."
    assert label_at(doc, "每月一千元") == "二、 1."


def test_markdown_headings():
    doc = document_from_text("# 合同\n\n## 第三条 保密\n\n3.1 乙方应当保密。\n", fmt="md")
    assert label_at(doc, "乙方应当保密") == "第三条 3.1"


def test_dates_and_amounts_are_not_clause_numbers():
    doc = document_from_text("第一条 期限\n2025年3月1日起算。\n1.5倍违约金。\n")
    assert label_at(doc, "2025年") == "第一条"


def test_clause_at_is_the_innermost_container_everywhere():
    doc = document_from_text(CONTRACT)
    for offset in range(len(doc.text)):
        containing = [c for c in doc.clauses if c.start <= offset < c.end]
        expected = max(containing, key=lambda c: c.depth) if containing else None
        assert doc.clause_at(offset) == expected, offset


def test_signing_page_markers_and_table_rows_start_the_signing_block():
    doc = document_from_text("第一条 生效\n本合同自签字之日起生效。\n（下接签署页）\n"
                             "| 甲方：（盖章） | 乙方：（盖章） |\n")
    assert label_at(doc, "本合同自") == "第一条"
    assert label_at(doc, "下接签署页") == "签署部分"
    doc = document_from_text("第一条 生效\n本合同自签字之日起生效。\n| 甲方：（盖章） | 乙方：（盖章） |\n")
    assert label_at(doc, "| 甲方") == "签署部分"


def test_articles_numbered_in_brackets_with_items_inside():
    doc = document_from_text("设计服务协议\n甲方：甲\n（一）设计内容\n1. 标志设计。\n2. 名片设计。\n（二）费用\n"
                             "1. 设计费三千元。\n（三）其他\n本协议一式两份。\n")
    assert label_at(doc, "名片设计") == "（一） 2."
    assert label_at(doc, "设计费") == "（二） 1."
    assert label_at(doc, "一式两份") == "（三）"


def test_markdown_heading_without_a_space_is_an_article():
    doc = document_from_text("# 服务合同\n#第一条 服务\n乙方提供服务。\n#第二条 费用\n费用一千元。\n", fmt="md")
    assert label_at(doc, "费用一千元") == "第二条"


def test_a_heading_that_lost_its_comma_is_the_next_article():
    doc = document_from_text("服务协议\n一、服务内容\n乙方提供维护。\n二保密条款\n乙方应保密。\n三、其他\n一式两份。\n")
    assert label_at(doc, "乙方应保密") == "二、"
    assert label_at(doc, "一式两份") == "三、"


def test_a_line_that_starts_with_a_numeral_is_no_heading_out_of_sequence():
    doc = document_from_text("服务协议\n一、服务内容\n乙方提供维护。\n五年内不得转让\n二、其他\n一式两份。\n")
    assert label_at(doc, "五年内") == "一、"


def test_articles_run_together_on_one_line():
    doc = document_from_text("网店托管协议 甲方：张三 乙方：李四 第一条、托管内容 乙方负责店铺上新。"
                             "第二条、费用 托管费每月两千元。第三条、争议解决 协商不成的向甲方所在地法院起诉。\n")
    assert label_at(doc, "托管费") == "第二条"
    assert label_at(doc, "协商不成") == "第三条"
    assert label_at(doc, "张三") == "首部"


def test_markdown_signing_block_in_bold():
    doc = document_from_text("# 服务协议\n## 第一条 服务\n乙方提供服务。\n\n**甲方（盖章）**：　　**乙方（盖章）**：\n"
                             "日期：____年__月__日\n", fmt="md")
    assert label_at(doc, "日期") == "签署部分"


def test_signing_block_run_on_after_the_last_article():
    doc = document_from_text("托管协议 第一条、内容 乙方托管店铺。第二条、其他 本协议一式两份。 "
                             "甲方（签字）： 乙方（盖章）： 日期：　年　月　日\n")
    assert label_at(doc, "日期") == "签署部分"
    assert label_at(doc, "一式两份") == "第二条"


def test_a_clause_run_on_after_the_previous_one():
    doc = document_from_text("第一条 拍摄\n1.3 场地由甲方提供，租金由甲方承担。1.4 出镜模特由乙方邀请。\n"
                             "1.5 乙方提交脚本。\n第二条 费用\n单价3.5元。\n")
    assert label_at(doc, "出镜模特") == "第一条 1.4"
    assert label_at(doc, "场地由甲方") == "第一条 1.3"
