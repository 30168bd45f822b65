"""Kind `part-time-hours`: work called part-time that the contract's own hours make full-time.

params:
- `part_time` / `not_part_time`: the words that call the work part-time (兼职、非全日制), and the
  wordings that deny it ("不属于非全日制用工");
- `weekly`: a weekly requirement; its named group `n` is the hours, `cap` (when it matched) makes
  it a ceiling ("每周不超过12小时") rather than a requirement; a blank `n` is not read;
- `daily`: the same per day; `every_day`: words that make a time window apply every day
  (每日、工作日、周一至周五), `some_days`: a list of weekdays (每周六、周日) whose count turns a daily
  window into weekly hours;
- `max_daily`, `max_weekly`: the limits (4 and 24);
- `employment` / `not_employment`: the words that make it 非全日制用工, and `monthly_pay` /
  `short_pay`: a pay cycle longer than 15 days, and one within it.
Findings: `weekly` / `daily` / `window` (hours over the limit) and `pay` (a 非全日制 contract paid
monthly).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..numerals import to_number
from ..regexcache import regex
from .common import compile_any

_TIME = regex(r"(?<![\d.])(?P<h1>[012]?\d)[:：](?P<m1>[0-5]\d)\s*(?:-|—|–|~|～|至|到)\s*"
                   r"(?P<next>次日)?(?P<h2>[012]?\d)[:：](?P<m2>[0-5]\d)")
_WEEKDAY = regex(r"周[一二三四五六日天]|星期[一二三四五六日天]")
_WEEKDAY_RANGE = regex(r"(?:周|星期)([一二三四五六日天])\s*(?:至|到|-|—|~|～)\s*(?:周|星期)?([一二三四五六日天])")
_JOIN = regex(r"^[\s、，,及和与]*$")


def prepare(params: dict) -> dict:
    p = {key: compile_any(params[key]) for key in
         ("part_time", "weekly", "daily", "every_day", "employment", "monthly_pay", "short_pay")}
    for key in ("not_part_time", "not_employment"):
        p[key] = compile_any(params[key]) if params.get(key) else None
    for key, pattern in (("weekly", p["weekly"]), ("daily", p["daily"])):
        if "n" not in pattern.groupindex:
            raise ValueError(f"'{key}' needs a named group (?P<n>…) for the hours")
    p["max_daily"] = float(params.get("max_daily", 4))
    p["max_weekly"] = float(params.get("max_weekly", 24))
    return p


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    if not _said(text, p["part_time"], p["not_part_time"]):
        return
    yield from _hours(doc, p)
    if _said(text, p["employment"], p["not_employment"]) and not p["short_pay"].search(text):
        m = p["monthly_pay"].search(text)
        if m:
            yield Hit(*m.span(), "pay")


def _said(text: str, words: re.Pattern[str], denied: re.Pattern[str] | None) -> bool:
    denials = [m.span() for m in denied.finditer(text)] if denied is not None else []
    return any(not any(s <= m.start() < e for s, e in denials) for m in words.finditer(text))


def _hours(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    claimed: list[tuple[int, int]] = []
    for key, limit in (("weekly", p["max_weekly"]), ("daily", p["max_daily"])):
        for m in p[key].finditer(text):
            if m.groupdict().get("cap"):
                continue
            hours = _number(m.group("n"))
            if hours is not None and hours > limit:
                claimed.append(m.span())
                yield Hit(*m.span(), key, {"hours": _fmt(hours)})
    # Time windows: "工作日9:00-18:00" every day; "每周六、周日9:00-12:00及14:00-17:00" on some days.
    windows = list(_TIME.finditer(text))
    i = 0
    while i < len(windows):
        group = [windows[i]]
        while i + 1 < len(windows) and _JOIN.match(text[group[-1].end():windows[i + 1].start()]):
            i += 1
            group.append(windows[i])
        i += 1
        start, end = group[0].start(), group[-1].end()
        if any(s < end and start < e for s, e in claimed):
            continue
        daily = sum(_duration(m) for m in group)
        s_start, _ = doc.sentence_at(start)
        before = text[max(s_start, start - 20):start]
        days = _days_per_week(before)
        if days and daily * days > p["max_weekly"]:
            yield Hit(start, end, "window", {"hours": _fmt(daily * days), "per": "每周"})
        elif ((p["every_day"].search(before) and not days) or days >= 5) and daily > p["max_daily"]:
            yield Hit(start, end, "window", {"hours": _fmt(daily), "per": "每日"})


def _days_per_week(before: str) -> int:
    """How many weekdays the words before a time window name: 周一至周五 5, 每周六、周日 2; 0 when none."""
    order = "一二三四五六日"
    ranges = list(_WEEKDAY_RANGE.finditer(before))
    days = set()
    for m in ranges:
        a, b = order.index(m.group(1).replace("天", "日")), order.index(m.group(2).replace("天", "日"))
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    rest = _WEEKDAY_RANGE.sub("", before)
    days.update(order.index(d[-1].replace("天", "日")) for d in _WEEKDAY.findall(rest))
    return len(days)


def _duration(m: re.Match) -> float:
    start = int(m.group("h1")) + int(m.group("m1")) / 60
    end = int(m.group("h2")) + int(m.group("m2")) / 60
    if m.group("next") or end <= start:
        end += 24
    return end - start


def _number(raw: str) -> float | None:
    value = to_number(raw)
    return float(value) if value is not None else None


def _fmt(hours: float) -> str:
    return f"{hours:g}"
