"""Kind `defined-terms`: a defined term never used, or a quoted term used before its definition.

Definitions read:
- a parenthesis after a name: （以下简称“店铺”）, （下称“目标店铺”）, （以下合称“双方”）, and the
  unquoted （以下简称甲方）; every quoted term inside counts;
- a definitions clause: “店铺”：指…, “GMV”是指…, 本合同所称“系统”，是指…, and, at the start of a
  paragraph, the unquoted ROI：指… .

A term is used when it appears anywhere after its definition (the parenthesis, or the whole
defining paragraph for a definitions clause, since a definition often repeats its own term).
A quoted “X” before the first definition of X is a use before the definition (reported at the
use). Terms in `ignore` (甲方, 乙方 …) are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import facts
from ..facts.terms import _QUOTED
from ..findings import Hit
from ..model import Document


def prepare(params: dict) -> dict:
    return {"ignore": frozenset(params.get("ignore") or ())}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    definitions = facts.of(doc).definitions
    first: dict[str, tuple[int, int, int, tuple[str, ...], bool]] = {}
    for d in definitions:
        first.setdefault(d.term, (d.start, d.end, d.scope_end, d.aliases, d.body_end > d.body_start))
    for term, (start, end, scope_end, aliases, clause) in sorted(first.items(), key=lambda item: item[1][0]):
        if term in p["ignore"]:
            continue
        early = _quoted_before(text, term, start, definitions)
        if early is not None:
            yield Hit(early[0], early[1], "before", {"term": term})
        elif not any(_used(text, name, start, scope_end, clause) for name in (term, *aliases)):
            # “投入产出比”（以下简称“ROI”）, then ROI: the thing is used by its other name
            yield Hit(start, end, values={"term": term})


def _used(text: str, name: str, start: int, scope_end: int, clause: bool) -> bool:
    """Does the name occur after its definition, or, for a definitions clause (本协议所称GMV，指…,
    often placed at the end), anywhere before it?"""
    return text.find(name, scope_end) != -1 or (clause and text.find(name, 0, max(0, start - 1)) != -1)


def _quoted_before(text: str, term: str, start: int, definitions) -> tuple[int, int] | None:
    """The first “term” before its first definition that is not itself a definition."""
    defined_at = {d.start for d in definitions if d.term == term}
    for m in _QUOTED.finditer(text, 0, start):
        if m.group("term").strip() == term and m.start("term") not in defined_at:
            return m.start(), m.end()
    return None
