"""Kind `revisions`: a Word document that still holds tracked changes or reviewer comments.

The text view is the accepted text, so the other rules already read the document as if every
change were accepted; this kind tells the user that the file itself is not clean yet. One hit per
document, at the first revision or comment: an insertion spans the inserted words, a comment
its anchor, and a deletion (which leaves no words in the accepted text) the words just before
the point where the deleted words were (the clause segment up to it), or just after it at the
start of a paragraph. contract-lint's own
comments are not reviewer comments: its suppressions (`contract-lint: disable=…`), and the
findings it wrote into a commented copy (`--annotate`, author in `own_authors`), so that the
copy lints to the same findings as the original.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..suppressions import parse_directive


def prepare(params: dict) -> dict:
    return {"comments": bool(params.get("comments", True)),
            "own_authors": frozenset(params.get("own_authors") or ())}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    comments = [c for c in doc.comments
                if parse_directive(c.text) is None and c.author not in p["own_authors"]] if p["comments"] else []
    # (where it is, a deletion?, what it is, who): the first one is reported; at one point a
    # replacement (deletion + insertion) is shown by its inserted words
    marks = [(r.start, r.kind == "delete", r.end, "修订", r.author) for r in doc.revisions]
    marks += [(c.start, False, c.end, "批注", c.author) for c in comments]
    if not marks:
        return
    at, _, until, what, author = min(marks, key=lambda m: (m[0], m[1]))
    start, end = _visible(doc, at, until)
    yield Hit(start, end, values={"revisions": str(len(doc.revisions)), "comments": str(len(comments)),
                                  "first": what, "author": author or "未署名"})


_STOPS = "，；;。！？!?：\n"  # not the ASCII comma or colon of 5,000 or 9:00


def _visible(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Words to show for a revision: an insertion's own words; for a deletion point, the clause
    segment before it (or, at a paragraph start, after it)."""
    if end > start:
        return start, end
    block = doc.block_at(start)
    if block is None:
        return start, end
    text = doc.text
    left = start
    while left > block.start and (left == start or text[left - 1] not in _STOPS):
        left -= 1
    if left < start:
        return left, start
    right = start
    while right < block.end and text[right] not in _STOPS:
        right += 1
    return start, min(right + 1, block.end) if right > start else (start, end)
