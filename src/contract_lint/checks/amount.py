"""Kind `amount`: an amount in capitals against its figures, and instalments against the total.

1. A capital amount (人民币壹万伍仟元整, or whatever follows a `capital_label` such as 大写：) is
   compared with the figure amount beside it (¥15,000.00, 15000元, 1.5万元) on either side in the
   same sentence, with nothing but brackets, a label or a currency word between them. They must
   be equal. What follows a capital label and does not parse (贰万伍仟元整_元整, 壹拾伍 with no
   unit) is a finding too; a blank there is the placeholder rule's.
2. Instalments: within one article, sentences that pay (`pay_words`) a share (30%) or an amount
   named as an instalment (`instalment_words`: 首期款, 尾款, 剩余…), and are not penalties or
   commissions (`not_instalment`), make up the total stated by `total_words` (总额为…,
   总价为…, 合计…) in that article or, failing that, the last total before them. Shares must add
   up to 100% (unless one instalment is "the rest" with no share), amounts to the total, and
   "30%，即28,800元" must be 30% of the total. One finding per article, at the total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..findings import Hit
from ..model import Document
from .common import compile_any

_DIGIT = {"零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}
CAPITAL_CHARS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正"
# A run of capital characters that is an amount: it holds a numeral and ends in a unit of money.
_CAPITAL = re.compile(r"[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*[壹贰叁肆伍陆柒捌玖拾][零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*"
                      r"[元圆][零壹贰叁肆伍陆柒捌玖角分]*[整正]?")
_FIGURE = re.compile(r"(?P<cur>[¥￥]|RMB|人民币)?[ \u3000]*"
                     r"(?P<num>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?)"
                     r"[ \u3000]*(?P<unit>万元|元|万)?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


def parse_capital(s: str) -> Decimal | None:
    """人民币壹万伍仟元整 → 15000, 壹拾捌万元整 → 180000, 叁仟零伍元伍角 → 3005.5; None when the
    string is not one well-formed capital amount (no unit of money, stray characters, 壹仟伍)."""
    s = re.sub(r"^(?:人民币|RMB)", "", s.strip()).replace(" ", "").replace("\u3000", "")
    m = re.fullmatch(r"(?P<int>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*)(?P<yuan>[元圆])?"
                     r"(?:(?P<jiao>[零壹贰叁肆伍陆柒捌玖])角)?(?:零?(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?"
                     r"(?P<whole>[整正])?", s)
    if not m or not (m.group("yuan") or m.group("jiao") or m.group("fen")):
        return None
    integer = _integer(m.group("int")) if m.group("int") else 0
    if integer is None or (m.group("int") == "" and m.group("yuan")):
        return None
    jiao = _DIGIT[m.group("jiao")] if m.group("jiao") else 0
    fen = _DIGIT[m.group("fen")] if m.group("fen") else 0
    return Decimal(integer) + Decimal(jiao) / 10 + Decimal(fen) / 100


def _integer(s: str) -> int | None:
    """亿 and 万 split the number into sections of four digits, each read by `_section`."""
    total = 0
    for mark, scale in (("亿", 10**8), ("万", 10**4)):
        if mark in s:
            head, s = s.split(mark, 1)
            value = _section(head)
            if not head or value is None:
                return None
            total += value * scale
    if s:
        value = _section(s)
        if value is None:
            return None
        total += value
    return total


def _section(s: str) -> int | None:
    """A number below 10000: 壹仟零伍拾 → 1050, 拾伍 → 15. Units must fall (仟, 佰, 拾) and every
    numeral but the last needs one; a trailing numeral after 佰 or 仟 with no 零 (壹仟伍) is
    colloquial shorthand that a capital amount must not use."""
    total, digit, last_unit, zero = 0, None, 10**4, False
    for ch in s:
        if ch == "零":
            if digit is not None:
                return None
            zero = True
        elif ch in _DIGIT:
            if digit is not None:
                return None
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            unit = _UNIT[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if ch != "拾" or total or zero:
                    return None
                digit = 1  # 拾万元: a leading 拾 is 壹拾
            total, digit, last_unit, zero = total + digit * unit, None, unit, False
        else:
            return None
    if digit is not None:
        if last_unit > 10 and last_unit != 10**4 and not zero:
            return None
        total += digit
    return total


def parse_figure(number: str, unit: str | None) -> Decimal | None:
    """'15,000.00' → 15000; '1.5' with 万元 → 15000."""
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    return value * 10000 if unit and unit.startswith("万") else value


def show(value: Decimal) -> str:
    """15000 → '15,000', 3005.5 → '3,005.50'."""
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: Decimal | None  # None: a capital amount that does not parse


# --- the check kind -------------------------------------------------------------------------

def prepare(params: dict) -> dict:
    return {"capital_label": compile_any(params["capital_label"]),
            "between": re.compile(params["between"]),
            "total_words": compile_any(params["total_words"]),
            "pay_words": compile_any(params["pay_words"]),
            "rest_words": compile_any(params["rest_words"]),
            "instalment_words": compile_any(params["instalment_words"]),
            "not_instalment": compile_any(params["not_instalment"])}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    yield from _capitals_against_figures(doc, p)
    yield from _instalments(doc, p)


def capitals(text: str, start: int, end: int, p: dict) -> list[Amount]:
    """Capital amounts in text[start:end]: after a capital label, the whole value up to the next
    bracket or punctuation (so that a garbled tail counts); elsewhere, runs of _CAPITAL."""
    found: list[Amount] = []
    for label in p["capital_label"].finditer(text, start, end):
        value_end = label.end()
        while value_end < end and text[value_end] not in "）)】]，,；;。\n":
            value_end += 1
        raw = text[label.end():value_end]
        if not any(ch in _DIGIT or ch in _UNIT for ch in raw):
            continue  # a blank (大写：________) is the placeholder rule's
        lead = len(raw) - len(raw.lstrip())
        found.append(Amount(label.end() + lead, value_end - (len(raw) - len(raw.rstrip())), parse_capital(raw)))
    for m in _CAPITAL.finditer(text, start, end):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        found.append(Amount(m.start(), m.end(), parse_capital(m.group(0))))
    return sorted(found, key=lambda a: a.start)


def figures(text: str, start: int, end: int, taken: list[Amount]) -> list[Amount]:
    """Amounts in figures: a currency sign before or a unit of money after the number."""
    found = []
    for m in _FIGURE.finditer(text, start, end):
        if not (m.group("cur") or m.group("unit")) or m.group("unit") == "万":
            continue
        if any(a.start <= m.start("num") < a.end for a in taken):
            continue
        found.append(Amount(m.start(), m.end(), parse_figure(m.group("num"), m.group("unit"))))
    return found


def _capitals_against_figures(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    for s_start, s_end in doc.sentence_spans:
        caps = capitals(text, s_start, s_end, p)
        if not caps:
            continue
        figs = figures(text, s_start, s_end, caps)
        for cap in caps:
            figure = _beside(text, cap, figs, p)
            if cap.value is None:
                yield Hit(cap.start, cap.end, "unparsed", {"capital": text[cap.start:cap.end]})
            elif figure is not None and figure.value != cap.value:
                start, end = min(cap.start, figure.start), max(cap.end, figure.end)
                yield Hit(start, end, None, {"capital": text[cap.start:cap.end],
                                             "figure": text[figure.start:figure.end],
                                             "capital_value": show(cap.value), "figure_value": show(figure.value)})


def _beside(text: str, cap: Amount, figs: list[Amount], p: dict) -> Amount | None:
    """The figure amount right before or right after a capital amount, if any."""
    # the capital's own label (大写：) and currency word stand between them too
    for fig in figs:
        between = text[fig.end:cap.start] if fig.end <= cap.start else text[cap.end:fig.start]
        if fig.start >= cap.end or fig.end <= cap.start:
            if p["between"].fullmatch(between):
                return fig
    return None


def _instalments(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    totals: list[tuple[int, int, Decimal]] = []  # (start, end, value) of every stated total
    for m in p["total_words"].finditer(text):
        s_end = doc.sentence_at(m.start())[1]
        figs = figures(text, m.end(), min(s_end, m.end() + 30), capitals(text, m.end(), s_end, p))
        caps = [c for c in capitals(text, m.end(), min(s_end, m.end() + 30), p) if c.value is not None]
        first = min(figs + caps, key=lambda a: a.start, default=None)
        if first is None or not first.value or "，" in text[m.end():first.start]:
            continue
        other = _beside(text, first, figs, p) if first in caps else \
            next((c for c in caps if _beside(text, c, [first], p)), None)
        if other is not None and other.value != first.value:
            continue  # 大写 and 小写 of the total disagree: reported once, as that; no sum can be trusted
        totals.append((m.start(), first.end, first.value))
    for scope in _scopes(doc):
        parts = _parts(doc, scope, p, totals)
        if len(parts) < 2:
            continue
        inside = [t for t in totals if scope[0] <= t[0] < scope[1]]
        before = [t for t in totals if t[0] < scope[0]]
        total = inside[0] if inside else (before[-1] if before else None)
        problem = _disagreement(parts, total)
        if problem:
            variant, values = problem
            where = (total[0], total[1]) if total else (parts[0][0], parts[0][1])
            yield Hit(*where, variant, values)


def _scopes(doc: Document) -> list[tuple[int, int]]:
    """Top-level articles; the whole text when the document has none."""
    articles = [(c.start, c.end) for c in doc.clauses if c.depth == 0 and c.kind in ("article", "chapter")]
    return articles or [(0, len(doc.text))]


def _parts(doc: Document, scope: tuple[int, int], p: dict, totals):
    """(start, end, share %, amount, is_rest) of every instalment sentence in the scope. A total
    stated in the same sentence (第三期25,000元…，合计人民币85,000元) is not part of it."""
    text = doc.text
    parts = []
    for s_start, s_end in doc.sentence_spans:
        if not (scope[0] <= s_start < scope[1]):
            continue
        sentence = text[s_start:s_end]
        if not p["pay_words"].search(sentence) or p["not_instalment"].search(sentence):
            continue
        own = [(t[0], t[1]) for t in totals if s_start <= t[0] < s_end]

        def outside(start: int, own=own) -> bool:
            return not any(a <= start < b for a, b in own)

        shares = [m for m in _PERCENT.finditer(text, s_start, s_end) if outside(m.start())]
        money = [a for a in figures(text, s_start, s_end, []) if a.value and outside(a.start)]
        if len(shares) > 1 or len(money) > 1 or not (shares or money):
            continue  # a sentence with several figures is not one instalment
        if not shares and not p["instalment_words"].search(sentence):
            continue  # a monthly fee or a bonus is a payment, not a share of the total
        share = Decimal(shares[0].group(1)) if shares else None
        amount = money[0].value if money else None
        parts.append((s_start, s_end, share, amount, bool(p["rest_words"].search(sentence))))
    return parts


def _disagreement(parts, total) -> tuple[str, dict] | None:
    total_value = total[2] if total else None
    shares = [s for _, _, s, _, _ in parts if s is not None]
    open_rest = any(rest and share is None and amount is None for _, _, share, amount, rest in parts)
    if shares and len(shares) == len(parts) and sum(shares) != 100:
        return "shares", {"sum": f"{sum(shares):g}%"}
    if total_value is not None:
        for _, _, share, amount, _ in parts:
            expected = (total_value * share / 100).quantize(Decimal("0.01")) if share is not None else None
            if expected is not None and amount is not None and expected != amount:
                return "share", {"share": f"{share:g}%", "amount": show(amount), "total": show(total_value),
                                 "expected": show(total_value * share / 100)}
        amounts = [a for _, _, _, a, _ in parts if a is not None]
        if not open_rest and len(amounts) == len(parts) and sum(amounts) != total_value:
            return "sum", {"sum": show(sum(amounts)), "total": show(total_value)}
    return None
