"""Defined terms: what a contract defines, under which names, and where the definition says what.

Definitions read:
- a parenthesis after a name: X（以下简称“店铺”）, “投入产出比”（以下简称“ROI”）, （以下合称“双方”）,
  and the unquoted （以下简称甲方）. Every quoted term inside is a name of the thing; a quoted
  name right before the parenthesis is another name of it (an alias: ROI means 投入产出比);
- a definitions clause: “店铺”：指…, “GMV”是指…, 本合同所称“系统”，是指…, 本协议所称GMV，指…,
  and, at the start of a paragraph, the unquoted ROI：指… .

`body` is the defining text (what follows 是指 / 指 up to the end of the paragraph or the
parenthesis), so a rule can ask whether a definition says how something is computed, however
long it is. `scope_end` is where the definition ends: a use of the term counts from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from ..regexcache import regex

_Q_OPEN, _Q_CLOSE = "“\"「『", "”\"」』"
_QUOTED = regex(rf"[{_Q_OPEN}](?P<term>[^{_Q_OPEN}{_Q_CLOSE}\n]{{1,24}})[{_Q_CLOSE}]")
_PAREN = regex(r"（\s*(?:以下|下文|下)\s*(?:分别|合并|一并)?(?:简称|称为|称|统称|合称|单称|并称)"
                    r"(?:为)?\s*：?\s*(?P<body>[^（）\n]{1,60})）")
_SAYS = regex(r"\s*[：，]?\s*(?:是指|系指|意指|指|定义为)")
_BARE_TERM = regex(r"[\u4e00-\u9fffA-Za-z0-9]{1,10}")
_QUOTED_DEFINITION = regex(
    rf"(?:本(?:合同|协议)(?:中|项下)?所称\s*)?{_QUOTED.pattern}\s*[：，]?\s*(?:是指|系指|意指|指|定义为)")
_SO_CALLED = regex(r"本(?:合同|协议)(?:中|项下)?所称\s*(?P<term>[\u4e00-\u9fffA-Za-z0-9]{1,15})\s*[，：]?\s*"
                        r"(?:是指|系指|指)")
_NUMBER = r"(?:\d+(?:\s*[.．]\s*\d+)*\s*[.．、]?|（\s*[一二三四五六七八九十\d]+\s*）|[一二三四五六七八九十]+、)?"
_BARE_DEFINITION = regex(
    rf"\s*{_NUMBER}\s*(?P<term>[\u4e00-\u9fffA-Za-z0-9]{{1,15}})\s*：\s*(?:是指|系指|指)")


@dataclass(frozen=True)
class Definition:
    term: str
    start: int  # the term's own span
    end: int
    aliases: tuple[str, ...] = ()  # other names of the same thing
    body_start: int = 0  # the defining words (empty for a bare 简称)
    body_end: int = 0
    scope_end: int = 0  # a use of the term counts from here


def find(doc: Document) -> list[Definition]:
    """Every definition, in document order (a term defined twice appears twice)."""
    text = doc.norm
    found: list[Definition] = []
    for m in _PAREN.finditer(text):
        body_start = m.start("body")
        quoted = list(_QUOTED.finditer(text, body_start, m.end("body")))
        names = [(q.group("term").strip(), q.start("term"), q.end("term")) for q in quoted]
        body = m.group("body").strip()
        if not quoted and _BARE_TERM.fullmatch(body):
            at = text.index(body, body_start)
            names = [(body, at, at + len(body))]
        before = _QUOTED.search(text, max(0, m.start() - 26), m.start())
        full_name = before.group("term").strip() if before and before.end() == m.start() else None
        # …（以下简称“ROI”）：指……: the words after the parenthesis define it
        says = _SAYS.match(text, m.end())
        body = (says.end(), _paragraph_end(doc, m.start())) if says else (0, 0)
        for term, start, end in names:
            aliases = tuple(n for n, _s, _e in names if n != term) + ((full_name,) if full_name else ())
            found.append(Definition(term, start, end, aliases, *body, scope_end=max(m.end(), body[1])))
        if full_name:
            found.append(Definition(full_name, before.start("term"), before.end("term"),
                                    tuple(n for n, _s, _e in names), *body, scope_end=max(m.end(), body[1])))
    for m in _QUOTED_DEFINITION.finditer(text):
        end = _paragraph_end(doc, m.start())
        found.append(Definition(m.group("term").strip(), m.start("term"), m.end("term"), (),
                                m.end(), end, end))
    for m in _SO_CALLED.finditer(text):
        end = _paragraph_end(doc, m.start())
        found.append(Definition(m.group("term"), m.start("term"), m.end("term"), (), m.end(), end, end))
    for block in doc.blocks:
        m = _BARE_DEFINITION.match(text, block.start, block.end)
        if m:
            found.append(Definition(m.group("term"), m.start("term"), m.end("term"), (),
                                    m.end(), block.end, block.end))
    found = list({(d.term, d.start): d for d in found}.values())  # one definition read two ways
    return sorted(found, key=lambda d: d.start)


def _paragraph_end(doc: Document, offset: int) -> int:
    block = doc.block_at(offset)
    return block.end if block is not None else doc.sentence_at(offset)[1]
