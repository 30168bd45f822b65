"""Kind `unused-suppression`: a suppression that suppresses nothing.

A `contract-lint: disable=RULE` comment or directive that no finding falls under is stale (the
text was fixed) or mistaken (the wrong rule or the wrong words): left in place, it would hide a
future finding at that spot. The engine runs this kind after every other rule, with the
suppressions that suppressed nothing; a suppression naming a rule that was not selected is not
judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..model import Document

AFTER_FINDINGS = True


def prepare(params: dict) -> dict:
    return dict(params)


def run(doc: Document, params: dict, unused=()) -> Iterator[Hit]:
    for suppression in unused:
        start, end = suppression.at
        yield Hit(start, max(end, start), values={"rules": ", ".join(sorted(suppression.rules))})
