"""Kind `template`: a contract held against the standard template it was made from.

params: `report`, one of `missing` (template clauses not in the contract), `changed` (fixed
wording changed beyond filling blanks), `added` (contract clauses not in the template), `moved`
(clauses away from their place) and `slot` (blanks filled with a value of the wrong kind, or
against a playbook's constraint). The comparison itself (contract_lint.template.review) is made
once per document and template and shared by the rules. `NEEDS_TEMPLATE`: the engine gives the
template to `run`, and runs no rule of this kind when there is none.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..model import Document

NEEDS_TEMPLATE = True
REPORTS = ("missing", "changed", "added", "moved", "slot")


def prepare(params: dict) -> dict:
    report = params.get("report")
    if report not in REPORTS:
        raise ValueError(f"report must be one of {', '.join(REPORTS)}, got {report!r}")
    return {"report": report}


def run(doc: Document, p: dict, template) -> Iterator[Hit]:
    from ..template import review  # the comparison's modules load only when a template is given

    yield from getattr(review.of(doc, template), p["report"])
