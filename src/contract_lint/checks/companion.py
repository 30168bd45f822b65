"""Kind `companion-required`: something the contract does that needs a statement to go with it.

Where `period-required` looks for a duration inside the scope of a duty, this kind asks the
whole document: when `trigger` occurs (work products are created), some sentence must match
`companion` (who owns them). params: `applies_to` (optional, see `doctype`), `trigger`,
`trigger_exceptions` (wordings that look like a trigger but are not), `companion`, and optional
`unclear` (a statement that settles nothing: ownership "另行协商确定"; reported where it stands,
variant `unclear`) and `blank` (a statement left blank; named group `blank`; variant `blank`).
Otherwise one finding per document, at the first trigger.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import facts
from ..findings import Hit
from ..model import Document
from .common import compile_any
from .doctype import in_scope, prepare_scope


def prepare(params: dict) -> dict:
    blank = params.get("blank")
    blank_re = compile_any(blank) if blank else None
    if blank_re is not None and "blank" not in blank_re.groupindex:
        raise ValueError("'blank' needs a named group (?P<blank>…)")
    return {"scope": prepare_scope(params.get("applies_to")),
            "trigger": compile_any(params["trigger"]),
            "trigger_exceptions": compile_any(params["trigger_exceptions"])
            if params.get("trigger_exceptions") else None,
            "companion": compile_any(params["companion"]),
            "unclear": compile_any(params["unclear"]) if params.get("unclear") else None,
            "blank": blank_re}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    if not in_scope(doc, p["scope"]):
        return
    text = facts.of(doc).contract_text
    triggers = _triggers(text, p)
    if not triggers:
        return
    if p["blank"] is not None:
        blanks = list(p["blank"].finditer(text))
        for m in blanks:
            yield Hit(m.start("blank"), m.end("blank"), "blank")
        if blanks:
            return
    if p["unclear"] is not None:
        unclear = list(p["unclear"].finditer(text))
        for m in unclear:
            yield Hit(*m.span(), "unclear")
        if unclear:
            return
    if p["companion"].search(text):
        return
    first = triggers[0]
    yield Hit(*first.span(), values={"match": first.group(0)})


def _triggers(text: str, p: dict) -> list[re.Match]:
    excepted = [m.span() for m in p["trigger_exceptions"].finditer(text)] \
        if p["trigger_exceptions"] is not None else []
    return [m for m in p["trigger"].finditer(text)
            if m.end() > m.start() and not any(s < m.end() and m.start() < e for s, e in excepted)]
