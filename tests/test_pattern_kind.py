"""The `pattern` kind lets a team add a rule with no Python: a regex, its exceptions, and text."""

from __future__ import annotations

from contract_lint import document_from_text, lint
from contract_lint.rules import load_rules

RULE = """
id: oral-agreement
code: CL901
severity: info
title: 口头约定
message: "合同提到口头约定：{match}"
rationale: 口头约定难以证明。
suggestion: 把约定内容写进合同。
check: pattern
params:
  patterns: ["口头(?:约定|同意|确认)"]
  unless: 书面确认
examples:
  fire: ["双方口头约定的其他事项。"]
  ok: ["双方口头约定的事项经书面确认后生效。"]
"""


def test_a_team_rule_in_yaml(tmp_path):
    (tmp_path / "oral.yaml").write_text(RULE, encoding="utf-8")
    [rule] = load_rules([tmp_path])
    [finding] = lint(document_from_text("第一条 其他\n双方口头同意的事项另行处理。"), [rule])
    assert finding.text == "口头同意"
    assert finding.message == "合同提到口头约定：口头同意"
    assert finding.location.clause == "第一条"
    assert not lint(document_from_text(rule.ok[0].text), [rule])
