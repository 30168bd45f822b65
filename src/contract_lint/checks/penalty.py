"""Kind `penalty-ratio`: liquidated damages set above a share of the price they are tied to.

The loss is unknown when a contract is drafted, so the yardstick is the contract's own. In a
sentence that makes something a penalty (`penalty`: 违约金, 违约赔偿金):
- a rate ("按合同总价的40%支付违约金", 百分之四十, 4‰ — facts.rates reads them all) above
  `max_ratio`; of several rates in one sentence (a stepped scale: 每延期10天5%……超过100天30%) the
  highest counts;
- a rate that accrues by the day (`daily`: 每逾期一日, 按日) and adds up past `max_ratio` within the
  contract's term (its stated duration, else `default_days`), unless the sentence caps it
  (`cap`: 累计不超过……20%) at or below `max_ratio`;
- a multiple of a payment (双倍、两倍 of the fee: 200%), but not the 定金 rule (`deposit`: 定金 is
  returned double by law, and capped at 20% of the price);
- a fixed sum (违约金人民币100,000元, or 人民币肆仟元整（¥4,000.00）: facts.money reads figures and
  capitals), or a daily sum, above `max_ratio` of the contract price: a stated total
  (`total_price`), else a monthly fee (`monthly_price`) times the months of the term. A price per
  seat, hour or session (`unit_price`) is no yardstick: no finding without a price.
A rate in a sentence that is not about a penalty (甲方提取乙方每日收益的百分之三十, a share of revenue)
is not read at all. `not_term`: a sentence about another period (保密期限) does not give the term.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import facts
from ..facts.money import Money
from ..facts.periods import find_durations
from ..facts.rates import find_rates, percent
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any


def prepare(params: dict) -> dict:
    p: dict = {key: compile_any(params[key]) for key in
               ("penalty", "daily", "cap", "deposit", "total_price", "monthly_price", "unit_price", "term_words")}
    p["not_term"] = compile_any(params["not_term"]) if params.get("not_term") else None
    p["max_ratio"] = Decimal(str(params.get("max_ratio", 0.3)))
    p["default_days"] = int(params.get("default_days", 365))
    return p


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    limit = p["max_ratio"]
    days = _term_days(doc, p) or p["default_days"]
    price: Decimal | bool | None = False  # computed on first use
    money = facts.of(doc).money
    for s_start, s_end in doc.sentence_spans:
        mark = p["penalty"].search(text, s_start, s_end)
        if mark is None:
            continue
        caps = [m.span() for m in p["cap"].finditer(text, s_start, s_end)]
        capped = any(r.kind == "share" and r.value <= limit
                     for start, end in caps for r in find_rates(text, start, end))
        daily = p["daily"].search(text, s_start, s_end)
        rates = [r for r in find_rates(text, s_start, s_end) if not any(s <= r.start < e for s, e in caps)]
        deposit = p["deposit"].search(text, s_start, s_end) is not None
        shares = [r for r in rates if r.kind == "share"]
        multiples = [r for r in rates if r.kind == "multiple" and not deposit]
        if shares:
            rate = max(shares, key=lambda r: r.value)
            total = rate.value * days if daily else rate.value
            if total > limit and not (daily and capped):
                variant = "daily" if daily else "rate"
                yield Hit(rate.start, rate.end, variant, {"ratio": _pct(total), "rate": rate.written(text),
                                                          "days": str(days)})
            continue
        if multiples:
            rate = max(multiples, key=lambda r: r.value)
            if rate.value > limit:
                yield Hit(rate.start, rate.end, "rate",
                          {"ratio": percent(rate.value), "rate": rate.written(text), "days": str(days)})
            continue
        amount = _fixed_sum(money, s_start, s_end, mark.start(), caps)
        if amount is None or not amount.value or capped:
            continue
        if price is False:
            price = _price(doc, p, days)
        if not price:
            continue
        total = amount.value * days if daily else amount.value
        ceiling = [a.value for a in money if a.value and any(s <= a.start < e for s, e in caps)]
        if ceiling:  # 每逾期一日300元，累计不超过6,000元
            total = min(total, min(ceiling))
        if total / price > limit:
            yield Hit(amount.start, amount.end, "daily_sum" if daily else "sum",
                      {"ratio": _pct(total / price), "price": f"{price:,.0f}元"})


def _fixed_sum(money: tuple[Money, ...], start: int, end: int, mark: int, caps) -> Money | None:
    """The penalty's own sum in its sentence: the first amount (a capital beside its figure is one
    amount), not one inside a cap."""
    inside = [a for a in money if start <= a.start < end and a.value
              and not any(s <= a.start < e for s, e in caps)]
    after = [a for a in inside if a.start >= mark]
    return (after or inside or [None])[0]


def _price(doc: Document, p: dict, days: int) -> Decimal | None:
    """The contract price: a stated total, else a monthly fee times the months of the term."""
    text, money = doc.norm, facts.of(doc).money
    for key, monthly in (("total_price", False), ("monthly_price", True)):
        for s_start, s_end in doc.sentence_spans:
            m = p[key].search(text, s_start, s_end)
            if m is None or p["penalty"].search(text, s_start, s_end):
                continue
            if p["unit_price"].search(text, max(s_start, m.start() - 8), min(s_end, m.end() + 12)):
                continue  # 按每坐席每月6,800元: a price per unit
            amounts = [a for a in money if m.start() <= a.start < s_end and a.value]
            if amounts:
                value = amounts[0].value
                return value * max(1, round(Decimal(days) / Decimal("30.4"))) if monthly else value
    return None


def _term_days(doc: Document, p: dict) -> int | None:
    """The contract's term in days: the two dates of a term (自D1起至D2止), else the duration that a
    term names (服务期限为十二个月, 为期一年), in a sentence about the term."""
    text = doc.norm
    for s_start, s_end in doc.sentence_spans:
        if not p["term_words"].search(text, s_start, s_end) or \
                (p["not_term"] is not None and p["not_term"].search(text, s_start, s_end)):
            continue
        dates = [d for d in facts.of(doc).dates_in(s_start, s_end) if d.date]
        if len(dates) >= 2 and _RANGE.fullmatch(text, dates[0].end, dates[1].start) \
                and dates[1].date > dates[0].date:
            return (dates[1].date - dates[0].date).days + 1
        for d in find_durations(text, s_start, s_end):
            calendar = d.unit in ("year", "month", "week", "day")
            if calendar and _TERM_BEFORE.search(text, max(s_start, d.start - 8), d.start):
                return int(d.days)
    return None


_RANGE = regex(r"\s*(?:起|开始)?\s*(?:至|到|—|－|-|~|～|起至)\s*")
# the words right before a duration that make it the term: 期限为, 为期, 有效期
_TERM_BEFORE = regex(r"(?:期限|期间|有效期|服务期|合作期|委托期|推广期|为期|租期)(?:为|是|：)?\s*$")


def _pct(ratio: Decimal) -> str:
    return f"{ratio * 100:.0f}%"

