"""Helpers shared by check kinds."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Hit
from ..regexcache import regex


def compile_any(patterns: Iterable[str] | str) -> re.Pattern[str]:
    """One regex matching any of the given patterns (a rule may give a list or a string)."""
    if isinstance(patterns, str):
        patterns = [patterns]
    patterns = list(patterns)
    if not patterns or not all(isinstance(p, str) for p in patterns):
        raise ValueError("expected a regular expression or a non-empty list of them")
    return regex("|".join(f"(?:{p})" for p in patterns))


def words(items: Iterable[str]) -> re.Pattern[str]:
    """A regex for a literal word list, longest first so that 子账号 wins over 账号."""
    items = sorted({i for i in items if i}, key=len, reverse=True)
    if not items:
        raise ValueError("expected a non-empty word list")
    return regex("|".join(re.escape(i) for i in items))


class Claims:
    """Spans already reported, so that two detectors never report the same words twice."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.hits: list[Hit] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.spans)

    def add(self, start: int, end: int, variant: str | None = None, **values: str) -> bool:
        if end <= start or not self.free(start, end):
            return False
        self.spans.append((start, end))
        self.hits.append(Hit(start, end, variant, values))
        return True
