"""Linting is a pure function of (document, rules): no I/O, no global state but caches.

Each rule's check runs on its own; a check that raises becomes an `internal-error` finding
naming the rule, so one broken rule never costs the user the rest of the report.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable

from .checks import CHECKS
from .findings import Finding, Hit, Location
from .model import Document
from .rules import Rule
from .textutil import squeeze

CONTEXT_CHARS = 120


def needs_tokens(rules: Iterable[Rule]) -> bool:
    return any(getattr(CHECKS[r.check], "NEEDS_TOKENS", False) for r in rules)


def lint(document: Document, rules: Iterable[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        kind = CHECKS[rule.check]
        try:
            hits = list(kind.run(document, rule.params))
        except Exception as exc:  # a crashing rule is reported, not fatal
            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(_internal_error(document, rule, f"{type(exc).__name__}: {exc} "
                                            f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"))
            continue
        findings.extend(make_finding(document, rule, hit) for hit in hits)
    findings.sort(key=lambda f: (f.location.start, f.location.end, f.rule))
    return findings


def make_finding(document: Document, rule: Rule, hit: Hit) -> Finding:
    text = document.text[hit.start:hit.end]
    values = {"text": squeeze(text, 40), **hit.values}
    message, suggestion = rule.texts(hit.variant)
    context, context_start = context_of(document, hit.start, hit.end)
    return Finding(
        rule=rule.id, code=rule.code, severity=rule.severity,
        message=_fill(message, values), suggestion=_fill(suggestion, values),
        text=text, context=context, context_offset=hit.start - context_start,
        location=location_of(document, hit.start, hit.end), statute=rule.statute,
    )


def location_of(document: Document, start: int, end: int) -> Location:
    line, column = document.line_col(start)
    end_line, end_column = document.line_col(max(start, end))
    return Location(line, column, end_line, end_column, document.clause_label(start),
                    document.part_at(start), start, end)


def context_of(document: Document, start: int, end: int) -> tuple[str, int]:
    """The sentence around a span (or the line, for a short heading or field)."""
    s_start, s_end = document.sentence_at(start)
    if s_end <= start:
        s_start, s_end = start, end
    s_end = max(s_end, end)
    if s_end - s_start > CONTEXT_CHARS:
        s_start = max(s_start, start - CONTEXT_CHARS // 2)
        s_end = min(s_end, max(end, s_start + CONTEXT_CHARS))
    return document.text[s_start:s_end], s_start


def _fill(template: str, values: dict[str, str]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _internal_error(document: Document, rule: Rule, detail: str) -> Finding:
    return Finding(
        rule="internal-error", code="CL000", severity="error",
        message=f"规则 {rule.id} 运行出错，未能完成检查：{detail}",
        suggestion="请把这个文件和错误信息报告给 contract-lint 的维护者；其他规则的结果不受影响。",
        text="", context="", location=location_of(document, 0, 0),
    )
