"""Every rule's own examples (in rules/*.yaml) run as tests: docs and behaviour cannot drift.

An example whose first line is `@docsrc` is a Word document written in the corpus's .docsrc
markup (corpus/README.md: {ins:…}, {del:…}, {comment:ANCHOR|NOTE}, @article: …): it is built
into a .docx by tools/build_corpus.py and read like a user's file, for rules about what only
Word files have (tracked changes, comments). Its quote is looked up in the document's text.

An example with a `template:` text is compared with that template, as `--template` does; the
template rules report nothing without one, which their examples without a template show.
"""

from __future__ import annotations

import re

import pytest

from contract_lint import document_from_text, lint, load_rules
from contract_lint.readers import read_bytes
from contract_lint.template import from_document

RULES = load_rules()
FIRE = [pytest.param(rule, ex, id=f"{rule.id}-fire-{i}") for rule in RULES for i, ex in enumerate(rule.fire)]
OK = [pytest.param(rule, ex, id=f"{rule.id}-ok-{i}") for rule in RULES for i, ex in enumerate(rule.ok)]


DOCSRC = "@docsrc\n"


def of_rule(document, rule, example=None):
    """The rule's findings when every rule runs, as for a user: rules are independent, except
    unused-suppression, which judges the others' suppressions."""
    template = None
    if example is not None and example.template is not None:
        template = from_document(document_from_text(example.template, "template.txt"), RULES)
    return [f for f in lint(document, RULES, template) if f.rule == rule.id]


def document_of(example):
    if not example.text.startswith(DOCSRC):
        return document_from_text(example.text)
    from tools.build_corpus import build_docx

    return read_bytes(build_docx(example.text[len(DOCSRC):]), "example.docx", ".docx")


@pytest.mark.parametrize(("rule", "example"), FIRE)
def test_example_fires(rule, example):
    document = document_of(example)
    findings = of_rule(document, rule, example)
    assert findings, f"{rule.id} should fire on: {example.text}"
    if example.quote:
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(example.quote), document.text)]
        assert spans, f"quote {example.quote!r} is not in the example text"
        assert any(_at(f.location, s, e) for f in findings for s, e in spans), \
            f"{rule.id} fired at {[f.text for f in findings]}, not at {example.quote!r}"


def _at(location, start: int, end: int) -> bool:
    """Does the finding cover the quote, or, with no words of its own (a clause missing), touch it?"""
    if location.end <= location.start:
        return start <= location.start <= end
    return location.start < end and start < location.end


@pytest.mark.parametrize(("rule", "example"), OK)
def test_example_is_clean(rule, example):
    findings = of_rule(document_of(example), rule, example)
    assert not findings, f"{rule.id} should not fire on: {example.text}\n got {[f.text for f in findings]}"


def test_every_rule_documents_itself():
    for rule in RULES:
        assert rule.rationale and rule.suggestion and rule.title
        assert len(rule.fire) >= 3 and len(rule.ok) >= 3, rule.id
        assert rule.statute and "《" in rule.statute, f"{rule.id} makes a legal claim: cite the statute"


def test_ids_and_codes_are_unique_and_stable():
    assert [r.id for r in RULES] == sorted(r.id for r in RULES)  # one file per rule, sorted by file name
    assert len({r.code for r in RULES}) == len(RULES)
    assert {r.id: r.code for r in RULES}.items() >= {
        "placeholder-unfilled": "CL001",
        "confidentiality-period-missing": "CL002",
        "account-liability-ambiguous": "CL003",
        "roi-undefined": "CL004",
    }.items()
