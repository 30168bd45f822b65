"""Check kinds: the few pieces of Python that rules in `rules/*.yaml` are made of.

A kind is a module with two functions: `prepare(params) -> params` validates and compiles a
rule's parameters when the rule is loaded (so a bad regex is a load error with a line number,
not a crash mid-run), and `run(document, params) -> Iterable[Hit]` finds the spans. A kind with
`NEEDS_TOKENS = True` gets word segmentation through `contract_lint.nlp`, loaded only then.
"""

from __future__ import annotations

from types import ModuleType

from . import account, metric, pattern, period, placeholder

CHECKS: dict[str, ModuleType] = {
    "pattern": pattern,
    "placeholder": placeholder,
    "period-required": period,
    "account-liability": account,
    "metric-definition": metric,
}
