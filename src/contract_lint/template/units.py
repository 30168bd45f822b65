"""Units of comparison: the pieces of a document that are held against the template one by one.

A unit is what a reviewer compares as one clause:
- a numbered clause or an article's own text (its heading, and any text before its first
  numbered clause), however many paragraphs and table cells it runs over: a clause split over
  two paragraphs is still one unit, and so is a table of particulars written as lines instead;
- in the preamble (首部), each paragraph, and each table row;
- the signing block (签署部分), as one unit: its layout (lines or a table) varies from copy to
  copy, and the parties write their names and dates anywhere in it.

Titles, headers, footers and the parts that are not the parties' text (instructions, notes,
web-page debris: facts.regions) are no units.

Each unit has a `key`: its characters as compared, with what does not change the wording left
out: the clause's own number (renumbering is no change), whitespace, underscores and punctuation
(full- or half-width, quotes, brackets), checkbox marks, Markdown markup. `at[i]` is the
offset in the text view of the key's i-th character, so whatever is found in keys maps back to
exact words of the document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .. import facts
from ..clauses import marker_end
from ..facts.regions import OUTSIDE
from ..model import FOOTER, HEADER, Document
from ..regexcache import regex

# Characters that are not compared: spacing, fill-in lines, punctuation of either width, quotes
# and brackets (a value kept in 【】 after filling is the same value), checkbox marks, Markdown.
# Kept: letters, digits and what belongs to values (. - / % ¥ @ + ‰).
DROP_CHARS = (" \t\n\r\f\v\u3000\u00a0_＿\ufffc，。；：、！？!?,;:“”‘’\"'（）()《》〈〉【】[]［］〔〕「」『』{}<>«»…—–"
              "·•*#|>~`□☐☑☒■√✓✔")
_KEEP = regex("[^" + re.escape(DROP_CHARS) + "]+")
# what may open a paragraph inside a clause without being its wording: a bullet, a letter item (a.)
_ITEM_START = regex(r"[ \t\u3000]*(?:[-+*•·][ \t\u3000]+|[a-zA-Z][.．、)）][ \t\u3000]*)")

_RULE_ONLY = regex(r"[-:.=~]+")
_CLOSING = "）)】」』”’》]］"

PREAMBLE, ARTICLE, CLAUSE, ROW, SIGNATURE, TEXT = "preamble", "article", "clause", "row", "signature", "text"


@dataclass(frozen=True)
class Unit:
    kind: str  # preamble | article | clause | row | signature | text
    path: str  # the clause label a reader uses: 第五条 5.2, 首部, 签署部分
    title: str  # an article's heading (保密条款), else ""
    start: int  # the unit's words in the text view
    end: int
    pieces: tuple[tuple[int, int], ...]  # the text-view ranges it is made of, in order
    key: str
    at: tuple[int, ...]
    article: int | None  # the top-level clause it belongs to, for grouping a whole article
    head: bool  # the article's own text (its heading)


class _Keyed:
    """The compared characters of the whole text view, read once; a range's are a slice of them."""

    def __init__(self, norm: str) -> None:
        chars: list[str] = []
        at: list[int] = []
        for m in _KEEP.finditer(norm):
            chars.append(m.group())
            at.extend(range(m.start(), m.end()))
        self.key, self.at = "".join(chars), at

    def of(self, start: int, end: int) -> tuple[str, list[int]]:
        i, j = bisect.bisect_left(self.at, start), bisect.bisect_left(self.at, end)
        return self.key[i:j], self.at[i:j]


def units_of(doc: Document) -> list[Unit]:
    """The document's units, in order; computed once and kept with the document (matching a
    contract to its template and reviewing it read the same units)."""
    cached = doc.__dict__.get("_template_units")
    if cached is None:
        cached = doc.__dict__["_template_units"] = _units_of(doc)
    return cached


def _units_of(doc: Document) -> list[Unit]:
    norm = doc.norm
    found = facts.of(doc)
    outside = [r for r in found.regions.spans if r.kind in OUTSIDE]
    titles = set(found.titles[:2])
    clauses = doc.clauses
    own = _own_spans(clauses)
    own_starts = [s for s, _e, _i in own]
    keyed = _Keyed(norm)
    groups: dict[tuple, list[tuple[int, int, bool]]] = {}  # unit id -> (start, end, opens a block)
    order: list[tuple] = []

    def add(unit_id: tuple, start: int, end: int, opens: bool) -> None:
        if unit_id not in groups:
            groups[unit_id] = []
            order.append(unit_id)
        groups[unit_id].append((start, end, opens))

    signature = next((i for i, c in enumerate(clauses) if c.kind == "signature"), None)
    for block in doc.blocks:
        if block.part in (HEADER, FOOTER) or not norm[block.start:block.end].strip():
            continue
        if any(r.start <= block.start < r.end for r in outside):
            continue
        if block.cell is None and any(s < block.end and block.start < e for s, e in titles):
            continue
        if signature is not None and clauses[signature].start <= block.start < clauses[signature].end:
            add(("sig",), block.start, block.end, True)
            continue
        if _RULE_ONLY.fullmatch(keyed.of(block.start, block.end)[0]):
            continue  # a Markdown table's delimiter row (|---|:---:|), a line drawn with dashes
        if block.cell is not None:
            at = bisect.bisect_right(own_starts, block.start) - 1
            index = own[at][2] if at >= 0 and own[at][0] <= block.start < own[at][1] else None
            if index is not None and clauses[index].kind in ("article", "clause", "chapter"):
                add(("clause", index), block.start, block.end, True)
            else:
                add(("row", block.cell.table, block.cell.row), block.start, block.end, True)
            continue
        for start, end, index in _cut(block.start, block.end, own, own_starts):
            clause = clauses[index] if index is not None else None
            if clause is not None and clause.kind in ("article", "clause", "chapter"):
                add(("clause", index), start, end, start == block.start)
            else:
                add(("block", start), start, end, True)
    tops = _tops(clauses)
    units = [_unit(doc, keyed, unit_id, groups[unit_id], tops) for unit_id in order]
    return sorted((u for u in units if u is not None), key=lambda u: u.start)


def _tops(clauses) -> list[int | None]:
    """The top-level article of each clause (None for the preamble and the signing block)."""
    out: list[int | None] = []
    for i, clause in enumerate(clauses):
        if clause.kind in ("preamble", "signature"):
            out.append(None)
        else:
            out.append(out[clause.parent] if clause.parent is not None else i)
    return out


def _own_spans(clauses) -> list[tuple[int, int, int]]:
    """(start, end, index) of each clause's own text: up to its first child (or its end)."""
    spans = []
    for i, clause in enumerate(clauses):
        end = clause.end
        if i + 1 < len(clauses) and clauses[i + 1].start < end:
            end = clauses[i + 1].start
        spans.append((clause.start, end, i))
    return spans


def _cut(start: int, end: int, own: list[tuple[int, int, int]], starts: list[int]):
    """A paragraph cut where clauses start inside it (1.3 ……。1.4 …… on one line)."""
    pos = start
    for s, e, index in own[max(0, bisect.bisect_right(starts, start) - 1):]:
        if s >= end:
            break
        if e <= pos:
            continue
        if s > pos:
            yield pos, s, None
        yield max(s, pos), min(e, end), index
        pos = min(e, end)
        if pos >= end:
            return
    if pos < end:
        yield pos, end, None


def _unit(doc: Document, keyed: _Keyed, unit_id: tuple, pieces: list[tuple[int, int, bool]], tops) -> Unit | None:
    norm = doc.norm
    kind_of = unit_id[0]
    clause = None
    if kind_of == "clause":
        clause = doc.clauses[unit_id[1]]
    key_parts: list[str] = []
    at: list[int] = []
    for n, (start, end, opens) in enumerate(pieces):
        skip = start
        if (n == 0 and clause is not None and start == clause.start) or (opens and kind_of != "sig"):
            skip = start + marker_end(norm[start:end])  # a number: renumbering is no change
            m = _ITEM_START.match(norm, skip, end)
            skip = m.end() if m else skip
        key, where = keyed.of(skip, end)
        key_parts.append(key)
        at.extend(where)
    key = "".join(key_parts)
    first, last = pieces[0][0], pieces[-1][1]
    if key:
        span_start, span_end = at[0], at[-1] + 1
        while span_end < len(norm) and norm[span_end] in _CLOSING:
            span_end += 1  # a closing bracket or quote belongs to the words it closes
    elif "_" in norm[first:last]:  # a line drawn to write on: a template's blank, with no words
        span_start = first + len(norm[first:last]) - len(norm[first:last].lstrip())
        span_end = last - (len(norm[first:last]) - len(norm[first:last].rstrip()))
    else:
        return None
    if kind_of == "sig":
        kind, path = SIGNATURE, "签署部分"
    elif kind_of == "row":
        kind, path = ROW, doc.clause_label(first) or "首部"
    elif clause is not None:
        kind = ARTICLE if clause.kind in ("article", "chapter") else CLAUSE
        path = clause.path
    else:
        label = doc.clause_label(first)
        kind, path = (PREAMBLE, label) if label == "首部" else (TEXT, label or "首部")
    top = _top(doc, first, tops)
    head = clause is not None and clause.parent is None and kind == ARTICLE
    title = clause.title if clause is not None else ""
    return Unit(kind, path, title, span_start, span_end, tuple((s, e) for s, e, _ in pieces), key, tuple(at),
                top, head)


def _top(doc: Document, offset: int, tops: list[int | None]) -> int | None:
    """The index of the top-level article holding the offset."""
    i = bisect.bisect_right(doc._clause_starts, offset) - 1
    while i >= 0 and not (doc.clauses[i].start <= offset < doc.clauses[i].end):
        i = doc.clauses[i].parent if doc.clauses[i].parent is not None else -1
    return tops[i] if i >= 0 else None
