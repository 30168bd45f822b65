"""Linting is a pure function of (document, rules, template): no I/O, no global state but caches.

Each rule's check runs on its own; a check that raises becomes an `internal-error` finding
naming the rule, so one broken rule never costs the user the rest of the report. A kind marked
`NEEDS_TEMPLATE` compares the document with a standard template (contract_lint.template) and is
given it; without a template its rules report nothing.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from . import suppressions
from .checks import CHECKS
from .findings import Finding, Hit, Location
from .model import Document
from .rules import Rule
from .textutil import squeeze

if TYPE_CHECKING:
    from .template import Template

CONTEXT_CHARS = 120
# A check should take milliseconds; a regular expression gone catastrophic (a user rule with
# nested quantifiers) is stopped here and reported, instead of hanging a CI run.
RULE_SECONDS = 10.0


class RuleTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RuleTimeout in the running check after `seconds`. Python's regex engine checks for
    signals while matching, so this interrupts a runaway pattern too. Only on the main thread of
    a platform with SIGALRM; elsewhere (a library user's worker thread) it is a no-op."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise RuleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def needs_tokens(rules: Iterable[Rule]) -> bool:
    return any(getattr(CHECKS[r.check], "NEEDS_TOKENS", False) for r in rules)


def needs_template(rule: Rule) -> bool:
    return getattr(CHECKS[rule.check], "NEEDS_TEMPLATE", False)


def lint(document: Document, rules: Iterable[Rule], template: Template | None = None, *,
         rule_seconds: float = RULE_SECONDS, known: Iterable[str] | None = None) -> list[Finding]:
    """The findings of `rules` on `document`, after the suppressions written in the document.

    `template` is the standard template (or playbook) the document was made from, as
    `contract_lint.template.load` builds it; the rules whose kind needs one are given it, and
    report nothing without it. Kinds marked AFTER_FINDINGS (unused-suppression) run last and
    are also given the suppressions that suppressed nothing, and those that name a rule nobody
    knows. `known` is every rule id and code the project has (default: the rules given and the
    built-in ones)."""
    rules = list(rules)
    if template is None:
        rules = [r for r in rules if not needs_template(r)]
    regular = [r for r in rules if not getattr(CHECKS[r.check], "AFTER_FINDINGS", False)]
    findings = _run(document, regular, rule_seconds, (), template)
    ran = {name for r in regular for name in (r.id, r.code)}
    written = suppressions.from_document(document)
    findings, unused = suppressions.apply(findings, written, ran)
    unknown = suppressions.unknown(written, set(known) if known is not None else _known_names(rules, written))
    findings += _run(document, [r for r in rules if r not in regular], rule_seconds, (unused, unknown))
    findings.sort(key=lambda f: (f.location.start, f.location.end, f.rule))
    return findings


@functools.lru_cache(maxsize=1)
def _builtin_names() -> frozenset[str]:
    from .rules import load_rules

    return frozenset(name for r in load_rules() for name in (r.id, r.code))


def _known_names(rules: list[Rule], written: list[suppressions.Suppression]) -> set[str]:
    """The given rules' names, and the built-in ones when a suppression names something else
    (so the rule files are read again only then)."""
    given = {name for r in rules for name in (r.id, r.code)}
    named = {name for s in written for name in s.rules} - {"all"}
    return given if named <= given else given | _builtin_names()


def _run(document: Document, rules: list[Rule], rule_seconds: float, extra: tuple,
         template: Template | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        kind = CHECKS[rule.check]
        args = (template,) if getattr(kind, "NEEDS_TEMPLATE", False) else extra
        try:
            with time_limit(rule_seconds):
                hits = list(kind.run(document, rule.params, *args))
        except RuleTimeout:
            findings.append(_timed_out(document, rule, rule_seconds))
            continue
        except Exception as exc:  # a crashing rule is reported, not fatal
            import traceback  # only when a rule crashed

            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(_internal_error(document, rule, f"{type(exc).__name__}: {exc} "
                                            f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"))
            continue
        findings.extend(make_finding(document, rule, hit) for hit in hits)
    return findings


def make_finding(document: Document, rule: Rule, hit: Hit) -> Finding:
    text = document.text[hit.start:hit.end]
    values = {"text": squeeze(text, 40), **hit.values}
    message, suggestion = rule.texts(hit.variant)
    context, context_start = context_of(document, hit.start, hit.end)
    return Finding(
        rule=rule.id, code=rule.code, severity=hit.severity or rule.severity,
        message=_fill(message, values), suggestion=_fill(suggestion, values),
        text=text, context=context, context_offset=hit.start - context_start,
        location=location_of(document, hit.start, hit.end), statute=rule.statute,
        original=hit.original, redline=hit.redline,
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


def _timed_out(document: Document, rule: Rule, seconds: float) -> Finding:
    return Finding(
        rule=rule.id, code=rule.code, severity="error",
        message=f"规则 {rule.id} 在本文件上运行超过 {seconds:g} 秒，已被中止，本规则的检查结果不完整",
        suggestion="规则中的正则表达式可能有灾难性回溯（如嵌套的量词 (a+)+），请简化该规则。",
        text="", context="", location=location_of(document, 0, 0),
    )


def _internal_error(document: Document, rule: Rule, detail: str) -> Finding:
    return Finding(
        rule="internal-error", code="CL000", severity="error",
        message=f"规则 {rule.id} 运行出错，未能完成检查：{detail}",
        suggestion="请把这个文件和错误信息报告给 contract-lint 的维护者；其他规则的结果不受影响。",
        text="", context="", location=location_of(document, 0, 0),
    )
