"""Kind `dispute-resolution`: a dispute clause that may not work as written.

Three defects, each a variant:
- `unnamed`: an agreement to arbitrate that names no arbitration commission ("提交仲裁委员会仲裁",
  "当地仲裁机构"). The words between the verb that submits the dispute and the institution are
  its name; `generic_names` lists the words that name none (当地、有管辖权的 …). A name left blank
  (`blank` lists the forms) is a blank, reported by placeholder-unfilled; a name typed over its
  line (__南京__) is a name.
- `province`: a commission named after a province (浙江省仲裁委员会): commissions are set up in
  cities, so the name designates none (`provinces`).
- `both`: the same dispute clause lets a party arbitrate and also go to court (`litigation`
  phrases in the article of an arbitration agreement). Going to court to enforce or set aside
  an award is not litigation of the dispute: `litigation` only lists the words that file a suit;
  a list to choose one option from (`choice`: "按以下第 种方式", checkboxes) is not both.
- `court` / `court_place`: a court chosen by a connection the law does not allow
  (`bad_connections`: the lawyer's or a third party's seat, a court one party picks later), or a
  court named by place (成都市武侯区人民法院) none of whose places (成都, 武侯) appears anywhere
  else in the contract (an address without its district cannot tell: unknown is not wrong),
  unless the clause states an allowed connection (`good_connections`: 住所地、签订地 …).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any

_PLACE = regex(r"([\u4e00-\u9fff]{2,8}?)(?:省|市|自治州|州|地区|盟|区|县|旗)")
_COURT_KIND = regex(r"(?:中级|高级|基层|互联网|知识产权|铁路运输|海事|金融)?(?:人民)?法院$")


def prepare(params: dict) -> dict:
    return {
        "institution": compile_any(params["institution"]),
        "submit": compile_any(params["submit"]),
        "bare_arbitration": compile_any(params["bare_arbitration"]),
        "generic_names": compile_any(params["generic_names"]),
        "blank": compile_any(params["blank"]),
        "litigation": compile_any(params["litigation"]),
        "choice": compile_any(params["choice"]) if params.get("choice") else None,
        "province": regex(f"^(?:{'|'.join(map(re.escape, params['provinces']))})省?(?:自治区)?$"),
        "city": regex(r"市|州|盟"),
        "court": compile_any(params["court"]),
        "jurisdiction_cue": compile_any(params["jurisdiction_cue"]),
        "bad_connections": compile_any(params["bad_connections"]),
        "good_connections": compile_any(params["good_connections"]),
        "name_window": int(params.get("name_window", 30)),
    }


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    reported: list[tuple[int, int]] = []

    def emit(start: int, end: int, variant: str, **values: str) -> Iterator[Hit]:
        if any(s < end and start < e for s, e in reported):
            return
        reported.append((start, end))
        yield Hit(start, end, variant, values)

    arbitration: list[tuple[int, int]] = []
    # 1. An arbitration institution named, or not.
    for m in p["institution"].finditer(text):
        s_start, _ = doc.sentence_at(m.start())
        window_start = max(s_start, m.start() - p["name_window"])
        verbs = list(p["submit"].finditer(text, window_start, m.start()))
        if not verbs:
            continue
        verb = verbs[-1]
        raw = text[verb.end():m.start()]
        name = raw.strip(" \u3000的")
        arbitration.append((verb.start(), m.end()))
        filled = p["blank"].sub("", name).strip("_＿ \u3000")  # a name typed over its line: __南京__
        if (raw and not raw.strip()) or (name and not filled):
            continue  # a blank name is a blank: placeholder-unfilled reports it, once
        if not filled or p["generic_names"].search(filled):
            yield from emit(verb.start(), m.end(), "unnamed", name=filled)
        elif p["province"].search(filled) and not p["city"].search(filled):
            # commissions are set up in cities: there is no 浙江省仲裁委员会
            yield from emit(verb.start(), m.end(), "province", name=filled)
    # 1b. "提交仲裁" with no institution at all in the sentence.
    for m in p["bare_arbitration"].finditer(text):
        s_start, s_end = doc.sentence_at(m.start())
        if p["institution"].search(text, s_start, s_end):
            continue
        arbitration.append(m.span())
        yield from emit(*m.span(), "unnamed", name="")
    # 2. Arbitration and litigation both allowed for the same disputes.
    for a_start, a_end in arbitration:
        scope = _scope(doc, a_start)
        if p["choice"] is not None and p["choice"].search(text, *scope):
            continue
        lit = p["litigation"].search(text, *scope)
        if lit is not None:
            start, end = min(a_start, lit.start()), max(a_end, lit.end())
            if doc.sentence_at(a_start) != doc.sentence_at(lit.start()):
                start, end = lit.span()
            yield from emit(start, end, "both")
    # 3. The court chosen.
    for m in p["court"].finditer(text):
        s_start, s_end = doc.sentence_at(m.start())
        if not p["jurisdiction_cue"].search(text, s_start, s_end):
            continue
        connection = re.split(r"向|由|提交|交由", m.group("where") or "")[-1]
        if p["blank"].search(connection):
            continue
        bad = p["bad_connections"].search(connection)
        if bad:
            yield from emit(*m.span(), "court", connection=connection)
            continue
        if p["good_connections"].search(connection):
            continue
        places = _places(connection)
        # reported only when no place of the court's name (its city, its district) appears
        # anywhere else: an address that omits the district cannot tell, and unknown is not wrong
        if places and not any(_mentioned_elsewhere(text, place, s_start, s_end) for place in places):
            yield from emit(*m.span(), "court_place", place=places[-1])


def _scope(doc: Document, offset: int) -> tuple[int, int]:
    """The article around an offset; the sentence and the next one when there is no structure."""
    clause = doc.top_clause_at(offset, ("article", "clause"))
    if clause is not None:
        return clause.start, clause.end
    start, end = doc.sentence_at(offset)
    index = bisect.bisect_left(doc.sentence_starts, end)
    return start, doc.sentence_spans[index][1] if index < len(doc.sentence_spans) else end


def _places(connection: str) -> list[str]:
    """The places of a court's name, broadest first: 成都市武侯区人民法院 -> [成都, 武侯]."""
    name = _COURT_KIND.sub("", connection)
    return [m.group(1) for m in _PLACE.finditer(name)]


def _mentioned_elsewhere(text: str, place: str, start: int, end: int) -> bool:
    return place in text[:start] or place in text[end:]
