"""Numbers as contracts write them: 第十二条, 5.2, （四）, 壹万伍仟, 1.5万, 二〇二六, 半, 两.

The one place where a numeral becomes a number; every rule and fact parser reads numbers here.

- `to_number("一百零五") == 105`, `to_number("1,500.50") == Decimal("1500.50")`,
  `to_number("1.5万") == 15000`, `to_number("半") == Decimal("0.5")`: one number, read leniently
  (any everyday or formal 大写 form, digits half or full width, 万/亿 after either).
- `to_int` is the same for whole numbers (labels, counts, years: 二〇二六 is read digit by digit).
- `strict_integer("壹拾捌万") == 180000` reads the integer part of a capital amount the way the
  payment rules require (units falling, a 零 for every gap): `壹仟伍` is colloquial shorthand a
  capital amount must not use, so it is None there although `to_number` reads it as 1500.
- `label_numbers("第十二条") == (12,)`, `label_numbers("1.4") == (1, 4)`: a heading or reference
  label as a tuple that can be compared and sorted, whatever its style; `label_scheme` names the
  style, so that 1.1 and （一） under one article are two sequences.

Why not cn2an: it reads the same forms (tests/test_numerals.py compares the two on every number
below 100,000 in both everyday and 大写 writing), but importing it costs about 100 ms, most of a
cold run's budget, and it has no strict mode for capital amounts (its "normal" mode accepts
壹仟伍, its "strict" mode refuses 二〇二六 and 两) and no 半. Reading numerals is a few dozen lines.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .regexcache import regex

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6,
          "陸": 6, "柒": 7, "捌": 8, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8}
CAPITAL_NUMERALS = "零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万亿"
_WIDE = str.maketrans("０１２３４５６７８９．，（）", "0123456789.,()")

# The characters a number may be written with; for regexes elsewhere.
NUMBER_CHARS = "零〇○一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟0-9０-９"
CN_NUMBER = "[零〇○一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+"
# A number in figures or Chinese, with an optional decimal part and 万/亿 after figures.
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*[万亿])?"
          rf"|{CN_NUMBER}(?:点[零〇一二三四五六七八九]+)?|半")
_FIGURES = regex(r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<big>[万萬亿])?")


def to_number(text: str) -> Decimal | None:
    """One number, leniently: 105, 1,500.50, 1.5万, 一百零五, 壹万伍仟, 十一万三, 零点五, 二〇二六, 半."""
    text = text.strip().translate(_WIDE)
    if not text:
        return None
    m = _FIGURES.fullmatch(text)
    if m:
        try:
            value = Decimal(m.group("n").replace(",", ""))
        except InvalidOperation:
            return None
        return value * BIG[m.group("big")] if m.group("big") else value
    if text == "半":
        return Decimal("0.5")
    whole, point, fraction = text.partition("点")
    if point and not fraction:
        return None
    integer = _chinese_integer(whole)
    if integer is None:
        return None
    if not fraction:
        return Decimal(integer)
    if any(ch not in DIGITS for ch in fraction):
        return None
    return Decimal(f"{integer}.{''.join(str(DIGITS[ch]) for ch in fraction)}")


def to_int(text: str) -> int | None:
    """One whole number: "十二" 12, "一百零五" 105, "二〇二六" 2026 (digit by digit), "５" 5."""
    value = to_number(text)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _chinese_integer(text: str) -> int | None:
    """一百零五, 二〇二六 (digit by digit), 一亿二千万, and everyday shorthand: a digit after the last
    unit is one unit down (一千五 1,500, 十一万三 113,000) unless a 零 stands between (一千零五 1,005)."""
    if not text or any(ch not in DIGITS and ch not in UNITS and ch not in BIG for ch in text):
        return None
    if not any(ch in UNITS or ch in BIG for ch in text):  # 二〇二六, 五: digits read one by one
        return int("".join(str(DIGITS[ch]) for ch in text))
    result, wan, section = 0, 0, 0
    digit: int | None = None
    last_unit, zero = 0, False
    for ch in text:
        if ch in UNITS:
            if last_unit and UNITS[ch] >= last_unit and last_unit < 10**4:
                return None  # units must fall within a section: 十百 is no number
            section += (1 if digit is None else digit) * UNITS[ch]  # 十二: a bare 十 is ten
            digit, last_unit, zero = None, UNITS[ch], False
        elif ch in BIG:
            group = section + (digit or 0)
            if ch == "亿":
                if not group and not wan and not result:
                    return None
                result, wan = (result + wan + group) * 10**8, 0
            else:
                if not group:
                    return None
                wan += group * 10**4
            section, digit, last_unit, zero = 0, None, BIG[ch], False
        elif DIGITS[ch] == 0:
            if digit is not None:
                return None
            zero = True
        else:
            if digit is not None:
                return None  # two digits in a row (一二百)
            digit = DIGITS[ch]
    if digit is not None:
        section += digit * (last_unit // 10 if last_unit >= 100 and not zero else 1)
    return result + wan + section


def strict_integer(text: str) -> int | None:
    """The integer part of a capital amount, read strictly: 壹拾捌万 180000, 叁仟零伍 3005,
    拾伍 15; None for 壹仟伍 (a trailing numeral after 佰/仟 needs a unit or a 零 before it) or
    units out of order or an everyday numeral (一, 十: a capital amount is written 壹, 拾). 亿 and 万
    split the number into sections of four digits."""
    if any(ch not in CAPITAL_NUMERALS for ch in text):
        return None
    total = 0
    for mark, scale in (("亿", 10**8), ("万", 10**4)):
        if mark in text:
            head, text = text.split(mark, 1)
            value = _strict_section(head)
            if not head or value is None:
                return None
            total += value * scale
    if text:
        value = _strict_section(text)
        if value is None:
            return None
        total += value
    return total


def _strict_section(s: str) -> int | None:
    total, digit, last_unit, zero = 0, None, 10**4, False
    for ch in s:
        if ch in ("零", "〇"):
            if digit is not None:
                return None
            zero = True
        elif ch in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if unit != 10 or total or zero:
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


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ORDINAL = regex(rf"第\s*([{NUMBER_CHARS}.]+)\s*([条章节编款项])")
_DOTTED = regex(r"(\d+(?:\s*\.\s*\d+)+)\.?")
_PAREN = regex(rf"\(\s*([{NUMBER_CHARS}]+)\s*\)")
_ENUM = regex(rf"([{NUMBER_CHARS}]+)\s*[、.]?")


@lru_cache(maxsize=4096)  # the same few labels (第一条, 1.1, （一）) recur in every contract
def label_numbers(label: str) -> tuple[int, ...] | None:
    """The numbers of a label: 第十二条 (12,), 第5.2条 (5, 2), 1.4 (1, 4), （四） (4,), 一、 (1,)."""
    label = label.strip().translate(_WIDE)
    if len(label) == 1 and label in _CIRCLED:
        return (_CIRCLED.index(label) + 1,)
    for pattern in (_ORDINAL, _DOTTED, _PAREN, _ENUM):
        match = pattern.fullmatch(label)
        if match:
            parts = [to_int(p) for p in re.split(r"\s*\.\s*", match.group(1).strip("."))]
            return None if any(p is None for p in parts) else tuple(parts)  # type: ignore[misc]
    return None


def label_scheme(label: str) -> str:
    """The numbering style of a label, so that each style is its own sequence:
    article (第X条), chapter (第X章/编/节), dotted2 (1.2), dotted3 (1.2.3), cn_paren （一）,
    num_paren (1), cn_enum 一、, num_dot 1. / 1、, circled ①; "other" otherwise."""
    label = label.strip().translate(_WIDE)
    if label.startswith("第"):
        return "article" if label.endswith(("条", "款", "项")) else "chapter"
    if _DOTTED.fullmatch(label):
        return f"dotted{label.rstrip('.').count('.') + 1}"
    if label in _CIRCLED:
        return "circled"
    match = _PAREN.fullmatch(label)
    if match:
        return "num_paren" if match.group(1).isdigit() else "cn_paren"
    match = _ENUM.fullmatch(label)
    if match:
        return "num_dot" if match.group(1).isdigit() else "cn_enum"
    return "other"
