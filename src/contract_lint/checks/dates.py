"""Kind `dates`: dates that cannot exist, and terms whose dates do not agree.

`mode: valid` reports every date that names no real day (2025年2月30日, 2026-13-01). `mode:
order` reports
- a term that ends before it starts (自2026年3月1日起至2025年2月28日止);
- a stated duration (有效期一年, 期限为12个月, 共十二个月) in the same sentence as a term whose dates
  span something else; "end = start + duration − 1 day" and "end = start + duration" both agree;
- a term that starts before the contract is signed when the contract takes effect on signing.

Dates and durations are read by facts.periods, the one parser every rule uses. Blank dates are the
placeholder rule's business: a date with no digits is no date here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from .. import facts
from ..facts.periods import DURATION, FoundDate, duration_agrees, parse_duration, signing_date
from ..findings import Hit
from ..model import Document
from .common import compile_any

# --- the check kind -------------------------------------------------------------------------

def prepare(params: dict) -> dict:
    mode = params.get("mode")
    if mode not in ("valid", "order"):
        raise ValueError("mode must be 'valid' or 'order'")
    if mode == "valid":
        return {"mode": mode}
    return {"mode": mode,
            "range_joiner": compile_any(params["range_joiner"]),
            "duration_cue": compile_any(params["duration_cue"]),
            "effective_on_signing": compile_any(params["effective_on_signing"]),
            "term_words": compile_any(params["term_words"]),
            "signing_words": compile_any(params["signing_words"]),
            "not_term": compile_any(params["not_term"]) if params.get("not_term") else None}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    if p["mode"] == "valid":
        for d in facts.of(doc).dates:
            if d.date is None:
                yield Hit(d.start, d.end, values={"date": doc.text[d.start:d.end]})
        return
    yield from _order(doc, p)


def _ranges(doc: Document, p: dict) -> Iterator[tuple[FoundDate, FoundDate]]:
    """Pairs of dates joined as a term: 自D1起至D2止, D1至D2, D1—D2."""
    text = doc.norm
    for s_start, s_end in doc.sentence_spans:
        dates = facts.of(doc).dates_in(s_start, s_end)
        for first, second in itertools.pairwise(dates):
            if p["range_joiner"].fullmatch(text[first.end:second.start]):
                yield first, second


def _order(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    for first, second in _ranges(doc, p):
        start, end = first.date, second.date
        if start is None or end is None:
            continue  # an impossible date is date-invalid's finding
        span = (first.start, second.end)
        if end < start:
            yield Hit(*span, "reversed", {"start": _show(text, first), "end": _show(text, second)})
            continue
        s_start, s_end = doc.sentence_at(first.start)
        for cue in p["duration_cue"].finditer(text, s_start, s_end):
            m = DURATION.match(text, cue.end())
            duration = parse_duration(m.group(0)) if m else None
            if duration and not duration_agrees(start, end, *duration):
                yield Hit(*span, "duration", {"duration": m.group(0), "start": _show(text, first),
                                               "end": _show(text, second)})
                break
    yield from _signed_late(doc, p)


def _signed_late(doc: Document, p: dict) -> Iterator[Hit]:
    """A term that starts before signing, in a contract that takes effect on signing."""
    text = doc.norm
    if not p["effective_on_signing"].search(text):
        return
    signed = signing_date(doc, p["signing_words"])
    if signed is None:
        return
    signature = [(c.start, c.end) for c in doc.clauses if c.kind == "signature"]
    starts = {first for first, _second in _ranges(doc, p)}
    starts |= {d for d in facts.of(doc).dates if text[max(0, d.start - 1):d.start] == "自"
               and text[d.end:d.end + 1] == "起"}  # 服务期自2026年3月1日起 has no end date
    for first in sorted(starts, key=lambda d: d.start):
        if any(s <= first.start < e for s, e in signature):
            continue
        s_start, _ = doc.sentence_at(first.start)
        if not p["term_words"].search(text, s_start, first.start):
            continue
        if p["not_term"] is not None and p["not_term"].search(text, s_start, first.start):
            continue  # 注册有效期: the term of a registration, not of the contract
        if first.date and first.date < signed:
            yield Hit(first.start, first.end, "signed_late",
                      {"start": _show(text, first), "signed": f"{signed.year}年{signed.month}月{signed.day}日"})
            return


def _show(text: str, d: FoundDate) -> str:
    return text[d.start:d.end]
