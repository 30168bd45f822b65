"""Kind `dates`: dates that cannot exist, and terms whose dates do not agree.

`mode: valid` reports every date that names no real day (2025年2月30日, 2026-13-01). `mode:
order` reports
- a term that ends before it starts (自2026年3月1日起至2025年2月28日止);
- a stated duration (有效期一年, 期限为12个月, 共十二个月) in the same sentence as a term whose dates
  span something else; "end = start + duration − 1 day" and "end = start + duration" both agree;
- a term that starts before the contract is signed when the contract takes effect on signing.

The pure helpers (`find_dates`, `parse_duration`, `add_duration`, `signing_date`) are shared with
the identifier kind, which compares birth dates with the signing date. Blank dates are the
placeholder rule's business: a date with no digits is no date here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Hit
from ..model import Document
from .common import compile_any

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"
# 2025年3月1日, 二〇二五年三月一日, 2025-03-01, 2025.3.1, 2025/3/1. The separated forms need a
# year of this century or the last one, and nothing number-like around them, so that version
# numbers and phone numbers are not dates.
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|{_CN_YEAR})[ \u3000]*年[ \u3000]*(?P<m>\d{{1,2}}|{_CN_SMALL})[ \u3000]*月"
    rf"[ \u3000]*(?P<d>\d{{1,2}}|{_CN_SMALL})[ \u3000]*[日号]"
    r"|(?<![\d.\-/／A-Za-z])(?P<y2>(?:19|20)\d{2})(?P<sep>[-./／])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})"
    r"(?![\d.\-/／A-Za-z%％])")
# a duration, not the year of a date (期间为2025年10月1日至…): no month may follow
_DURATION = re.compile(r"(?P<n>\d{1,3}|[一二两三四五六七八九十百]+|半)\s*"
                       r"(?P<unit>个月|个自然月|年|个?星期|周|天|日|个?自然日)"
                       r"(?![\s\u3000]*[\d〇零○一二三四五六七八九十]{1,3}[\s\u3000]*月)")


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


def cn_number(s: str) -> int | None:
    """二〇二五 → 2025 (digit by digit), 十二 → 12, 三十一 → 31, 两 → 2, 12 → 12."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(ch in _CN_DIGITS for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None
            digit = _CN_DIGITS[ch]
        elif ch in "十百":
            unit = 10 if ch == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + (digit or 0)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every full date (year, month and day all written) in text[start:end]."""
    found = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        if m.group("y"):
            y, mo, d = (cn_number(m.group(g)) for g in "ymd")
        else:
            y, mo, d = (int(m.group(g)) for g in ("y2", "m2", "d2"))
        if None not in (y, mo, d):
            found.append(FoundDate(m.start(), m.end(), y, mo, d))
    return found


def parse_date(s: str) -> dt.date | None:
    """The day a whole string names (2025年3月1日, 2025-03-01, 2025.3.1, 二〇二五年三月一日)."""
    dates = find_dates(s.strip())
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(s.strip()):
        return dates[0].date
    return None


def parse_duration(s: str) -> tuple[int, str] | None:
    """一年 → (12, "month"), 12个月 → (12, "month"), 两年 → (24, "month"), 半年 → (6, "month"),
    180天 → (180, "day"), 两周 → (14, "day")."""
    m = _DURATION.fullmatch(s.strip())
    if not m:
        return None
    n = 0.5 if m.group("n") == "半" else cn_number(m.group("n"))
    if n is None:
        return None
    unit = m.group("unit")
    if unit == "年":
        return int(n * 12), "month"
    if "月" in unit:
        return int(n), "month"
    if "周" in unit or "星期" in unit:
        return int(n * 7), "day"
    return int(n), "day"


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
    """The latest full date in the signing block, else the first date in a sentence that talks of
    signing (签订日期：…)."""
    text = doc.text
    dates = [d.date for c in doc.clauses if c.kind == "signature"
             for d in find_dates(text, c.start, c.end) if d.date]
    if dates:
        return max(dates)
    words = signing_words or re.compile("签订|签署|签约|签字")
    for start, end in doc.sentence_spans:
        if words.search(text, start, end):
            found = [d.date for d in find_dates(text, start, end) if d.date]
            if found:
                return found[0]
    return None


# --- the check kind -------------------------------------------------------------------------

def prepare(params: dict) -> dict:
    mode = params.get("mode")
    if mode not in ("valid", "order"):
        raise ValueError("mode must be 'valid' or 'order'")
    if mode == "valid":
        return {"mode": mode}
    return {"mode": mode,
            "range_joiner": compile_any(params["range_joiner"]),
            "duration_cue": compile_any(params["duration_cue"]),
            "effective_on_signing": compile_any(params["effective_on_signing"]),
            "term_words": compile_any(params["term_words"]),
            "signing_words": compile_any(params["signing_words"])}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    if p["mode"] == "valid":
        for d in find_dates(doc.text):
            if d.date is None:
                yield Hit(d.start, d.end, values={"date": doc.text[d.start:d.end]})
        return
    yield from _order(doc, p)


def _ranges(doc: Document, p: dict) -> Iterator[tuple[FoundDate, FoundDate]]:
    """Pairs of dates joined as a term: 自D1起至D2止, D1至D2, D1—D2."""
    text = doc.text
    for s_start, s_end in doc.sentence_spans:
        dates = find_dates(text, s_start, s_end)
        for first, second in itertools.pairwise(dates):
            if p["range_joiner"].fullmatch(text[first.end:second.start]):
                yield first, second


def _order(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    for first, second in _ranges(doc, p):
        start, end = first.date, second.date
        if start is None or end is None:
            continue  # an impossible date is date-invalid's finding
        span = (first.start, second.end)
        if end < start:
            yield Hit(*span, "reversed", {"start": _show(text, first), "end": _show(text, second)})
            continue
        s_start, s_end = doc.sentence_at(first.start)
        for cue in p["duration_cue"].finditer(text, s_start, s_end):
            m = _DURATION.match(text, cue.end())
            duration = parse_duration(m.group(0)) if m else None
            if duration and not duration_agrees(start, end, *duration):
                yield Hit(*span, "duration", {"duration": m.group(0), "start": _show(text, first),
                                               "end": _show(text, second)})
                break
    yield from _signed_late(doc, p)


def _signed_late(doc: Document, p: dict) -> Iterator[Hit]:
    """A term that starts before signing, in a contract that takes effect on signing."""
    text = doc.text
    if not p["effective_on_signing"].search(text):
        return
    signed = signing_date(doc, p["signing_words"])
    if signed is None:
        return
    signature = [(c.start, c.end) for c in doc.clauses if c.kind == "signature"]
    starts = {first for first, _second in _ranges(doc, p)}
    starts |= {d for d in find_dates(text) if text[max(0, d.start - 1):d.start] == "自"
               and text[d.end:d.end + 1] == "起"}  # 服务期自2026年3月1日起 has no end date
    for first in sorted(starts, key=lambda d: d.start):
        if any(s <= first.start < e for s, e in signature):
            continue
        s_start, _ = doc.sentence_at(first.start)
        if not p["term_words"].search(text, s_start, first.start):
            continue
        if first.date and first.date < signed:
            yield Hit(first.start, first.end, "signed_late",
                      {"start": _show(text, first), "signed": f"{signed.year}年{signed.month}月{signed.day}日"})
            return


def _show(text: str, d: FoundDate) -> str:
    return text[d.start:d.end]
