"""Dates and lengths of time: 2025年3月1日, 二〇二五年三月一日, 2025-03-01; 一年, 12个月, 30个工作日, 半年.

One parser for every rule that reads a date or a duration. A date is a full date (year, month
and day written); a blank date (____年__月__日) is a blank, not a date. A duration is a number
and a unit of time; the year of a date (期间为2025年10月1日) is not a duration.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Document
from ..numerals import NUMBER, to_int, to_number
from ..regexcache import regex
from . import of

_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"
# 2025年3月1日, 二〇二五年三月一日, 2025-03-01, 2025.3.1, 2025/3/1; a date typed over the line of a
# form keeps the line's padding (_2026__年_9_月_28_日), or its brackets (【2026】年【1】月【12】日).
# The separated forms need a year of this century or the last one, and nothing number-like around
# them, so that version numbers and phone numbers are not dates.
_PAD = "[ \u3000_＿【】\\[\\]［］]*"
_DATE = regex(
    rf"(?P<y>\d{{4}}|{_CN_YEAR}){_PAD}年{_PAD}(?P<m>\d{{1,2}}|{_CN_SMALL}){_PAD}月"
    rf"{_PAD}(?P<d>\d{{1,2}}|{_CN_SMALL}){_PAD}[日号]"
    r"|(?<![\d.\-/／A-Za-z])(?P<y2>(?:19|20)\d{2})(?P<sep>[-./／])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})"
    r"(?![\d.\-/／A-Za-z%％])")
UNITS = {"年": "year", "个月": "month", "个自然月": "month", "周": "week", "星期": "week",
         "个星期": "week", "个工作日": "workday", "工作日": "workday", "个自然日": "day", "自然日": "day",
         "天": "day", "日": "day", "小时": "hour", "个小时": "hour"}
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
# a duration, not the year of a date (期间为2025年10月1日至…): no month may follow; a number typed
# into a form keeps its brackets or line (终止后【3】年, _2_年)
DURATION = regex(rf"(?<![\d.年月])(?P<n>{NUMBER})[\s_＿】\]］]*(?P<unit>{_UNIT})"
                      r"(?![\s\u3000_＿]*[\d〇零○一二三四五六七八九十]{0,3}[\s\u3000_＿]*月)")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    year: int
    month: int
    day: int

    @property
    def date(self) -> dt.date | None:
        """The day it names, or None when there is no such day."""
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True)
class Duration:
    start: int
    end: int
    amount: Decimal
    unit: str  # year | month | week | day | workday | hour

    @property
    def days(self) -> float:
        """Roughly how many calendar days: for comparing lengths, not for calendar arithmetic."""
        per = {"year": 365, "month": 30.4, "week": 7, "day": 1, "workday": 1.4, "hour": 1 / 24}
        return float(self.amount) * per[self.unit]


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every full date (year, month and day all written) in text[start:end]."""
    found = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        if m.group("y"):
            y, mo, d = (to_int(m.group(g)) for g in "ymd")
        else:
            y, mo, d = (int(m.group(g)) for g in ("y2", "m2", "d2"))
        if None not in (y, mo, d):
            found.append(FoundDate(m.start(), m.end(), y, mo, d))
    return found


def find_durations(text: str, start: int = 0, end: int | None = None) -> list[Duration]:
    """Every length of time in text[start:end]: 一年, 12个月, 30个工作日, 半年, 4小时."""
    found = []
    for m in DURATION.finditer(text, start, len(text) if end is None else end):
        amount = to_number(m.group("n"))
        if amount is not None:
            found.append(Duration(m.start(), m.end(), amount, UNITS[m.group("unit")]))
    return found


def parse_date(s: str) -> dt.date | None:
    """The day a whole string names (2025年3月1日, 2025-03-01, 2025.3.1, 二〇二五年三月一日)."""
    dates = find_dates(s.strip())
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(s.strip()):
        return dates[0].date
    return None


def parse_duration(s: str) -> tuple[int, str] | None:
    """For calendar arithmetic: 一年 → (12, "month"), 12个月 → (12, "month"), 半年 → (6, "month"),
    180天 → (180, "day"), 两周 → (14, "day"). Working days and hours are no calendar length: None."""
    found = find_durations(s.strip())
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(s.strip()):
        return None
    d = found[0]
    if d.unit == "year":
        return int(d.amount * 12), "month"
    if d.unit == "month":
        return int(d.amount), "month"
    if d.unit == "week":
        return int(d.amount * 7), "day"
    if d.unit == "day":
        return int(d.amount), "day"
    return None


def add_duration(start: dt.date, amount: int, unit: str) -> dt.date:
    """start + duration; a month end that does not exist is the month's last day (1月31日 + 1个月
    → 2月28日)."""
    if unit == "day":
        return start + dt.timedelta(days=amount)
    months = start.month - 1 + amount
    year, month = start.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def duration_agrees(start: dt.date, end: dt.date, amount: int, unit: str) -> bool:
    """Both ways of counting a term are in use: 1月1日 to 12月31日 and 1月1日 to 次年1月1日."""
    after = add_duration(start, amount, unit)
    return end in (after, after - dt.timedelta(days=1))


def signing_date(doc: Document, signing_words: re.Pattern[str] | None = None) -> dt.date | None:
    """The latest full date in the signing block (not in an annex after it), else a date written
    as the day of signing (签订日期：…, 于…在杭州签订); a deadline elsewhere in a sentence that
    mentions signing (本合同签订后，乙方应于…前交付) is not the day of signing."""
    text = doc.norm
    regions = of(doc).regions
    dates = [d.date for c in doc.clauses if c.kind == "signature"
             for d in of(doc).dates_in(c.start, c.end) if d.date and regions.at(d.start) != "annex"]
    if dates:
        return max(dates)
    words = (signing_words or regex("签订|签署|签约|签字")).pattern
    labelled = regex(rf"(?:{words})(?:日期|时间|日)?\s*(?:[：:]|于|为)\s*$")
    then_signed = regex(rf"[^，。；\n]{{0,8}}?(?:{words})")  # matched where the date ends
    for found in of(doc).dates:
        if found.date and (labelled.search(text, max(0, found.start - 12), found.start)
                           or then_signed.match(text, found.end, found.end + 12)):
            return found.date
    return None
