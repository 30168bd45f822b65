"""Kind `unused-suppression`: a suppression that suppresses nothing.

A `contract-lint: disable=RULE` comment or directive that no finding falls under is stale (the
text was fixed) or mistaken (the wrong rule or the wrong words): left in place, it would hide a
future finding at that spot. The engine runs this kind after every other rule, with the
suppressions that suppressed nothing; a suppression naming a rule that was not selected is not
judged.

A suppression that names a rule nobody has (`disable=CL0001`, a misspelt id) can never suppress
anything: it is reported too, naming the unknown rules (hit variant `unknown`), whether or not
its other rules suppressed something, as ruff reports an unknown code in a `noqa`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..model import Document

AFTER_FINDINGS = True


def prepare(params: dict) -> dict:
    return dict(params)


def run(doc: Document, params: dict, unused=(), unknown=()) -> Iterator[Hit]:
    for suppression in unused:
        start, end = suppression.at
        yield Hit(start, max(end, start), values={"rules": ", ".join(sorted(suppression.rules))})
    reported = {id(s) for s in unused}
    for suppression, names in unknown:
        if id(suppression) in reported:
            continue  # already reported as suppressing nothing; the unknown names are in that message
        start, end = suppression.at
        # the rule's message reads "这条抑制标记（{rules}）没有抑制任何问题，可能……写错了规则"
        yield Hit(start, max(end, start), "unknown", {"rules": "未知规则 " + ", ".join(names)})
