"""The words that differ between a template's clause and the contract's, and the values typed into
its blanks.

Both sides are segmented into words (nlp.tokens: jieba) and compared word by word (difflib), each
blank of the template being a word that matches nothing. A region of difference that holds a
blank is a fill when the template's fixed words around the blank are all there, character for
character (the blank took `杭州青禾科技有限公司` where the template reads `[甲方名称]公司`, however
the words were segmented); otherwise its characters are aligned with the blank free to take any
run of them, and what is left over is changed. Each change is reported as whole words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .. import nlp
from ..regexcache import regex
from .build import Pattern

_SHORT = 4  # a change shorter than this, in characters, is quoted with the word after (or before) it
_STOP = regex(r"[，。；：！？\n]")


@dataclass(frozen=True)
class Token:
    key: str  # compared characters; "" for a blank
    start: int  # where the word stands in its document (first and last compared character)
    end: int
    positions: tuple[int, ...]  # the offset of each compared character
    slot: int | None = None
    wild: bool = False


@dataclass(frozen=True)
class Hunk:
    """One change: template words a[a0:a1] became contract words b[b0:b1]."""

    a0: int
    a1: int
    b0: int
    b1: int


@dataclass(frozen=True)
class Diff:
    a: tuple[Token, ...]
    b: tuple[Token, ...]
    hunks: tuple[Hunk, ...]
    values: dict  # slot -> (start, end) of its value in the contract


def template_tokens(norm: str, patterns: list[Pattern]) -> list[Token]:
    out: list[Token] = []
    for pattern in patterns:
        keep = set(pattern.unit.at)
        for part in pattern.parts:
            if part.wild:
                out.append(Token("", part.start, part.end, (), part.slot, True))
            else:
                out.extend(_words(norm, part.start, part.end, keep))
    return out


def contract_tokens(norm: str, units) -> list[Token]:
    out: list[Token] = []
    for unit in units:
        keep = set(unit.at)
        for start, end in unit.pieces:
            out.extend(_words(norm, start, end, keep))
    return out


def _words(norm: str, start: int, end: int, keep: set[int]) -> list[Token]:
    out = []
    for word, offset in nlp.tokens(norm[start:end]):
        at = start + offset
        positions = tuple(p for p in range(at, at + len(word)) if p in keep)
        if positions:
            out.append(Token("".join(norm[p] for p in positions), positions[0], positions[-1] + 1, positions))
    return out


def diff(a: list[Token], b: list[Token]) -> Diff:
    keys_a = [t.key if not t.wild else f"\0{i}" for i, t in enumerate(a)]
    keys_b = [t.key for t in b]
    raw: list[Hunk] = []
    values: dict = {}
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if any(t.wild for t in a[a0:a1]):
            filled = _fill(a[a0:a1], b[b0:b1])
            if filled is not None:
                values.update(filled)
                continue
            found, fills = _align_chars(a, b, a0, a1, b0, b1)
            values.update(fills)
            raw.extend(found)
            continue
        raw.append(Hunk(a0, a1, b0, b1))
    return Diff(tuple(a), tuple(b), tuple(_merge(raw, a, b)), values)


def _fill(a: list[Token], b: list[Token]) -> dict | None:
    """The blanks' values when the region is only blanks filled in (None when it is not)."""
    regex = "".join("(.*?)" if t.wild else re.escape(t.key) for t in a)
    text = "".join(t.key for t in b)
    m = re.fullmatch(regex, text, re.S)
    if m is None:
        return None
    positions = [p for t in b for p in t.positions]
    values = {}
    for group, token in enumerate((t for t in a if t.wild), 1):
        if token.slot is not None:
            s, e = m.span(group)
            values[token.slot] = (positions[s], positions[e - 1] + 1) if e > s else \
                ((positions[s - 1] + 1 if s else (positions[0] if positions else token.start)),) * 2
    return values


def _align_chars(a, b, a0, a1, b0, b1) -> tuple[list[Hunk], dict]:
    """Align the characters of a region, a blank taking any run of them for free, and return the
    words left over as changes (and what each blank took)."""
    items_a = [(k, ch) for k in range(a0, a1) for ch in (a[k].key or "\0")]
    items_b = [(k, i) for k in range(b0, b1) for i in range(len(b[k].key))]
    chars_b = [b[k].key[i] for k, i in items_b]
    n, m = len(items_a), len(items_b)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        wild = a[items_a[i - 1][0]].wild
        cost[i][0] = cost[i - 1][0] + (0 if wild else 1)
        for j in range(1, m + 1):
            if wild:
                cost[i][j] = min(cost[i - 1][j], cost[i][j - 1])
            else:
                same = items_a[i - 1][1] == chars_b[j - 1]
                cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    changed_a: set[int] = set()
    changed_b: set[int] = set()
    took: dict[int, list[int]] = {}
    i, j = n, m
    while i or j:
        wild = i and a[items_a[i - 1][0]].wild
        if wild and j and cost[i][j] == cost[i][j - 1]:
            took.setdefault(items_a[i - 1][0], []).append(j - 1)
            j -= 1
        elif wild and cost[i][j] == cost[i - 1][j]:
            i -= 1
        elif i and j and not wild and items_a[i - 1][1] == chars_b[j - 1] and cost[i][j] == cost[i - 1][j - 1]:
            i, j = i - 1, j - 1
        elif i and not wild and cost[i][j] == cost[i - 1][j] + 1:
            # a word dropped beside a blank (【一段时间】止 for 【  】年止) is a deletion, not the blank's
            # last characters replacing it: on a tie, delete before substituting
            changed_a.add(items_a[i - 1][0])
            i -= 1
        elif i and j and not wild and cost[i][j] == cost[i - 1][j - 1] + 1:
            changed_a.add(items_a[i - 1][0])
            changed_b.add(items_b[j - 1][0])
            i, j = i - 1, j - 1
        else:
            changed_b.add(items_b[j - 1][0])
            j -= 1
    fills = {}
    for k, taken in took.items():
        if a[k].slot is not None:
            chars = sorted(taken)
            first_k, first_i = items_b[chars[0]]
            last_k, last_i = items_b[chars[-1]]
            fills[a[k].slot] = (b[first_k].positions[first_i], b[last_k].positions[last_i] + 1)
    hunks = _runs(sorted(changed_a), sorted(changed_b), a0, a1, b0, b1)
    return hunks, fills


def _runs(changed_a: list[int], changed_b: list[int], a0, a1, b0, b1) -> list[Hunk]:
    """Changed words of a region as hunks: one per run of neighbouring words on each side."""
    if not changed_a and not changed_b:
        return []
    if not changed_a:
        return [Hunk(a1, a1, changed_b[0], changed_b[-1] + 1)] if changed_b else []
    if not changed_b:
        return [Hunk(changed_a[0], changed_a[-1] + 1, b1, b1)]
    return [Hunk(changed_a[0], changed_a[-1] + 1, changed_b[0], changed_b[-1] + 1)]


def _merge(hunks: list[Hunk], a, b) -> list[Hunk]:
    """Changes a few words apart are one change, as a reader sees it: “差旅费和常规耗材费，更换”改为
    “差旅费，常规耗材费和更换”, not a 和 deleted and another added."""
    out: list[Hunk] = []
    for hunk in sorted(hunks, key=lambda h: (h.b0, h.a0)):
        if out:
            last = out[-1]
            between_a = "".join(t.key for t in a[last.a1:hunk.a0])
            between_b = "".join(t.key for t in b[last.b1:hunk.b0])
            if hunk.a0 - last.a1 <= 3 and hunk.b0 - last.b1 <= 3 and len(between_a) <= 6 and len(between_b) <= 6:
                out[-1] = Hunk(min(last.a0, hunk.a0), max(last.a1, hunk.a1), min(last.b0, hunk.b0),
                               max(last.b1, hunk.b1))
                continue
        out.append(hunk)
    return out


def quoted(a_text: str, b_text: str, a: tuple[Token, ...], b: tuple[Token, ...], hunk: Hunk,
           norm_b: str) -> tuple[str, str]:
    """The template's and the contract's words of a change, as quoted in the message: a word or
    two replaced is quoted with the unchanged word beside it (“甲方所在地”改为“乙方所在地”)."""
    a0, a1, b0, b1 = hunk.a0, hunk.a1, hunk.b0, hunk.b1

    def size(tokens, lo, hi):
        return sum(len(t.key) for t in tokens[lo:hi])

    def same(i, j, gap_start, gap_end):  # an unchanged word, not across punctuation
        return 0 <= i < len(a) and 0 <= j < len(b) and not a[i].wild and a[i].key == b[j].key \
            and not _STOP.search(norm_b, min(gap_start, gap_end), max(gap_start, gap_end))

    for _ in range(2):
        if not (a1 > a0 and b1 > b0) or min(size(a, a0, a1), size(b, b0, b1)) >= _SHORT:
            break
        if same(a1, b1, b[b1 - 1].end, b[b1].start if b1 < len(b) else 0):
            a1, b1 = a1 + 1, b1 + 1
        elif same(a0 - 1, b0 - 1, b[b0 - 1].end if b0 > 0 else 0, b[b0].start):
            a0, b0 = a0 - 1, b0 - 1
        else:
            break
    old = a_text[a[a0].start:a[a1 - 1].end] if a1 > a0 else ""
    new = b_text[b[b0].start:b[b1 - 1].end] if b1 > b0 else ""
    return _one_line(old), _one_line(new)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:58] + "……"
