"""Word auto-numbering: turn numbering.xml definitions into the labels Word displays.

A heading that Word shows as "第三条 保密" often holds only "保密" in its text; the "第三条"
comes from a list level with lvlText "第%1条" and numFmt chineseCounting. Counters belong
to the abstract numbering, so several w:num that share it continue one sequence, unless a
w:lvlOverride/w:startOverride restarts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str, ten: str, hundred: str, thousand: str, legal: bool) -> str:
    if n == 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts, zero_pending = [], False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero_pending:
                parts.append(digits[0])
                zero_pending = False
            # 十一, not 一十一, in everyday counting; legal capitals always write 壹拾.
            if not (value == 10 and d == 1 and not parts and not legal):
                parts.append(digits[d])
            parts.append(unit)
        elif parts:
            zero_pending = True
    return "".join(parts)


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa..
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """Render counter n in a w:numFmt."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return _chinese(n, _CN, "十", "百", "千", legal=False)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return _chinese(n, _CN_LEGAL, "拾", "佰", "仟", legal=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12] if n >= 1 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and anything unknown


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # w:isLgl: render every inherited level in decimal


@dataclass
class Numbering:
    """numbering.xml read once per document; `label()` advances the counters."""

    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _restarted: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, root) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            numbering.abstract_levels[aid] = {int(lvl.get(W + "ilvl", "0")): _level(lvl)
                                              for lvl in abstract.findall(W + "lvl")}
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            numbering.num_to_abstract[nid] = ref.get(W + "val")
            for override in num.findall(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    numbering.overrides.setdefault(nid, {})[int(override.get(W + "ilvl", "0"))] = \
                        int(start.get(W + "val", "1"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label Word shows for the next paragraph of list num_id at level ilvl."""
        aid = self.num_to_abstract.get(num_id)
        levels = self.abstract_levels.get(aid or "")
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id in self.overrides and num_id not in self._restarted:
            self._restarted.add(num_id)
            for lvl, start in self.overrides[num_id].items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return None

        def render(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, Level())
            value = counters.get(k, lvl.start)
            return format_number(value, "decimal" if level.legal and k < ilvl else lvl.fmt)

        text = re.sub(r"%([1-9])", render, level.text).strip()
        return text or None


def _level(lvl) -> Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(W + tag)
        return el.get(W + "val", default) if el is not None else default

    try:
        start = int(val("start", "1"))
    except ValueError:
        start = 1
    return Level(fmt=val("numFmt", "decimal"), text=val("lvlText", ""), start=start,
                 legal=lvl.find(W + "isLgl") is not None)
