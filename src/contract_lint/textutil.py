"""Small helpers over the text view: sentences, lines, numerals.

Chinese has no spaces between words, so nothing here (or in any rule) relies on `\\b`:
boundaries are punctuation and line breaks, listed explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SENTENCE_END = "。！？；;!?\n"
# A clause segment ends at a comma too: the unit in which a subject and its verb usually sit.
SEGMENT_END = SENTENCE_END + "，,："

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8,
             "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL = "零〇一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟"


def bounds(text: str, start: int, end: int, stops: str = SENTENCE_END) -> tuple[int, int]:
    """The span of the unit (sentence by default) that contains text[start:end]."""
    left = start
    while left > 0 and text[left - 1] not in stops:
        left -= 1
    right = max(end, start)
    while right < len(text) and text[right] not in stops:
        right += 1
    if right < len(text) and text[right] != "\n":
        right += 1  # keep the sentence's own closing punctuation
    return left, right


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentence spans (without leading whitespace) inside text[start:end]."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        stop = pos
        while stop < end and text[stop] not in SENTENCE_END:
            stop += 1
        if stop < end and text[stop] != "\n":
            stop += 1
        left = pos
        while left < stop and text[left].isspace():
            left += 1
        if left < stop:
            yield left, stop
        pos = stop if stop > pos else pos + 1
        if pos < end and text[pos] == "\n":
            pos += 1


def cn_to_int(numeral: str) -> int | None:
    """Value of a Chinese or Arabic numeral ("十二", "二十", "壹拾", "12"); None if it is not one."""
    numeral = numeral.strip()
    if numeral.isdigit():
        return int(numeral)
    if not numeral or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in numeral):
        return None
    total, digit = 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def squeeze(text: str, limit: int = 60) -> str:
    """One-line form of a snippet for messages."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
