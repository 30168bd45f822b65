"""The document's title, and the lines that look like a contract's title.

A title is a short line that names a contract type (…合同, …协议, …确认书, …委托书), near the top,
that is neither web-page text (首页 > 委托合同) nor a clause. Model texts print the title twice,
on the cover and again above the party block, so `title_lines` gives every such line among the
first lines and `title_of` the first.
"""

from __future__ import annotations

import re

from ..model import BODY, TABLE, Document

_TITLE = re.compile(r"(?:合同|合同书|协议|协议书|承诺书|契约|确认书|约定书|声明书?|委托书)"
                    r"\s*(?:[（(][^（）()\n]{0,12}[）)])?\s*$")
_MD = re.compile(r"^[\s#>*_\-]+|[*_\s]+$")
_NOT_TITLE = re.compile(r"首页\s*>|^\s*(?:第[^条\n]{1,5}条|[一二三四五六七八九十]+[、.]|\d+[.、])|[：:，。；]")
TITLE_LINES = 60
RECITAL_CHARS = 600


def title_lines(doc: Document) -> list[tuple[int, int]]:
    """Spans of the lines near the top that read as a contract's title."""
    found = []
    seen = 0
    for block in doc.blocks:
        if block.part not in (BODY, TABLE):
            continue
        line = doc.norm[block.start:block.end]
        if not line.strip():
            continue
        seen += 1
        if seen > TITLE_LINES:
            break
        clean = _MD.sub("", line)
        if 2 <= len(clean) <= 40 and _TITLE.search(clean) and not _NOT_TITLE.search(clean):
            offset = line.find(clean)
            found.append((block.start + offset, block.start + offset + len(clean)))
    return found


def title_of(doc: Document) -> tuple[int, int] | None:
    lines = title_lines(doc)
    return lines[0] if lines else None


def recitals_of(doc: Document) -> str:
    for clause in doc.clauses:
        if clause.kind == "preamble":
            return doc.norm[clause.start:clause.end][:RECITAL_CHARS * 3]
    return doc.norm[:RECITAL_CHARS]
