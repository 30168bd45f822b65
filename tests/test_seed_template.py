"""The template our first rules come from (../shared/seed/), as .txt and as a .docx built from
it here: every bracketed blank, the blank confidentiality period, the account-password party and
the undefined ROI are reported at the right clause, and nothing else. The template's text is
read at test time and never copied into the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contract_lint import lint, load_rules, read_path
from tools.docxgen import Doc

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
seeds = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
pytestmark = pytest.mark.skipif(not seeds, reason=f"the seed template is not available at {SEED}")


@pytest.fixture(params=["txt", "docx"])
def seed_document(request, tmp_path):
    text = seeds[0].read_text(encoding="utf-8")
    if request.param == "txt":
        path = tmp_path / "seed.txt"
        path.write_text(text, encoding="utf-8")
    else:
        doc = Doc()
        for line in text.splitlines():
            doc.para(line)
        path = tmp_path / "seed.docx"
        doc.save(path)
    return read_path(path)


def test_seed_findings(seed_document):
    # the four rules the template gave us; later rules (e.g. drafting notes left in) have their own tests
    findings = [f for f in lint(seed_document, load_rules()) if f.code in ("CL001", "CL002", "CL003", "CL004")]
    text = seed_document.text
    by_rule: dict[str, list] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)

    blanks = [m.span() for m in re.finditer(r"\[[^\]\n]+\]", text)]
    placeholders = by_rule.pop("placeholder-unfilled")
    for start, end in blanks:
        assert any(f.location.start <= start and end <= f.location.end for f in placeholders), text[start:end]
    assert len(placeholders) == len(blanks)  # "2025年[具体日期]" is one blank date, not two findings

    [confidentiality] = by_rule.pop("confidentiality-period-missing")
    assert confidentiality.location.clause == "第二条 2.3"
    assert confidentiality.text.startswith("[约定年限")

    [account] = by_rule.pop("account-liability-ambiguous")
    assert account.location.clause == "第二条 2.1"
    assert "管理责任由[约定方" in account.text

    [roi] = by_rule.pop("roi-undefined")
    assert roi.location.clause == "第一条 1.4"
    assert roi.text.startswith("投入产出比")

    assert not by_rule
