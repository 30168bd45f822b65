"""What kind of contract a document is, read from its title and recitals (not a check kind).

A rule that only makes sense for some contracts (the essential clauses of a service contract)
gives `applies_to: service` (a genre of facts.genre) or its own `{include: [...], exclude: [...]}`:
regexes matched against the title, then,
when the title decides nothing, against the recitals (the preamble). An exclusion in the title
wins ("软件项目委托测试保密协议" is an NDA), and a document whose type is not recognised is not
checked: these rules must not guess.
"""

from __future__ import annotations

from ..facts.genre import GENRES, recitals_of, title_of
from ..model import Document
from .common import compile_any


def prepare_scope(raw: dict | str | None) -> dict | None:
    """`applies_to: service` names a genre of facts.genre; a mapping {include, exclude} gives a
    team's own vocabulary."""
    if raw is None:
        return None
    if isinstance(raw, str):
        if raw not in GENRES:
            raise ValueError(f"applies_to: unknown kind of contract '{raw}' (known: {', '.join(GENRES)})")
        raw = GENRES[raw]
    if not isinstance(raw, dict) or "include" not in raw:
        raise ValueError("applies_to needs 'include' (and optionally 'exclude') regexes")
    return {"include": compile_any(raw["include"]),
            "exclude": compile_any(raw["exclude"]) if raw.get("exclude") else None}


def in_scope(doc: Document, scope: dict | None) -> bool:
    """Does the document belong to the contract types the rule checks?"""
    if scope is None:
        return True
    span = title_of(doc)
    if span is not None:
        title = doc.norm[span[0]:span[1]]
        if scope["exclude"] is not None and scope["exclude"].search(title):
            return False
        if scope["include"].search(title):
            return True
    recitals = recitals_of(doc)
    if scope["exclude"] is not None and scope["exclude"].search(recitals):
        return False
    return bool(scope["include"].search(recitals))
