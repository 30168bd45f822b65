"""Check kinds: the few pieces of Python that rules in `rules/*.yaml` are made of.

A kind is a module with two functions: `prepare(params) -> params` validates and compiles a
rule's parameters when the rule is loaded (so a bad regex is a load error with a line number,
not a crash mid-run), and `run(document, params) -> Iterable[Hit]` finds the spans. A kind with
`NEEDS_TOKENS = True` gets word segmentation through `contract_lint.nlp`, loaded only then.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    account,
    amount,
    crossref,
    dates,
    identifier,
    metric,
    numbering,
    parties,
    pattern,
    period,
    placeholder,
    revisions,
    terms,
    unused_suppression,
)

CHECKS: dict[str, ModuleType] = {
    "cross-reference": crossref,
    "numbering": numbering,
    "party-names": parties,
    "defined-terms": terms,
    "revisions": revisions,
    "identifier": identifier,
    "amount": amount,
    "dates": dates,
    "pattern": pattern,
    "placeholder": placeholder,
    "period-required": period,
    "account-liability": account,
    "metric-definition": metric,
    "unused-suppression": unused_suppression,
}

from . import companion, dispute, marks, parttime, penalty, required, vague  # noqa: E402  (substance rules)

CHECKS.update({
    "clauses-required": required,
    "dispute-resolution": dispute,
    "part-time-hours": parttime,
    "marks": marks,
    "penalty-ratio": penalty,
    "vague-standard": vague,
    "companion-required": companion,
})
