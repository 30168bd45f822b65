"""Amounts of money: figures (¥15,000.00, 15000元, 1.5万元) and capitals (人民币壹万伍仟元整).

One parser for every rule that reads money. A capital amount is read wherever a run of capital
numerals ends in a unit of money, and after a capital label (大写：, （大写）) the whole value up
to the next bracket or punctuation is read, so that a garbled tail (贰万伍仟元整_元整) is seen as
one unparseable amount instead of a shorter, valid one. Leftover padding of a filled blank
(陆万元整___) is not part of the amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..numerals import DIGITS, strict_integer
from ..regexcache import regex

CAPITAL_CHARS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正"
# A run of capital characters that is an amount: it holds a numeral and ends in a unit of money.
_CAPITAL = regex(r"[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*[壹贰叁肆伍陆柒捌玖拾][零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*"
                      r"[元圆][零壹贰叁肆伍陆柒捌玖角分]*[整正]?")
# the padding of a value typed over its line (人民币__24,390.00__元) may stand around the number
_FIGURE = regex(r"(?P<cur>[¥￥]|RMB|人民币)?[ \u3000_＿]*"
                     r"(?P<num>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?)"
                     r"[ \u3000_＿]*(?P<unit>万元|元|万)?")
# what introduces a capital amount
CAPITAL_LABEL = regex(r"大写(?:金额)?[ \u3000]*[：:][ \u3000]*"
                           r"|[（(]大写[）)][ \u3000]*[：:]?[ \u3000]*(?:人民币)?")
_VALUE_STOP = "（(）)【】[]，,；;。\n"
_PADDING = "_＿ \u3000"


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    value: Decimal | None  # None: a capital amount that does not parse
    form: str  # "figure" | "capital"


def parse_capital(s: str) -> Decimal | None:
    """人民币壹万伍仟元整 → 15000, 壹拾捌万元整 → 180000, 叁仟零伍元伍角 → 3005.5; None when the
    string is not one well-formed capital amount (no unit of money, stray characters, 壹仟伍)."""
    s = re.sub(r"^(?:人民币|RMB)", "", s.strip(_PADDING)).replace(" ", "").replace("\u3000", "")
    # the line a value was typed on, left between the numerals and 元 (叁万捌仟______元)
    s = re.sub(r"(?<=[零壹贰叁肆伍陆柒捌玖拾佰仟万亿])[_＿]+(?=[元圆])", "", s)
    m = re.fullmatch(r"(?P<int>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*)(?P<yuan>[元圆])?"
                     r"(?:(?P<jiao>[零壹贰叁肆伍陆柒捌玖])角)?(?:零?(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?"
                     r"(?P<whole>[整正])?", s)
    if not m or not (m.group("yuan") or m.group("jiao") or m.group("fen")):
        return None
    integer = strict_integer(m.group("int")) if m.group("int") else 0
    if integer is None or (m.group("int") == "" and m.group("yuan")):
        return None
    jiao = DIGITS[m.group("jiao")] if m.group("jiao") else 0
    fen = DIGITS[m.group("fen")] if m.group("fen") else 0
    return Decimal(integer) + Decimal(jiao) / 10 + Decimal(fen) / 100


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


def capitals(view: str, start: int = 0, end: int | None = None) -> list[Money]:
    """Capital amounts in view[start:end]."""
    end = len(view) if end is None else end
    found: list[Money] = []
    for label in CAPITAL_LABEL.finditer(view, start, end):
        value_end = label.end()
        while value_end < end and view[value_end] not in _VALUE_STOP:
            value_end += 1
        raw = view[label.end():value_end]
        if not any(ch in DIGITS or ch in "拾佰仟" for ch in raw):
            continue  # a blank (大写：________) is a blank, not an amount
        lead = len(raw) - len(raw.lstrip(_PADDING))
        trail = len(raw) - len(raw.rstrip(_PADDING))
        found.append(Money(label.end() + lead, value_end - trail, parse_capital(raw), "capital"))
    for m in _CAPITAL.finditer(view, start, end):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        found.append(Money(m.start(), m.end(), parse_capital(m.group(0)), "capital"))
    return sorted(found, key=lambda a: a.start)


def figures(view: str, start: int = 0, end: int | None = None, taken: list[Money] = ()) -> list[Money]:
    """Amounts in figures: a currency sign before or a unit of money after the number."""
    found = []
    for m in _FIGURE.finditer(view, start, len(view) if end is None else end):
        if not (m.group("cur") or m.group("unit")) or m.group("unit") == "万":
            continue
        if any(a.start <= m.start("num") < a.end for a in taken):
            continue
        found.append(Money(m.start(), m.end(), parse_figure(m.group("num"), m.group("unit")), "figure"))
    return found


def find(view: str, start: int = 0, end: int | None = None) -> list[Money]:
    """Every amount in view[start:end], capitals and figures, in order."""
    caps = capitals(view, start, end)
    return sorted(caps + figures(view, start, end, caps), key=lambda a: a.start)


_BETWEEN = regex(r"[\s（）()【】\[\]:：,，、_＿]*(?:(?:大写|小写)(?:金额)?[\s:：_＿]*)?(?:人民币|RMB)?[\s（(_＿]*")


def beside(view: str, amount: Money, others: list[Money]) -> Money | None:
    """The amount written right before or after `amount` as its other form (大写 beside 小写):
    nothing but brackets, a 大写/小写 label or a currency word between them."""
    for other in others:
        if other.start >= amount.end:
            between = view[amount.end:other.start]
        elif other.end <= amount.start:
            between = view[other.end:amount.start]
        else:
            continue
        if _BETWEEN.fullmatch(between):
            return other
    return None
