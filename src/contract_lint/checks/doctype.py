"""What kind of contract a document is, read from its title and recitals (not a check kind).

A rule that only makes sense for some contracts (the essential clauses of a service contract)
gives `applies_to: {include: [...], exclude: [...]}`: regexes matched against the title, then,
when the title decides nothing, against the recitals (the preamble). An exclusion in the title
wins ("软件项目委托测试保密协议" is an NDA), and a document whose type is not recognised is not
checked: these rules must not guess.
"""

from __future__ import annotations

import re

from ..model import BODY, TABLE, Document
from .common import compile_any

_TITLE = re.compile(r"(?:合同|协议|协议书|承诺书|契约|确认书|约定书|声明书?|委托书)"
                    r"\s*(?:[（(][^（）()\n]{0,12}[）)])?\s*$")
_MD = re.compile(r"^[\s#>*_\-]+|[*_\s]+$")
TITLE_LINES = 8
RECITAL_CHARS = 600


def prepare_scope(raw: dict | None) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "include" not in raw:
        raise ValueError("applies_to needs 'include' (and optionally 'exclude') regexes")
    return {"include": compile_any(raw["include"]),
            "exclude": compile_any(raw["exclude"]) if raw.get("exclude") else None}


def title_of(doc: Document) -> tuple[int, int] | None:
    """The span of the document's title: the first short line near the top that names a
    contract type (a header, footer or text box is not the title)."""
    seen = 0
    for block in doc.blocks:
        if block.part not in (BODY, TABLE):
            continue
        line = doc.text[block.start:block.end]
        if not line.strip():
            continue
        seen += 1
        if seen > TITLE_LINES:
            return None
        clean = _MD.sub("", line)
        if len(clean) <= 40 and _TITLE.search(clean):
            offset = line.find(clean)
            return block.start + offset, block.start + offset + len(clean)
    return None


def recitals_of(doc: Document) -> str:
    for clause in doc.clauses:
        if clause.kind == "preamble":
            return doc.text[clause.start:clause.end][:RECITAL_CHARS * 3]
    return doc.text[:RECITAL_CHARS]


def in_scope(doc: Document, scope: dict | None) -> bool:
    """Does the document belong to the contract types the rule checks?"""
    if scope is None:
        return True
    span = title_of(doc)
    if span is not None:
        title = doc.text[span[0]:span[1]]
        if scope["exclude"] is not None and scope["exclude"].search(title):
            return False
        if scope["include"].search(title):
            return True
    recitals = recitals_of(doc)
    if scope["exclude"] is not None and scope["exclude"].search(recitals):
        return False
    return bool(scope["include"].search(recitals))
