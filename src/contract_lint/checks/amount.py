"""Kind `amount`: an amount in capitals against its figures, and instalments against the total.

1. A capital amount (人民币壹万伍仟元整, or whatever follows a label such as 大写：; see facts.money) is
   compared with the figure amount beside it (¥15,000.00, 15000元, 1.5万元) on either side in the
   same sentence, with nothing but brackets, a label or a currency word between them. They must
   be equal. What follows a capital label and does not parse (贰万伍仟元整_元整, 壹拾伍 with no
   unit) is a finding too; a blank there is the placeholder rule's.
2. Instalments: within one article, sentences that pay (`pay_words`) a share (30%) or an amount
   named as an instalment (`instalment_words`: 首期款, 尾款, 剩余…), and are not penalties or
   commissions (`not_instalment`), make up the total stated by `total_words` (总额为…,
   总价为…, 合计…) in that article or, failing that, the last total before them. Shares must add
   up to 100% (unless one instalment is "the rest" with no share), amounts to the total, and
   "30%，即28,800元" must be 30% of the total. A share counts when the sentence is an instalment
   (首期, 尾款, 定金 …), names the total (总价款的30%), or stands beside the total in its article;
   30% of one piece's fee (退稿费) does not. One finding per article, on the instalments, from the
   sentence that introduces them (甲方按以下方式支付：) to the last.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal

from .. import facts
from ..facts.money import beside, capitals, figures, show
from ..facts.rates import find_rates
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any

# --- the check kind -------------------------------------------------------------------------

def prepare(params: dict) -> dict:
    return {"total_words": compile_any(params["total_words"]),
            "pay_words": compile_any(params["pay_words"]),
            "rest_words": compile_any(params["rest_words"]),
            "instalment_words": compile_any(params["instalment_words"]),
            "of_total": compile_any(params["of_total"]),
            "not_instalment": compile_any(params["not_instalment"])}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    yield from _capitals_against_figures(doc, p)
    yield from _instalments(doc, p)


def _capitals_against_figures(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    amounts = facts.of(doc).money
    starts = [a.start for a in amounts]
    for s_start, s_end in doc.sentence_spans:
        first = bisect.bisect_left(starts, s_start)
        last = bisect.bisect_left(starts, s_end, first)
        if first == last:
            continue
        inside = amounts[first:last]
        figs = [a for a in inside if a.form == "figure"]
        for cap in (a for a in inside if a.form == "capital"):
            figure = beside(doc.norm, cap, figs)
            if cap.value is None:
                yield Hit(cap.start, cap.end, "unparsed", {"capital": text[cap.start:cap.end]})
            elif figure is not None and figure.value != cap.value:
                start, end = min(cap.start, figure.start), max(cap.end, figure.end)
                yield Hit(start, end, None, {"capital": text[cap.start:cap.end],
                                             "figure": text[figure.start:figure.end],
                                             "capital_value": show(cap.value), "figure_value": show(figure.value)})


def _instalments(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    totals: list[tuple[int, int, Decimal]] = []  # (start, end, value) of every stated total
    for m in p["total_words"].finditer(text):
        s_end = doc.sentence_at(m.start())[1]
        figs = figures(text, m.end(), min(s_end, m.end() + 30), capitals(text, m.end(), s_end))
        caps = [c for c in capitals(text, m.end(), min(s_end, m.end() + 30)) if c.value is not None]
        first = min(figs + caps, key=lambda a: a.start, default=None)
        if first is None or not first.value or "，" in text[m.end():first.start]:
            continue
        other = beside(text, first, figs) if first in caps else \
            next((c for c in caps if beside(text, c, [first])), None)
        if other is not None and other.value != first.value:
            continue  # 大写 and 小写 of the total disagree: reported once, as that; no sum can be trusted
        totals.append((m.start(), first.end, first.value))
    sentences = doc.sentence_spans
    starts = doc.sentence_starts
    total_starts = [t[0] for t in totals]
    amounts = facts.of(doc).money
    amount_starts = [a.start for a in amounts]
    for scope in _scopes(doc):
        first, last = bisect.bisect_left(starts, scope[0]), bisect.bisect_left(starts, scope[1])
        t_first, t_last = bisect.bisect_left(total_starts, scope[0]), bisect.bisect_left(total_starts, scope[1])
        inside = totals[t_first:t_last]
        parts, unsure = _parts(doc, sentences[first:last], p, totals[t_first:t_last], bool(inside))
        if len(parts) < 2:
            continue
        total = inside[0] if inside else (totals[t_first - 1] if t_first else None)
        # Every amount stated before the instalments in their article may be what they divide
        # (服务期内合计102,000元 … 开发费为26,800元。签订后支付50%，即13,400元): they are
        # wrong only when no such base fits.
        before = amounts[bisect.bisect_left(amount_starts, scope[0]):bisect.bisect_left(amount_starts, parts[0][0])]
        bases = {t[2] for t in inside} | {a.value for a in before if a.value} | ({total[2]} if total else set())
        problem = _disagreement(parts, total, bases, unsure)
        if problem:
            variant, values = problem
            yield Hit(_lead_in(doc, parts[0][0])[0], parts[-1][1], variant, values)


def _lead_in(doc: Document, first_part: int) -> tuple[int, int]:
    """Where the instalments are reported: the sentence that introduces their list (甲方按以下方式
    支付：), else the first instalment itself."""
    text = doc.norm
    index = bisect.bisect_left(doc.sentence_starts, first_part)
    if index > 0:
        start, end = doc.sentence_spans[index - 1]
        if text[start:end].rstrip().endswith("：") and _nothing_between(text, end, first_part):
            return start, end
    return doc.sentence_at(first_part)


def _nothing_between(text: str, end: int, start: int) -> bool:
    return not re.sub(r"[（(]?\d+[)）.、]?", "", text[end:start]).strip()


def _scopes(doc: Document) -> list[tuple[int, int]]:
    """Top-level articles; the whole text when the document has none."""
    articles = [(c.start, c.end) for c in doc.clauses if c.depth == 0 and c.kind in ("article", "chapter")]
    return articles or [(0, len(doc.text))]


# a share that limits something (定金不得超过总额的20%) is not what an instalment pays
_LIMIT_BEFORE = regex(r"(?:不得|不应|不能|不|最高|最多)(?:超过|高于|多于)[^，。；：]{0,20}$")
# the amount an instalment's share comes to: "30%，即人民币36,000元", "20%即24,000元"
_SHARE_TO_AMOUNT = regex(r"\s*[，,]?\s*(?:即|计|为|合|共)?\s*(?:人民币|RMB|￥|¥)?\s*_*$")


def _parts(doc: Document, sentences, p: dict, totals, total_here: bool):
    """(start, end, share %, amount, is_rest) of every instalment sentence of a scope, and whether
    a paying sentence was left out (then the amounts' sum proves nothing). A total stated in the
    same sentence (第三期25,000元…，合计人民币85,000元) is not part of it."""
    text = doc.norm
    parts = []
    unsure = False
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        if not p["pay_words"].search(sentence) or p["not_instalment"].search(sentence):
            continue
        own = [(t[0], t[1]) for t in totals if s_start <= t[0] < s_end]

        def outside(start: int, own=own) -> bool:
            return not any(a <= start < b for a, b in own)

        shares = [r for r in find_rates(text, s_start, s_end) if r.kind == "share" and outside(r.start)
                  and not _LIMIT_BEFORE.search(text, s_start, r.start)]
        money = [a for a in figures(text, s_start, s_end, []) if a.value and outside(a.start)]
        if len(shares) == 1 and len(money) > 1:  # 支付20%即24,000元，连同差旅费8,000元
            money = [a for a in money if _SHARE_TO_AMOUNT.fullmatch(text, shares[0].end, a.start)]
        if len(shares) > 1 or len(money) > 1 or not (shares or money):
            unsure = unsure or bool(shares or money)
            continue  # a sentence with several figures is not one instalment
        of_total = shares and (total_here or p["of_total"].search(sentence))
        if not p["instalment_words"].search(sentence) and not of_total:
            unsure = True
            continue  # a monthly fee, a bonus, 30% of one piece's fee: a payment, not a share of the total
        share = (shares[0].value * 100).normalize() if shares else None
        amount = money[0].value if money else None
        parts.append((s_start, s_end, share, amount, bool(p["rest_words"].search(sentence))))
    return parts, unsure


def _disagreement(parts, total, bases: set[Decimal], unsure: bool) -> tuple[str, dict] | None:
    """What is wrong with the instalments, if no base amount makes them right. `total` is the
    one named in the finding."""
    total_value = total[2] if total else None
    shares = [s for _, _, s, _, _ in parts if s is not None]
    open_rest = any(rest and share is None and amount is None for _, _, share, amount, rest in parts)
    if shares and len(shares) == len(parts) and sum(shares) != 100:
        return "shares", {"sum": f"{sum(shares):g}%"}
    if total_value is None:
        return None
    priced = [(share, amount) for _, _, share, amount, _ in parts if share is not None and amount is not None]

    def fits(base: Decimal) -> bool:
        return all((base * share / 100).quantize(Decimal("0.01")) == amount for share, amount in priced)

    if priced and not any(fits(base) for base in bases):
        for share, amount in priced:
            expected = (total_value * share / 100).quantize(Decimal("0.01"))
            if expected != amount:
                return "share", {"share": f"{share:g}%", "amount": show(amount), "total": show(total_value),
                                 "expected": show(total_value * share / 100)}
    amounts = [a for _, _, _, a, _ in parts if a is not None]
    if not unsure and not open_rest and len(amounts) == len(parts) and sum(amounts) not in bases:
        return "sum", {"sum": show(sum(amounts)), "total": show(total_value)}
    return None
