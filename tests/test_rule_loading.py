"""A broken rule file is reported as `file:line: what is wrong`, before anything is linted."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_lint.rules import RuleError, builtin_rules_dir, load_rules

GOOD = (builtin_rules_dir() / "placeholder-unfilled.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "rule.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_builtin_rules_load():
    assert len(load_rules()) >= 4


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    folder = write(tmp_path, "id: x\ncode: [unclosed\n")
    with pytest.raises(RuleError, match=r"rule\.yaml:\d+: invalid YAML"):
        load_rules([folder])


def test_unknown_key_names_its_line(tmp_path):
    folder = write(tmp_path, GOOD.replace("severity: error", "severity: error\nseverity_typo: 1"))
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    line = GOOD.splitlines().index("severity: error") + 2
    assert f"rule.yaml:{line}: unknown key 'severity_typo'" in str(info.value)


def test_bad_regex_is_a_load_error(tmp_path):
    folder = write(tmp_path, GOOD.replace('    - "某某+"', '    - "某某+("')
                   .replace("id: placeholder-unfilled", "id: my-rule").replace("code: CL001", "code: CL901"))
    with pytest.raises(RuleError, match="bad params"):
        load_rules([folder])


@pytest.mark.parametrize(("old", "new", "message"), [
    ("severity: error", "severity: fatal", "severity must be one of"),
    ("check: placeholder", "check: nonsense", "unknown check kind"),
    ("code: CL001", "code: 1", "'code' must be a non-empty string"),
    ("id: placeholder-unfilled", "id: Placeholder_Unfilled", "kebab-case"),
])
def test_wrong_values(tmp_path, old, new, message):
    with pytest.raises(RuleError, match=message):
        load_rules([write(tmp_path, GOOD.replace(old, new))])


def test_duplicate_ids_are_rejected(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="already used"):
        load_rules([tmp_path])
