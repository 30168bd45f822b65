"""Readable Chinese in a terminal: a folded line never starts with closing punctuation and never
ends with an opening mark (the kinsoku rule, as UAX #14 encodes it), at 60, 80 and 120 columns,
in the text report and in `explain`."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from contract_lint import load_rules
from contract_lint.cli import tools_app
from contract_lint.wrap import line_spans
from terminal import run

CLOSING = set("，。、；：？！）》」』”’…")
OPENING = set("（《「『“‘")
WIDTHS = (60, 80, 120)
SAMPLES = ("ec03-parttime-ops-defects.docx", "cs09-kpi-bonus-ops.docx", "ec07-online-promotion.txt",
           "ho04-parttime-livestream-host.md")


def bad_lines(out: str, columns: int) -> list[str]:
    bad = []
    for line in out.splitlines():
        body = line.strip()
        if not body:
            continue
        if body[0] in CLOSING or body[-1] in OPENING or cell_len(line) > columns:
            bad.append(line)
    return bad


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_text_report_folds_by_the_rules(columns):
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    result = run("--format", "text", "--no-cache", *(corpus / name for name in SAMPLES), cwd=corpus.parent,
                 columns=columns, env={"NO_COLOR": "1"})
    assert "建议：" in result.stdout
    assert bad_lines(result.stdout, columns) == []
    # folded, not cut: every suggestion is there whole
    flat = "".join(result.stdout.split())
    assert "写明是独立的服务合同。" in flat


@pytest.mark.parametrize("columns", WIDTHS)
def test_explain_folds_by_the_rules(columns):
    result = run("explain", "part-time-hours-exceeded", cwd=".", columns=columns, env={"NO_COLOR": "1"})
    assert result.returncode == 0
    assert bad_lines(result.stdout, columns) == []


@pytest.mark.parametrize("columns", WIDTHS)
def test_explain_every_rule(columns):
    runner = CliRunner()
    for rule in load_rules():
        result = runner.invoke(tools_app, ["explain", rule.code], env={"COLUMNS": str(columns), "NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        assert bad_lines(result.output, columns) == [], rule.id


def test_line_spans_keep_every_character_and_fit():
    text = ("建议：改为“甲方每15日（或每周）结算并支付一次报酬”；双方并非劳动关系的，删去“非全日制”的表述，"
            "写明是独立的服务合同。See https://example.com/a/very/long/path/that/does/not/fit/anywhere ok……")
    for width in range(8, 50):
        spans = line_spans(text, width)
        assert "".join(text[a:b] for a, b in spans) == text
        for a, b in spans:
            line = text[a:b].rstrip()
            assert cell_len(line) <= width
            assert (line[0] not in CLOSING and line[-1] not in OPENING) or cell_len(line) == width
