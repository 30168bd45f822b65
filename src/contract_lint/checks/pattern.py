"""Kind `pattern`: report every match of a regular expression (proselint's "existence").

params: `patterns` (one regex or a list), optional `unless` (a regex that, found in the same
sentence, makes the match acceptable), `exceptions` (regexes whose matches, where they overlap
a match, make that match acceptable: the explicit list of wordings that look like a hit but are
not), `group` (report only this named group's span) and `merge_within` (matches of one sentence
separated by at most this many characters are one finding: "请根据实际情况填写，不适用的请划去"
is one note, not two). Patterns read the normalised text of the contract proper: `:` and `：` are
one, and an instructions page, notes after the contract or web-page debris are not searched.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import facts
from ..findings import Hit
from ..model import Document
from .common import compile_any


def prepare(params: dict) -> dict:
    unless = params.get("unless")
    exceptions = params.get("exceptions")
    merge = params.get("merge_within")
    if merge is not None and (not isinstance(merge, int) or merge < 0):
        raise ValueError("merge_within must be a non-negative number of characters")
    return {"patterns": compile_any(params["patterns"]),
            "unless": compile_any(unless) if unless else None,
            "exceptions": compile_any(exceptions) if exceptions else None,
            "group": params.get("group"),
            "merge_within": merge}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    # the parties' own text, normalised: not an instructions page, notes or web-page debris
    text = facts.of(doc).contract_text
    excepted = [m.span() for m in p["exceptions"].finditer(text) if m.end() > m.start()] \
        if p["exceptions"] is not None else []
    hits: list[Hit] = []
    for m in p["patterns"].finditer(text):
        if p["unless"] is not None:
            start, end = doc.sentence_at(m.start())
            if p["unless"].search(text, start, end):
                continue
        if any(s < m.end() and m.start() < e for s, e in excepted):
            continue
        group = p["group"]
        span = m.span(group) if group and m.group(group) is not None else m.span()
        if span[1] > span[0]:
            hits.append(Hit(*span, values={"match": m.group(0)}))
    if p["merge_within"] is None:
        yield from hits
        return
    yield from _merge(doc, hits, p["merge_within"])


def _merge(doc: Document, hits: list[Hit], gap: int) -> Iterator[Hit]:
    current: Hit | None = None
    for hit in hits:
        if current is not None and hit.start - current.end <= gap \
                and doc.sentence_at(current.start) == doc.sentence_at(hit.start) != (hit.start, hit.start):
            current = Hit(current.start, max(current.end, hit.end), current.variant,
                          {"match": doc.text[current.start:max(current.end, hit.end)]})
            continue
        if current is not None:
            yield current
        current = hit
    if current is not None:
        yield current
