"""Kind `clauses-required`: clauses every contract of a type must have.

params: `applies_to` (which documents are checked, see `doctype`), and `clauses`: a list of
`{name, example, headings, content}` — a clause is present when an article (or chapter) heading matches
`headings`, or when `content` matches anywhere in the contract's text outside the signing block.
One finding per missing clause, all at one stable place: the signing block's first line (an
article titled as the signing block, `signing_headings`, counts), else the title. Nothing is
claimed about a truncated text (a web preview that stops mid-sentence), and only the parties'
own text counts (not an instructions page or notes after the contract). The values
`clause` and `example` (a sample wording) go into the message and suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import facts
from ..facts.genre import title_of
from ..findings import Hit
from ..model import BODY, TABLE, Document
from .common import compile_any
from .doctype import in_scope, prepare_scope


def prepare(params: dict) -> dict:
    clauses = []
    for item in params["clauses"]:
        if not isinstance(item, dict) or "name" not in item or not (item.get("headings") or item.get("content")):
            raise ValueError("every clause needs a name and headings or content")
        clauses.append({"name": str(item["name"]), "example": str(item.get("example", "")),
                        "headings": compile_any(item["headings"]) if item.get("headings") else None,
                        "content": compile_any(item["content"]) if item.get("content") else None})
    signing = params.get("signing_headings")
    return {"scope": prepare_scope(params.get("applies_to")), "clauses": clauses,
            "signing_headings": compile_any(signing) if signing else None}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    if not in_scope(doc, p["scope"]) or facts.of(doc).regions.truncated:
        return  # a claim about the whole document cannot be made about a fragment of one
    headings = [c.title for c in doc.clauses if c.kind in ("article", "chapter") and c.title]
    signing = [(c.start, c.end) for c in doc.clauses if c.kind == "signature"]
    if not signing and p["signing_headings"] is not None:
        signing = [(c.start, c.end) for c in doc.clauses
                   if c.kind == "article" and p["signing_headings"].search(c.title or "")][:1]
    body_end = signing[0][0] if signing else len(doc.text)
    missing = [c for c in p["clauses"] if not _present(doc, c, headings, body_end)]
    if not missing:
        return
    span = _end_span(doc, signing)
    if span is None:
        return
    for clause in missing:
        yield Hit(*span, values={"clause": clause["name"], "example": clause["example"]})


def _present(doc: Document, clause: dict, headings: list[str], body_end: int) -> bool:
    if clause["headings"] is not None and any(clause["headings"].search(h) for h in headings):
        return True
    text = facts.of(doc).contract_text
    return clause["content"] is not None and clause["content"].search(text, 0, body_end) is not None


def _end_span(doc: Document, signing: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A stable place for a claim about the whole document: the signing block's first line, else
    the title, else the first line of text (never whatever paragraph happens to come last)."""
    text = doc.text
    blocks = [b for b in doc.blocks if b.part in (BODY, TABLE) and text[b.start:b.end].strip()]
    if signing:
        inside = [b for b in blocks if signing[0][0] <= b.start < signing[0][1]]
        if inside:
            return _stripped(text, inside[0].start, inside[0].end)
    title = title_of(doc)
    if title is not None:
        return title
    if blocks:
        return _stripped(text, blocks[0].start, blocks[0].end)
    return None


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    line = text[start:end]
    lead = len(line) - len(line.lstrip())
    return start + lead, start + len(line.rstrip())
