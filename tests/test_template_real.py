"""Template review on public forms nobody on this project wrote (../shared/real-contracts/): the NJU610
software-testing contract (JS004) and NDA (JS005) as mail-merge templates («Name»), against the
copies made from them. Read at test time, never copied into the repository; skipped where the
folder is absent. Each assertion is what a reviewer reads in the pair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_lint import lint, load_rules, read_path
from contract_lint.template.catalog import fingerprint, load, similarity, template_fingerprint

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-contracts"
RULES = load_rules()
JS004 = "JS004-2011-软件委托测试合同__template_mergefield"
JS005 = "JS005-2011-软件项目委托测试保密协议__template_mergefield"


def path_of(name_part: str) -> Path:
    matches = sorted(REAL.glob(f"*{name_part}*")) if REAL.is_dir() else []
    if not matches:
        pytest.skip(f"{name_part} is not available in {REAL}")
    return matches[0]


def reviewed(template_part: str, contract_part: str):
    template = load(path_of(template_part), RULES)
    document = read_path(path_of(contract_part))
    findings = lint(document, RULES, template)
    return template, document, findings


def by_rule(findings, prefix: str = "template-"):
    return [f for f in findings if f.rule.startswith(prefix)]


def test_the_mail_merge_output_is_the_template_filled():
    # every «field» filled by the merge (dates as the merge program wrote them: Mon Jun 27 2022),
    # except the two it missed, which stay merge fields: placeholder-unfilled's, and only its
    template, document, findings = reviewed(JS004, "JS004-软件委托测试合同__filled_output")
    assert similarity(template_fingerprint(template), fingerprint(document)) > 0.85
    assert by_rule(findings) == []
    assert sorted(f.text for f in findings if f.rule == "placeholder-unfilled") == ["«ChangeDays»", "«ChangeTimes»"]


def test_junk_test_values_are_values_of_the_wrong_kind():
    # the form filled with keyboard mash: phone, fax and postcode "c"/"d", an address "d", a
    # six-digit account; the wording of the form itself untouched
    _, _, findings = reviewed(JS004, "JS004-软件委托测试合同__filled_628dc8fa")
    assert [f.rule for f in by_rule(findings)] == ["template-slot-invalid"] * 9
    wrong = {(f.message.split("”")[0].lstrip("“"), f.text) for f in by_rule(findings)}
    assert wrong == {("通讯地址", "d"), ("电话", "d"), ("传真", "c"), ("账号", "213124"), ("邮编", "c"),
                     ("通讯地址", "dd"), ("邮编", "cc"), ("电话", "dd"), ("传真", "dd")}
    assert all(f.location.clause == "十二、" for f in by_rule(findings))


@pytest.mark.parametrize(("template", "blank_form"), [
    (JS004, "JS004-2011-软件委托测试合同__original_converted"),
    (JS005, "JS005-2011-软件项目委托测试保密协议__original_converted"),
])
def test_the_blank_form_and_the_merge_template_say_the_same(template, blank_form):
    # underlined blanks against merge fields, a value line joined to its label: no clause changed,
    # and the blanks left blank are placeholder-unfilled's alone
    _, _, findings = reviewed(template, blank_form)
    assert by_rule(findings) == []
    assert any(f.rule == "placeholder-unfilled" for f in findings)
