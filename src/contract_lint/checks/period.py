"""Kind `period-required`: a duty that must say how long it lasts.

The rule gives: `duty` (words that impose the duty; `not_duty`, words before them in the sentence
that make them no promise, as in 违反……保密义务的), `topic` (the word that marks sentences
about it), `period` (expressions that state a length or an end point) and `blank_period`
(a period slot left blank; its named group `blank` is the blank). The duty's scope is every
article that imposes it plus every sentence that names the topic, wherever it stands (a
contract may put "保密期限" in a separate article). One finding per document: at the blank
period if there is one, otherwise at the first words imposing the duty.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import facts
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any


def prepare(params: dict) -> dict:
    raw = params["blank_period"]
    blank = [regex(pattern) for pattern in ([raw] if isinstance(raw, str) else raw)]
    if not all("blank" in b.groupindex for b in blank):
        raise ValueError("every blank_period pattern needs a named group (?P<blank>…)")
    return {"duty": compile_any(params["duty"]), "topic": compile_any(params["topic"]),
            "not_duty": compile_any(params["not_duty"]) if params.get("not_duty") else None,
            "period_forms": [str(x) for x in params.get("period_forms") or ()],
            "period": compile_any(params["period"]), "blank_period": blank}


def describe(p: dict) -> dict[str, list[str]]:
    """What `explain` lists: the forms of a period the rule reads, from its own data."""
    return {"认可的期限写法": p["period_forms"]}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = facts.of(doc).contract_text  # not an instructions page or notes about the contract
    not_duty = p["not_duty"]
    duties = [m for m in p["duty"].finditer(text)
              if not (not_duty is not None and not_duty.search(text, doc.sentence_at(m.start())[0], m.start()))]
    if not duties:
        return
    scope = _scope(doc, text, duties, p["topic"])
    for start, end in scope:
        for pattern in p["blank_period"]:
            for m in pattern.finditer(text, start, end):
                yield Hit(m.start("blank"), m.end("blank"), "blank")
                return
    if any(p["period"].search(text, start, end) for start, end in scope):
        return
    first = duties[0]
    yield Hit(first.start(), first.end())


def _scope(doc: Document, text: str, duties, topic) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in duties:
        article = _article_span(doc, m.start())
        if article not in spans:
            spans.append(article)
    for start, end in doc.sentence_spans:
        if topic.search(text, start, end) and not any(s <= start and end <= e for s, e in spans):
            spans.append((start, end))
    return sorted(spans)


def _article_span(doc: Document, offset: int) -> tuple[int, int]:
    """The top-level clause around the offset; the sentence itself when there is no structure."""
    clause = doc.top_clause_at(offset)
    if clause is not None:
        return clause.start, clause.end
    start, end = doc.sentence_at(offset)
    return start, max(end, offset + 1)
