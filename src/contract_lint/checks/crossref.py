"""Kind `cross-reference`: a reference to an article, clause or annex the document does not have.

References read: 第十二条 / 第12条 / 第四、五条, 第5.2条, 第三条第（二）项 / 第七条第1款, 本条第2款,
and 附件三 / 附件3. What is present comes from the clause tree, so auto-numbered headings count:
an article is present when some article carries its number (一、 counts as 第一条); a clause
(5.2, or 第五条第2款) when the article has a numbered clause with that number (an article with
no numbered clauses is not checked below the article: its 款 are unnumbered paragraphs); an
annex when a paragraph starts with 附件三 (its own heading) or a sentence lists it as part of
the contract (`annex_listing`, anywhere in the paragraph).

A reference to another document is not a cross-reference: the words just before it
(`external_before`: 《民法典》, 劳动合同法, 主合同 …) make it external, and so does being
joined by 、和及至 to an external reference (《民法典》第509条、第510条).
A title with its annex number after it (《排期表》（附件二）) names this contract's annex. A paragraph
that starts with 第X条 is a heading, not a reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..numerals import NUMBER_CHARS, label_numbers, to_int
from ..regexcache import regex
from .common import compile_any

_N = f"[{NUMBER_CHARS}]+"
_SUB = rf"\s*第\s*[（(]?\s*(?P<sub>{_N})\s*[）)]?\s*(?P<subkind>[款项])"
_REFERENCE = regex(
    rf"(?P<this>本(?:合同|协议|条))?"
    rf"(?:第\s*(?P<dotted>\d+(?:\s*[.．]\s*\d+)+)\s*[条款项]"
    rf"|(?:第\s*(?P<articles>{_N}(?:\s*[、，,和及至到-]\s*{_N})*)\s*条|(?<=本条))(?:{_SUB})?)")
_ANNEX = regex(r"附件\s*(?P<annex>[一二三四五六七八九十\d]+)(?![\d.．-])")
_JOINER = regex(r"\s*(?:[、，,和及或与至到]|以及)\s*")
_HEADING = regex(r"\s*(?:#{1,6}\s+|\*\*)?")
# 《月度运营排期表》（附件二）: the annex a title names, not an article of another document
_TITLE_THEN_ANNEX = regex(r"》[（(]$")


def prepare(params: dict) -> dict:
    return {"external_before": compile_any(params["external_before"]),
            "annex_listing": compile_any(params["annex_listing"]),
            "window": int(params.get("window", 12))}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    present = _Present(doc, p)
    refs = [(m, "ref") for m in _REFERENCE.finditer(doc.norm)]
    refs += [(m, "annex") for m in _ANNEX.finditer(doc.norm)]
    refs.sort(key=lambda r: r[0].start())
    external_until = -1  # end of the last external reference, to carry it over a list
    for match, kind in refs:
        start, end = match.span()
        if kind == "ref" and not (match.group("dotted") or match.group("articles") or match.group("sub")):
            continue  # 本条 alone
        titled = kind == "annex" and _TITLE_THEN_ANNEX.search(doc.norm, max(0, start - 2), start)
        if _is_heading(doc, start) or (not titled and _is_external(doc.norm, start, external_until, p)):
            external_until = end
            continue
        if kind == "annex":
            if not present.annex(match, doc):
                yield Hit(start, end, "annex", {"ref": match.group(0)})
            continue
        hit = present.check(doc, match)
        if hit:
            yield hit


def _is_heading(doc: Document, start: int) -> bool:
    block = doc.block_at(start)
    if block is None:
        return False
    lead = _HEADING.match(doc.norm, block.start, start)
    return lead is not None and lead.end() == start


def _is_external(text: str, start: int, external_until: int, p: dict) -> bool:
    if external_until >= 0 and _JOINER.fullmatch(text, external_until, start):
        return True
    window = text[max(0, start - p["window"]):start]
    window = re.split(r"[。；;\n]", window)[-1]
    return bool(p["external_before"].search(window))


class _Present:
    """What the document has: article numbers, clause numbers per article, annex numbers."""

    def __init__(self, doc: Document, p: dict):
        self.articles: dict[int, int] = {}  # article number -> index in doc.clauses
        self.labels: set[tuple[int, ...]] = set()
        self.children: dict[int, set[int]] = {}  # article index -> last numbers of its clauses
        for i, clause in enumerate(doc.clauses):
            numbers = label_numbers(clause.label) if clause.kind in ("article", "clause") else None
            if not numbers:
                continue
            self.labels.add(numbers)
            if clause.kind == "article":
                self.articles.setdefault(numbers[0], i)
                continue
            top = self._article_of(doc, i)
            if top is not None:
                self.children.setdefault(top, set()).add(numbers[-1])
        self.annexes = self._annexes(doc, p)

    @staticmethod
    def _article_of(doc: Document, index: int) -> int | None:
        parent = doc.clauses[index].parent
        while parent is not None and doc.clauses[parent].kind != "article":
            parent = doc.clauses[parent].parent
        return parent

    @staticmethod
    def _annexes(doc: Document, p: dict) -> set[int]:
        found: set[int] = set()
        for block in doc.blocks:
            match = _ANNEX.match(doc.norm, _HEADING.match(doc.norm, block.start).end(), block.end)
            if match and (n := to_int(match.group("annex"))) is not None:
                found.add(n)
        # a listing paragraph names every annex it lists: 本合同附件：附件一《…》；附件二《…》。
        for block in doc.blocks:
            start, end = block.start, block.end
            if p["annex_listing"].search(doc.norm, start, end):
                found.update(n for m in _ANNEX.finditer(doc.norm, start, end)
                             if (n := to_int(m.group("annex"))) is not None)
        return found

    def annex(self, match: re.Match, doc: Document) -> bool:
        n = to_int(match.group("annex"))
        return n is None or n in self.annexes

    def check(self, doc: Document, match: re.Match) -> Hit | None:
        start, end = match.span()
        if match.group("dotted"):
            numbers = label_numbers(match.group("dotted").replace("．", "."))
            if not numbers or not self.articles or self._has_clause(numbers):
                return None
            variant = "clause" if numbers[0] in self.articles else "article"
            return Hit(start, end, variant, {"ref": match.group(0)})
        if match.group("articles"):
            if not self.articles:
                return None  # no article found at all: nothing reliable to compare with
            for piece in re.split(r"\s*[、，,和及至到-]\s*", match.group("articles")):
                n = to_int(piece)
                if n is not None and n not in self.articles:
                    return Hit(start, end, "article", {"ref": match.group(0)})
            article = to_int(re.split(r"\s*[、，,和及至到-]\s*", match.group("articles"))[-1])
            index = self.articles.get(article) if article is not None else None
        else:  # 本条第2款: the article the reference stands in
            clause = doc.clause_at(start)
            index = None
            if clause is not None:
                i = doc.clauses.index(clause)
                index = i if clause.kind == "article" else self._article_of(doc, i)
        if match.group("sub") and index is not None:
            sub = to_int(match.group("sub"))
            children = self.children.get(index)
            if children and sub is not None and sub not in children:
                return Hit(start, end, "clause", {"ref": match.group(0)})
        return None

    def _has_clause(self, numbers: tuple[int, ...]) -> bool:
        if numbers in self.labels:
            return True
        # 第5.2条 in a contract whose clauses are （一）（二）: read it as 第五条第2款
        index = self.articles.get(numbers[0])
        dotted = any(len(label) > 1 for label in self.labels)
        return not dotted and index is not None and numbers[-1] in self.children.get(index, set())
