"""Kind `pattern`: report every match of a regular expression (proselint's "existence").

params: `patterns` (one regex or a list), optional `unless` (a regex that, found in the same
sentence, makes the match acceptable) and `group` (report only this named group's span).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from .common import compile_any


def prepare(params: dict) -> dict:
    unless = params.get("unless")
    return {"patterns": compile_any(params["patterns"]),
            "unless": compile_any(unless) if unless else None,
            "group": params.get("group")}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    for m in p["patterns"].finditer(text):
        if p["unless"] is not None:
            start, end = doc.sentence_at(m.start())
            if p["unless"].search(text, start, end):
                continue
        group = p["group"]
        span = m.span(group) if group and m.group(group) is not None else m.span()
        if span[1] > span[0]:
            yield Hit(*span, values={"match": m.group(0)})


