"""Kind `penalty-ratio`: liquidated damages set above a share of the price they are tied to.

The loss is unknown when a contract is drafted, so the yardstick is the contract's own:
- a rate ("按合同总价的40%支付违约金") above `max_ratio`;
- a daily rate ("每逾期一日按应付金额的0.5%") that adds up past `max_ratio` within the contract's
  term (its stated duration, else `default_days`), unless a cap at or below `max_ratio` is stated;
- a fixed sum ("违约金人民币100,000元"), or a daily sum, above `max_ratio` of the contract price
  (a stated total, or a monthly fee times the months of the term). A price per seat, hour or
  session is no yardstick for the whole contract: no finding without a price.
params: `penalty` (the words that make a sentence a liquidated-damages clause), `daily`,
`rate`, `cap`, `amount` (named groups `n` and optional `wan`), `total_price`, `monthly_price`,
`unit_price` (a price per unit: not a yardstick), `term_range` (two dates), `term_length`
(group `n` and unit `u`), `not_term` (a sentence about another period: 保密期限), `max_ratio`,
`default_days`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..numerals import to_number
from .common import compile_any


class _AnyOf:
    """Several regexes that share group names (one alternation cannot): the earliest match wins."""

    def __init__(self, patterns: list[str] | str, group: str | None = None) -> None:
        self.regexes = [re.compile(x) for x in ([patterns] if isinstance(patterns, str) else patterns)]
        if not self.regexes:
            raise ValueError("expected a regular expression or a non-empty list of them")
        if group and not all(group in r.groupindex for r in self.regexes):
            raise ValueError(f"every pattern needs a named group (?P<{group}>…)")

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        found = [m for r in self.regexes if (m := r.search(text, start, end))]
        return min(found, key=lambda m: m.start()) if found else None


def prepare(params: dict) -> dict:
    p: dict = {key: compile_any(params[key]) for key in ("penalty", "daily", "unit_price")}
    for key in ("rate", "cap", "amount", "total_price", "monthly_price", "term_length"):
        p[key] = _AnyOf(params[key], "n")
    p["term_range"] = _AnyOf(params["term_range"], "y1")
    p["not_term"] = compile_any(params["not_term"]) if params.get("not_term") else None
    p["max_ratio"] = float(params.get("max_ratio", 0.3))
    p["default_days"] = int(params.get("default_days", 365))
    return p


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    limit = p["max_ratio"]
    days = _term_days(doc, p)
    price: float | bool | None = False  # computed on first use
    for s_start, s_end in doc.sentence_spans:
        mark = p["penalty"].search(text, s_start, s_end)
        if mark is None:
            continue
        cap = p["cap"].search(text, s_start, s_end)
        if cap is not None and (_number(cap.group("n"), cap) or 0) / 100 <= limit:
            continue
        daily = p["daily"].search(text, s_start, s_end)
        rate = p["rate"].search(text, s_start, s_end)
        if rate is not None:
            value = _rate(rate)
            if value is None:
                continue
            total = value * (days or p["default_days"]) if daily else value
            if total > limit:
                variant = "daily" if daily else "rate"
                yield Hit(*rate.span(), variant, {"ratio": _pct(total), "rate": rate.group(0),
                                                  "days": str(days or p["default_days"])})
            continue
        amount = p["amount"].search(text, s_start, s_end)
        if amount is None:
            continue
        value = _number(amount.group("n"), amount)
        if not value:
            continue
        if price is False:
            price = _price(doc, p, days)
        if not price:
            continue
        total = value * (days or p["default_days"]) if daily else value
        if total / price > limit:
            yield Hit(*amount.span(), "daily_sum" if daily else "sum",
                      {"ratio": _pct(total / price), "price": _money(price)})


def _rate(m: re.Match) -> float | None:
    raw = m.group("n")
    whole = m.group(0)
    n = _number(raw, m)
    if n is None:
        return None
    if "万分之" in whole:
        return n / 10_000
    if "千分之" in whole or "‰" in whole:
        return n / 1000
    if "百分之" in whole or "%" in whole or "％" in whole:
        return n / 100
    return None


def _price(doc: Document, p: dict, days: int | None) -> float | None:
    text = doc.text
    for s_start, s_end in doc.sentence_spans:
        m = p["total_price"].search(text, s_start, s_end)
        if m is not None and not _per_unit(text, m, p):
            value = _number(m.group("n"), m)
            if value:
                return value
    for s_start, s_end in doc.sentence_spans:
        m = p["monthly_price"].search(text, s_start, s_end)
        if m is not None and not _per_unit(text, m, p):
            value = _number(m.group("n"), m)
            if value:
                months = round((days or p["default_days"]) / 30.4) or 1
                return value * months
    return None


def _per_unit(text: str, m: re.Match, p: dict) -> bool:
    """"按每坐席每月6,800元": a price per unit, said just before or inside the price's words."""
    return p["unit_price"].search(text, max(0, m.start() - 8), m.end()) is not None


def _term_days(doc: Document, p: dict) -> int | None:
    m = _term_match(doc, p["term_range"], p["not_term"])
    if m is not None:
        try:
            start = dt.date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
            end = dt.date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        except (ValueError, TypeError):
            start = end = None
        if start and end and end > start:
            return (end - start).days + 1
    m = _term_match(doc, p["term_length"], p["not_term"])
    if m is not None:
        n = _number(m.group("n"), m)
        unit = m.groupdict().get("u") or "月"
        if n:
            return int(n * {"年": 365, "月": 30.4, "周": 7}.get(unit, 1))
    return None


def _term_match(doc: Document, regex: _AnyOf, not_term: re.Pattern[str] | None) -> re.Match | None:
    """The first match in a sentence that is not about another period (保密期限, 质保期)."""
    for start, end in doc.sentence_spans:
        m = regex.search(doc.text, start, end)
        if m is not None and not (not_term is not None and not_term.search(doc.text, start, end)):
            return m
    return None


def _number(raw: str | None, m: re.Match) -> float | None:
    """The number of a match (figures or Chinese numerals, numerals.to_number), times 万 when the
    match's `wan` group says so."""
    value = to_number(raw.replace("，", ",")) if raw else None
    if value is None:
        return None
    return float(value) * (10_000 if m.groupdict().get("wan") else 1) or None


def _pct(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


def _money(value: float) -> str:
    return f"{value:,.0f}元"
