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

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document

_Q_OPEN, _Q_CLOSE = "“\"「『", "”\"」』"
_QUOTED = re.compile(rf"[{_Q_OPEN}](?P<term>[^{_Q_OPEN}{_Q_CLOSE}\n]{{1,24}})[{_Q_CLOSE}]")
_PAREN = re.compile(r"[（(]\s*(?:以下|下文|下)\s*(?:分别|合并|一并)?(?:简称|称为|称|统称|合称|单称|并称)"
                    r"(?:为)?\s*[:：]?\s*(?P<body>[^（）()\n]{1,60})[）)]")
_BARE_TERM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,10}")
_QUOTED_DEFINITION = re.compile(
    rf"(?:本(?:合同|协议)(?:中|项下)?所称\s*)?{_QUOTED.pattern}\s*[：:，,]?\s*(?:是指|系指|意指|指|定义为)")
_NUMBER = r"(?:\d+(?:\s*[.．]\s*\d+)*\s*[.．、]?|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+、)?"
_BARE_DEFINITION = re.compile(
    rf"\s*{_NUMBER}\s*(?P<term>[\u4e00-\u9fffA-Za-z0-9]{{1,15}})\s*[：:]\s*(?:是指|系指|指)")


def prepare(params: dict) -> dict:
    return {"ignore": frozenset(params.get("ignore") or ())}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    definitions = _definitions(doc)
    first: dict[str, tuple[int, int, int]] = {}
    for term, start, end, scope_end in definitions:
        first.setdefault(term, (start, end, scope_end))
    for term, (start, end, scope_end) in sorted(first.items(), key=lambda item: item[1][0]):
        if term in p["ignore"]:
            continue
        early = _quoted_before(doc.text, term, start, definitions)
        if early is not None:
            yield Hit(early[0], early[1], "before", {"term": term})
        elif doc.text.find(term, scope_end) == -1:
            yield Hit(start, end, values={"term": term})


def _definitions(doc: Document) -> list[tuple[str, int, int, int]]:
    """(term, start, end of the term, end of the definition) in document order."""
    text = doc.text
    found = []
    for m in _PAREN.finditer(text):
        body_start = m.start("body")
        quoted = list(_QUOTED.finditer(text, body_start, m.end("body")))
        for q in quoted:
            found.append((q.group("term").strip(), q.start("term"), q.end("term"), m.end()))
        body = m.group("body").strip()
        if not quoted and _BARE_TERM.fullmatch(body):
            at = text.index(body, body_start)
            found.append((body, at, at + len(body), m.end()))
    for m in _QUOTED_DEFINITION.finditer(text):
        found.append((m.group("term").strip(), m.start("term"), m.end("term"), _paragraph_end(doc, m.start())))
    for block in doc.blocks:
        m = _BARE_DEFINITION.match(text, block.start, block.end)
        if m:
            found.append((m.group("term"), m.start("term"), m.end("term"), block.end))
    found.sort(key=lambda d: d[1])
    return found


def _paragraph_end(doc: Document, offset: int) -> int:
    block = doc.block_at(offset)
    return block.end if block is not None else doc.sentence_at(offset)[1]


def _quoted_before(text: str, term: str, start: int, definitions) -> tuple[int, int] | None:
    """The first “term” before its first definition that is not itself a definition."""
    defined_at = {d[1] for d in definitions if d[0] == term}
    for m in _QUOTED.finditer(text, 0, start):
        if m.group("term").strip() == term and m.start("term") not in defined_at:
            return m.start(), m.end()
    return None
