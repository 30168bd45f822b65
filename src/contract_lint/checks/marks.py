"""Kind `marks`: a document framed one way that carries the marks of another.

params: `framing` (the words that frame the document, e.g. 兼职、劳务、独立承包), `marks` (a
mapping from a mark's name, as the message shows it, to its regexes), `unless` (a mark in a
sentence that matches one of these is not the document's: "乙方人员应遵守甲方的管理制度" speaks of
the provider's staff) and `min_marks` (how many different marks it takes). One finding per
document, in the clause where most of the marks stand together (ties: the one holding the
strongest mark, the rule listing marks strongest first), on that clause's strongest mark; the value
`marks` lists the names of every mark found, `framing` the framing words.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import facts
from ..findings import Hit
from ..model import Document
from .common import compile_any


def prepare(params: dict) -> dict:
    marks = params["marks"]
    if not isinstance(marks, dict) or not marks:
        raise ValueError("'marks' must map a mark's name to its regexes")
    return {"framing": compile_any(params["framing"]),
            "marks": {str(name): compile_any(patterns) for name, patterns in marks.items()},
            "unless": compile_any(params["unless"]) if params.get("unless") else None,
            "min_marks": int(params.get("min_marks", 2))}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = facts.of(doc).contract_text
    framing = p["framing"].search(text)
    if framing is None:
        return
    # clause label -> {mark rank: its first span there}; ranks follow the rule's order (weight)
    by_clause: dict[str | None, dict[int, tuple[int, int]]] = {}
    names: list[str] = []
    for rank, (name, regex) in enumerate(p["marks"].items()):
        for m in regex.finditer(text):
            if m.end() > m.start() and not _excepted(doc, m.start(), p["unless"]):
                if name not in names:
                    names.append(name)
                by_clause.setdefault(doc.clause_label(m.start()), {}).setdefault(rank, m.span())
    if len(names) < p["min_marks"]:
        return
    marks = max(by_clause.values(), key=lambda here: (len(here), -min(here)))
    yield Hit(*marks[min(marks)], values={"marks": "、".join(names), "framing": framing.group(0)})


def _excepted(doc: Document, offset: int, unless) -> bool:
    if unless is None:
        return False
    start, end = doc.sentence_at(offset)
    return unless.search(doc.norm, start, end) is not None
