"""Regression checks on public contracts nobody on this project wrote (../shared/real-contracts/).

They are read at test time and never copied into the repository; the tests skip where that
folder is absent. Each assertion is a reviewer's reading of the document, fixed after a report
on it was found wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_lint import lint, load_rules, read_path

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-contracts"
RULES = load_rules()


def findings(name_part: str, suffix: str):
    matches = sorted(REAL.glob(f"*{name_part}*{suffix}")) if REAL.is_dir() else []
    if not matches:
        pytest.skip(f"{name_part}{suffix} is not available in {REAL}")
    return lint(read_path(matches[0]), RULES)


def rules_of(found) -> set[str]:
    return {f.rule for f in found}


def test_a_period_stated_as_until_public_is_a_period():
    # GF-2025-2616 第十三条: "…均不得泄露或者不正当使用，直至相关信息经合法渠道成为公开信息"
    assert "confidentiality-period-missing" not in rules_of(findings("GF-2025-2616", ".txt"))


def test_a_duty_stated_as_a_prohibition_without_a_period_is_reported():
    # GF-2025-1001 第八条: "…商业秘密…无论本合同是否成立，均不得泄露或者不正当地使用" — no period
    assert "confidentiality-period-missing" in rules_of(findings("GF-2025-1001", ".txt"))


def test_values_typed_on_underlined_blanks_fill_them():
    # the filled test form: "__dd______" is a value on its line, not two blanks
    blanks = [f.text for f in findings("filled_628dc8fa", ".docx") if f.rule == "placeholder-unfilled"]
    assert blanks and all("d" not in text and "q" not in text for text in blanks)
    assert len(blanks) <= 2


def test_the_nda_without_a_period_is_reported_once():
    found = findings("JS005-2011-软件项目委托测试保密协议__original_converted", ".docx")
    assert [f.rule for f in found].count("confidentiality-period-missing") == 1


def test_the_signing_page_starts_the_signing_block():
    matches = sorted(REAL.glob("*GF-2025-2616*.txt")) if REAL.is_dir() else []
    if not matches:
        pytest.skip("GF-2025-2616 is not available")
    document = read_path(matches[0])
    offset = document.text.index("以下为本合同签署页")
    assert document.clause_label(offset) == "签署部分"
