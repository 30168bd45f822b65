"""The engine: linting is a pure function of (document, rules), and a crashing rule is a finding."""

from __future__ import annotations

import dataclasses

from contract_lint import document_from_text, lint, load_rules

TEXT = "第一条 服务\n乙方为甲方提供运营服务，服务费为人民币____元。\n第二条 保密\n乙方对甲方的经营信息负有保密义务。\n"


def test_linting_twice_gives_the_same_findings():
    doc, rules = document_from_text(TEXT), load_rules()
    assert lint(doc, rules) == lint(doc, rules)


def test_findings_carry_span_clause_and_context():
    [blank] = lint(document_from_text(TEXT), [r for r in load_rules() if r.id == "placeholder-unfilled"])
    assert blank.text == "____"
    assert TEXT[blank.location.start:blank.location.end] == "____"
    assert blank.location.clause == "第一条"
    assert (blank.location.line, blank.location.column) == (2, 20)
    assert blank.context[blank.context_offset:].startswith("____")


def test_a_crashing_rule_becomes_an_internal_error_finding(monkeypatch):
    from contract_lint.checks import period

    def boom(document, params):
        raise RuntimeError("simulated bug")
        yield  # pragma: no cover

    monkeypatch.setattr(period, "run", boom)
    findings = lint(document_from_text(TEXT), load_rules())
    errors = [f for f in findings if f.rule == "internal-error"]
    assert len(errors) == 1 and "confidentiality-period-missing" in errors[0].message
    assert "simulated bug" in errors[0].message
    assert any(f.rule == "placeholder-unfilled" for f in findings)  # the other rules still ran


def test_severity_is_configuration_not_code():
    rule = next(r for r in load_rules() if r.id == "roi-undefined")
    info = dataclasses.replace(rule, severity="info")
    [finding] = lint(document_from_text("每月转化率不低于3%，未达到的扣减服务费。"), [info])
    assert finding.severity == "info"


def test_a_runaway_pattern_is_stopped_and_reported(tmp_path):
    from contract_lint.rules import load_rules as load

    (tmp_path / "slow.yaml").write_text("""
id: slow-rule
code: CL902
severity: info
title: 慢规则
message: 慢
rationale: 测试用。
suggestion: 无。
check: pattern
params:
  patterns: ["(a+)+$"]
examples:
  fire: ["aaa"]
  ok: ["b"]
""", encoding="utf-8")
    [rule] = load([tmp_path])
    doc = document_from_text("a" * 40 + "b")
    [finding] = lint(doc, [rule], rule_seconds=0.5)
    assert finding.rule == "slow-rule" and "中止" in finding.message
