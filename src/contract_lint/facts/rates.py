"""Rates: 30%, 0.5％, 1‰ (also typed `1 ‰` or `%o`), 百分之三十, 千分之一, 万分之五, 双倍, 3倍; a
rate typed over the line of a form keeps the line's padding (_50_%).

One parser for every rule that reads a share or a rate. `value` is the fraction of the base it
applies to: 30% and 百分之三十 are 0.3, 0.1% and 1‰ are both 0.001, and a multiple is itself
(双倍 is 2). Which base (the total price, the amount overdue, a day's revenue) is the rule's
business, read from the words around the rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..numerals import CN_NUMBER, to_number
from ..regexcache import regex

_NUM = r"\d+(?:\.\d+)?"
_CN = rf"{CN_NUMBER}(?:点[零〇一二三四五六七八九]+)?|{_NUM}"
_PAD = r"[\s_＿]*"
_RATE = regex(
    rf"(?P<fig>{_NUM}){_PAD}(?P<sign>%o|‰|%|％)"
    rf"|(?P<word>百分之|千分之|万分之){_PAD}(?P<wn>{_CN})"
    rf"|(?P<mul>双|两|{CN_NUMBER}|{_NUM}){_PAD}倍")
_SCALE = {"%": 100, "％": 100, "‰": 1000, "%o": 1000, "百分之": 100, "千分之": 1000, "万分之": 10000}


@dataclass(frozen=True)
class Rate:
    start: int
    end: int
    value: Decimal  # a fraction of the base (0.005 for 0.5%); a multiple for 双倍, 3倍
    kind: str  # "share" | "multiple"

    def written(self, text: str) -> str:
        """The rate as the contract writes it, without a form's padding (_50_% → 50%)."""
        return re.sub(r"[\s_＿]", "", text[self.start:self.end])


def find_rates(text: str, start: int = 0, end: int | None = None) -> list[Rate]:
    found = []
    for m in _RATE.finditer(text, start, len(text) if end is None else end):
        if m.group("fig"):
            value = to_number(m.group("fig"))
            if value is not None:
                found.append(Rate(m.start(), m.end(), value / _SCALE[m.group("sign")], "share"))
        elif m.group("word"):
            value = to_number(m.group("wn"))
            if value is not None:
                found.append(Rate(m.start(), m.end(), value / _SCALE[m.group("word")], "share"))
        else:
            raw = m.group("mul")
            value = Decimal(2) if raw in ("双", "两") else to_number(raw)
            if value is not None and value > 0:
                found.append(Rate(m.start(), m.end(), value, "multiple"))
    return found


def percent(value: Decimal) -> str:
    """0.005 → '0.5%', 2 (a multiple) → '200%'."""
    return f"{(value * 100).normalize():f}%"
