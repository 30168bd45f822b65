"""Numbers as contracts write them: 第十二条, 第5条, （四）, 一、, 1.4, ②, 壹佰.

`to_int("十二") == 12` reads one number (Chinese, formal 大写, or digits, half or full width);
`label_numbers("第十二条") == (12,)` and `label_numbers("1.4") == (1, 4)` turn a heading or
reference label into a tuple that can be compared and sorted, whatever style it is written in;
`label_scheme` names the style, so that 1.1 and （一） under one article are two sequences.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6,
           "陸": 6, "柒": 7, "捌": 8, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_WIDE = str.maketrans("０１２３４５６７８９．（）", "0123456789.()")

# The characters a number may be written with; for regexes elsewhere.
NUMBER_CHARS = "零〇一二两三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟0-9０-９"


def to_int(text: str) -> int | None:
    """One number: "十二" 12, "一百零五" 105, "二〇二六" 2026 (digit by digit), "５" 5."""
    text = text.strip().translate(_WIDE)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):  # 二〇二六: digits read one by one
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]  # 十二: a bare 十 is ten
            digit = None
    return total + (digit or 0)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ORDINAL = re.compile(rf"第\s*([{NUMBER_CHARS}.]+)\s*([条章节编款项])")
_DOTTED = re.compile(r"(\d+(?:\s*\.\s*\d+)+)\.?")
_PAREN = re.compile(rf"\(\s*([{NUMBER_CHARS}]+)\s*\)")
_ENUM = re.compile(rf"([{NUMBER_CHARS}]+)\s*[、.]?")


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
