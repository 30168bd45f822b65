"""Structure and consistency rules: cross-references (CL011), numbering (CL012), party names
(CL013), defined terms (CL014), tracked changes (CL015), and the numeral helper they share.

Word fixtures are generated with tools.docxgen: auto-numbered headings whose numbers exist only
in numbering.xml, tracked insertions and deletions, and comments.
"""

import pytest

from contract_lint import document_from_text, lint, load_rules, read_path
from contract_lint.numerals import label_numbers, label_scheme, to_int
from tools.docxgen import Comment, Del, Doc, Ins, Level

RULES = {r.id: r for r in load_rules()}
ARTICLE = Level("chineseCounting", "第%1条")
CLAUSE = Level("decimal", "%1.%2", legal=True)


def run(rule: str, document):
    if isinstance(document, str):
        document = document_from_text(document)
    return lint(document, [RULES[rule]])


def texts(findings) -> list[str]:
    return [f.text for f in findings]


def save(d: Doc, tmp_path, name="contract.docx"):
    path = tmp_path / name
    d.save(path)
    return read_path(path)


# --------------------------------------------------------------------------- numerals


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35), ("一百零五", 105), ("两", 2),
    ("壹拾贰", 12), ("5", 5), ("１２", 12), ("二〇二六", 2026), ("", None), ("第", None),
])
def test_to_int(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize(("label", "numbers", "scheme"), [
    ("第十二条", (12,), "article"),
    ("第5条", (5,), "article"),
    ("第5.2条", (5, 2), "article"),
    ("第三章", (3,), "chapter"),
    ("（四）", (4,), "cn_paren"),
    ("(4)", (4,), "num_paren"),
    ("（１）", (1,), "num_paren"),
    ("1.4", (1, 4), "dotted2"),
    ("2.3.1", (2, 3, 1), "dotted3"),
    ("1．4", (1, 4), "dotted2"),
    ("一、", (1,), "cn_enum"),
    ("十一、", (11,), "cn_enum"),
    ("1.", (1,), "num_dot"),
    ("3、", (3,), "num_dot"),
    ("②", (2,), "circled"),
])
def test_label_numbers_and_scheme(label, numbers, scheme):
    assert label_numbers(label) == numbers
    assert label_scheme(label) == scheme


def test_label_numbers_of_non_labels():
    assert label_numbers("甲方") is None
    assert label_scheme("甲方") == "other"


# --------------------------------------------------------------------------- numbering-gap


def test_auto_numbered_articles_with_a_gap(tmp_path):
    d = Doc()
    num = d.numbering([ARTICLE, CLAUSE])
    d.para("服务内容", num=(num, 0))
    d.para("乙方提供运营服务。", num=(num, 1))
    d.para("费用", num=(num, 0))
    later = d.restart(num, level=0, start=4)  # Word shows 第四条: 第三条 is gone
    d.para("违约责任", num=(later, 0))
    doc = save(d, tmp_path)
    assert [c.label for c in doc.clauses if c.kind == "article"] == ["第一条", "第二条", "第四条"]
    findings = run("numbering-gap", doc)
    assert texts(findings) == ["违约责任"]
    assert findings[0].location.clause == "第四条"
    assert "第三条" in findings[0].message


def test_typed_gap_duplicate_and_clause_gap():
    text = ("第一条 服务\n1.1 上新。\n1.2 客服。\n1.4 推广。\n第二条 费用\n（一）月费；\n（二）提成；\n（二）奖励。\n"
            "第二条 期限\n一年。")
    findings = run("numbering-gap", text)
    assert [(f.text, f.location.clause) for f in findings] == [
        ("1.4 推广", "第一条 1.4"), ("（二）奖励", "第二条 （二）"), ("第二条 期限", "第二条")]
    assert "1.3" in findings[0].message
    assert "重复" in findings[1].message


def test_missing_first_item_and_foreign_prefix():
    assert texts(run("numbering-gap", "第一条 费用\n（二）提成。\n（三）奖励。")) == ["（二）提成"]
    findings = run("numbering-gap", "第一条 服务\n1.1 上新。\n第二条 费用\n1.1 月费。\n1.2 提成。")
    assert texts(findings) == ["1.1 月费"]
    assert "第二条" in findings[0].message and "2.1" in findings[0].message


def test_lists_that_start_again_are_not_duplicates():
    text = ("一、委托内容\n1. 标志。\n2. 物料。\n二、解除\n有下列情形之一的，甲方可以解除：\n1. 逾期。\n2. 泄密。\n"
            "有下列情形之一的，乙方可以解除：\n1. 欠款。\n三、其他\n（1）一式两份。\n（2）签字生效。")
    assert run("numbering-gap", text) == []


def test_chapters_with_continuous_articles_are_fine():
    text = "第一章 总则\n第一条 定义\n第二条 范围\n第二章 费用\n第三条 价款\n第三章 其他\n第四条 生效"
    assert run("numbering-gap", text) == []


# --------------------------------------------------------------------------- cross-reference-broken


def test_reference_to_auto_numbered_articles(tmp_path):
    d = Doc()
    num = d.numbering([ARTICLE, CLAUSE])
    d.para("服务内容", num=(num, 0))
    d.para("乙方提供运营服务。", num=(num, 1))
    d.para("乙方应按期提交报告。", num=(num, 1))
    d.para("违约责任", num=(num, 0))
    d.para("乙方违反第一条或本合同第1.2条约定的，应支付违约金；违反第五条的，甲方可以解除。", num=(num, 1))
    d.para("乙方未履行第1.3条义务的，扣减服务费。", num=(num, 1))
    findings = run("cross-reference-broken", save(d, tmp_path))
    assert texts(findings) == ["第五条", "第1.3条"]
    assert findings[0].location.clause == "第二条 2.1"
    assert "款" in findings[1].message  # the article exists, the clause does not


def test_references_to_other_documents_are_not_checked():
    text = ("第一条 违约\n违约金过高的，依照《中华人民共和国民法典》第五百八十五条、第五百八十六条处理。\n"
            "第二条 其他\n本合同不适用《劳动合同法》第六十八条；主合同第九条的约定继续有效；依据民法典第509条履行。")
    assert run("cross-reference-broken", text) == []


def test_article_lists_ranges_and_this_article():
    text = ("第一条 服务\n1.1 上新。\n1.2 客服。\n第二条 违约\n违反第一条、第二条的，赔偿损失。\n"
            "违反第一至三条的，解除合同。\n违反本条第3款的，另行处理。")
    assert texts(run("cross-reference-broken", text)) == ["第一至三条"]


def test_sub_clause_references():
    text = ("第一条 服务\n（一）上新。\n（二）客服。\n第二条 违约\n"
            "违反第一条第（二）项的扣款；违反第一条第（四）项的解除。")
    assert texts(run("cross-reference-broken", text)) == ["第一条第（四）项"]
    # an article whose paragraphs are not numbered: its 款 cannot be checked
    assert run("cross-reference-broken", "第一条 服务\n乙方上新。\n第二条 违约\n违反第一条第3款的扣款。") == []


def test_enum_style_articles_count_as_articles():
    text = "一、委托内容\n1. 标志。\n2. 物料。\n3. 包装。\n二、违约\n1. 乙方违反第一条第3款或第三条约定的，退还费用。"
    assert texts(run("cross-reference-broken", text)) == ["第三条"]


def test_headings_are_not_references():
    assert run("cross-reference-broken", "第一条 服务\n乙方上新。\n第二条 费用\n月费五千元。") == []


def test_annexes():
    listed = "第一条 交付\n按附件一、附件二交付。\n第二条 其他\n本合同附件：附件一《清单》；附件二《报价》。"
    assert run("cross-reference-broken", listed) == []
    attached = "第一条 交付\n按附件一交付。\n第二条 其他\n一式两份。\n附件一：设备清单"
    assert run("cross-reference-broken", attached) == []
    missing = "第一条 交付\n按附件三交付。\n第二条 其他\n附件一（清单）为本合同不可分割的组成部分。"
    findings = run("cross-reference-broken", missing)
    assert texts(findings) == ["附件三"] and "附件" in findings[0].message


# --------------------------------------------------------------------------- party-name-inconsistent

PARTIES = ("甲方（委托方）：杭州云杉文旅发展有限公司\n乙方（服务方）：杭州拾光影像传媒有限公司\n"
           "第一条 服务\n乙方提供服务。\n")


def test_signature_name_differs():
    text = PARTIES + "甲方（盖章）：杭州云杉文旅发展有限公司\n乙方（盖章）：杭州拾光影视传媒有限公司"
    findings = run("party-name-inconsistent", text)
    assert texts(findings) == ["杭州拾光影视传媒有限公司"]
    assert findings[0].location.clause == "签署部分"
    assert "杭州拾光影像传媒有限公司" in findings[0].message


def test_payee_with_role_word_and_without():
    with_role = PARTIES + "第二条 付款\n甲方付款至乙方账户，户名：杭州拾光影视传媒有限公司。"
    assert texts(run("party-name-inconsistent", with_role)) == ["杭州拾光影视传媒有限公司"]
    similar = PARTIES + "第二条 付款\n开户名 杭州拾光影像传媒公司，开户行 工商银行。"
    assert texts(run("party-name-inconsistent", similar)) == ["杭州拾光影像传媒公司"]
    third_party = PARTIES + "第二条 付款\n开户名：北京某甲科技有限公司。"
    assert run("party-name-inconsistent", third_party) == []


def test_payee_table_cell(tmp_path):
    d = Doc()
    d.para("甲方：宁波暖织服饰有限公司")
    d.para("乙方：合肥禾悦商贸有限公司")
    d.para("第一条 付款")
    d.para("乙方应将货款汇入下表所列甲方账户：")
    d.table([["账户名称", "宁波暖织服装有限公司"], ["开户银行", "中国建设银行"]])
    findings = run("party-name-inconsistent", save(d, tmp_path))
    assert texts(findings) == ["宁波暖织服装有限公司"]


def test_names_that_are_not_mismatches():
    text = ("甲方：青岛海澜优选食品商行（个体工商户）\n乙方：杜欣然，身份证号：370212199908156025\n"
            "甲方名称：青岛海澜优选食品商行\n第一条 服务\n乙方推广店铺（以下简称“海澜”）。\n"
            "报酬支付至乙方账户，户名：杜欣然；乙方登录后台的用户名：duxr。\n"
            "甲方（签字）：王海澜\n乙方（签字）：杜欣然")
    assert run("party-name-inconsistent", text) == []
    blank = ("甲方：【甲方名称】\n乙方：«乙方名称»\n第一条 服务\n乙方提供服务。\n"
             "甲方（盖章）：某某公司\n乙方（盖章）：____")
    assert run("party-name-inconsistent", blank) == []


# --------------------------------------------------------------------------- defined-term-unused


def test_unused_and_used_terms():
    text = ("甲方开设“云杉谷”网店（以下简称“网店”），及小程序（以下简称“小店”）。\n第一条 定义\n"
            "1.1 “考核月”：指自然月。\n1.2 ROI：指成交金额除以推广费用。\n第二条 考核\n"
            "乙方负责网店运营，每个考核月检查一次。")
    findings = run("defined-term-unused", text)
    assert texts(findings) == ["小店", "ROI"]
    assert all(f.severity == "info" for f in findings)


def test_term_used_before_its_definition():
    text = ("第一条 服务\n乙方应按照“执行方案”组织活动。\n第五条 定义\n本合同所称“执行方案”，是指经甲方确认的活动流程。"
            "\n执行方案需要调整的，乙方提前告知。")
    findings = run("defined-term-unused", text)
    assert [(f.text, f.location.clause) for f in findings] == [("“执行方案”", "第一条")]
    assert "之前" in findings[0].message


def test_role_abbreviations_and_collective_terms():
    text = "出租方（以下简称甲方）：梁国栋\n承租方（以下简称乙方）：许可欣\n（以下合称“双方”）\n甲方将房屋出租给乙方。"
    assert run("defined-term-unused", text) == []


# --------------------------------------------------------------------------- tracked-changes-present


def test_revisions_and_comments(tmp_path):
    d = Doc()
    num = d.numbering([ARTICLE, CLAUSE])
    d.para("保密", num=(num, 0))
    d.para("保密期限为本合同终止后", Del("一年"), Ins("两年"), "。", num=(num, 1))
    d.para("争议提交", Comment("广州仲裁委员会", "法务：对方是否接受？"), "仲裁。", num=(num, 1))
    findings = run("tracked-changes-present", save(d, tmp_path))
    assert len(findings) == 1  # one per document
    assert findings[0].text == "两年" and findings[0].location.clause == "第一条 1.1"
    assert "2处" in findings[0].message and "1条批注" in findings[0].message


def test_a_deletion_alone_is_reported_at_its_place(tmp_path):
    d = Doc()
    d.para("服务费为每月人民币", Del("待定"), "5,000元。")
    findings = run("tracked-changes-present", save(d, tmp_path))
    # nothing of a deletion is left in the text: the words just before it show where it was
    assert texts(findings) == ["服务费为每月人民币"]
    d = Doc()
    d.para(Del("暂定"), "服务费为每月人民币5,000元。")
    assert texts(run("tracked-changes-present", save(d, tmp_path, "start.docx"))) == ["服务费为每月人民币5,000元。"]


def test_comments_only_and_suppressions(tmp_path):
    d = Doc()
    d.para("服务费为", Comment("5,000元", "contract-lint: disable=CL008 reason=已核对"), "。")
    assert run("tracked-changes-present", save(d, tmp_path, "a.docx")) == []
    d = Doc()
    d.para("服务费为", Comment("5,000元", "请财务确认"), "。")
    assert texts(run("tracked-changes-present", save(d, tmp_path, "b.docx"))) == ["5,000元"]


def test_comments_written_by_contract_lint_are_its_own(tmp_path):
    from contract_lint.annotate import AUTHOR

    assert AUTHOR in RULES["tracked-changes-present"].params["own_authors"]
    d = Doc()
    d.para("服务费为", Comment("5,000元", "金额大小写不一致", author=AUTHOR), "。")
    assert run("tracked-changes-present", save(d, tmp_path)) == []


def test_clean_documents():
    assert run("tracked-changes-present", "第一条 修订\n本合同的修订须经双方书面确认。") == []


def test_party_name_in_a_signing_table_cell_with_its_label():
    text = ("甲方：武汉光谷云景物业服务有限公司\n乙方：武汉洁诚物业清洁服务有限公司\n第一条 服务\n"
            "乙方提供保洁服务。\n\n"
            "| 甲方（盖章）：武汉光谷云景物业服务有限公司 | 乙方（盖章）：武汉洁诚清洁服务有限公司 |\n"
            "| --- | --- |\n| 日期： | 日期： |\n")
    findings = [f for f in lint(document_from_text(text, fmt="md"), load_rules())
                if f.rule == "party-name-inconsistent"]
    assert [f.text for f in findings] == ["武汉洁诚清洁服务有限公司"]


def test_a_payee_label_inside_a_longer_word_is_no_label():
    text = ("甲方：杭州青禾电子商务有限公司\n乙方：上海弘策电子商务服务有限公司\n第一条 保密\n"
            "乙方不得泄露甲方的客户名单：上海弘策网络有限公司\n乙方收款账户户名：上海弘策电子商务服务有限公司\n")
    findings = [f for f in lint(document_from_text(text), load_rules()) if f.rule == "party-name-inconsistent"]
    assert findings == []
