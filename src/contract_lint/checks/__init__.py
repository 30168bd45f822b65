"""Check kinds: the few pieces of Python that rules in `rules/*.yaml` are made of.

A kind is a module with two functions: `prepare(params) -> params` validates and compiles a
rule's parameters when the rule is loaded (so a bad regex is a load error with a line number,
not a crash mid-run), and `run(document, params) -> Iterable[Hit]` finds the spans. A kind with
`NEEDS_TOKENS = True` gets word segmentation through `contract_lint.nlp`, loaded only then; a
kind with `AFTER_FINDINGS = True` runs after all others and is also given the suppressions that
suppressed nothing (unused-suppression). A kind with `NEEDS_TEMPLATE = True` is given the template
the contract is compared with, as a third argument, and is not run without one.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    account,
    amount,
    companion,
    crossref,
    dates,
    dispute,
    identifier,
    marks,
    metric,
    numbering,
    parties,
    parttime,
    pattern,
    penalty,
    period,
    placeholder,
    required,
    revisions,
    template,
    terms,
    unused_suppression,
    vague,
)

CHECKS: dict[str, ModuleType] = {
    # generic kinds, driven entirely by their parameters
    "pattern": pattern,
    "period-required": period,
    "companion-required": companion,
    "clauses-required": required,
    "marks": marks,
    # blanks and the core rules
    "placeholder": placeholder,
    "account-liability": account,
    "metric-definition": metric,
    # consistency
    "identifier": identifier,
    "amount": amount,
    "dates": dates,
    "cross-reference": crossref,
    "numbering": numbering,
    "party-names": parties,
    "defined-terms": terms,
    "revisions": revisions,
    # substance
    "dispute-resolution": dispute,
    "part-time-hours": parttime,
    "penalty-ratio": penalty,
    "vague-standard": vague,
    # a contract against its standard template (given to the kind: NEEDS_TEMPLATE)
    "template": template,
    # meta
    "unused-suppression": unused_suppression,
}
