"""Which unit of the contract is which unit of the template.

1. Anchors: a template unit whose pattern holds in exactly one contract unit, which no other
   template unit's pattern holds in (filled, unchanged, unambiguous). The longest run of anchors
   in the template's order is the skeleton; an anchor out of that order was moved.
2. Between two anchors, the units left on each side are paired by dynamic programming in order:
   a pattern that holds scores 1, a unit whose wording is mostly the same (bigram Dice ≥ 0.5)
   scores its similarity, and two units of one side may pair with one of the other (a clause
   split over two paragraphs, or two merged into one).
3. What is left is paired across the whole document (a clause moved, perhaps also reworded);
   the rest of the template is missing from the contract, the rest of the contract added to it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from .build import Pattern, grams_of
from .units import Unit

SIMILAR = 0.5  # bigram Dice at which two units are one clause reworded
MOVED_SIMILAR = 0.6  # the same, for a unit found away from its place
MAX_CELLS = 40_000  # a gap larger than this is paired greedily


@dataclass(frozen=True)
class Match:
    t: tuple[int, ...]  # template units (consecutive)
    c: tuple[int, ...]  # contract units (consecutive)
    exact: bool  # the template's wording holds: only blanks were filled
    moved: bool = False


@dataclass(frozen=True)
class Alignment:
    matches: tuple[Match, ...]
    missing: tuple[int, ...]
    added: tuple[int, ...]


class _Scorer:
    def __init__(self, patterns: tuple[Pattern, ...], units: list[Unit]) -> None:
        self.patterns, self.units = patterns, units
        self.grams: dict[int, frozenset[str]] = {}  # a contract unit's bigrams, when first compared
        self.cache: dict[tuple, float] = {}
        self.regexes: dict[tuple[int, ...], re.Pattern[str]] = {}

    def _grams(self, c: int) -> frozenset[str]:
        found = self.grams.get(c)
        if found is None:
            found = self.grams[c] = frozenset(grams_of([self.units[c].key]))
        return found

    def holds(self, ts: tuple[int, ...], cs: tuple[int, ...]) -> bool:
        regex = self.regexes.get(ts)
        if regex is None:
            regex = self.regexes[ts] = re.compile("".join(self.patterns[t].regex.pattern for t in ts), re.S)
        return regex.fullmatch("".join(self.units[c].key for c in cs)) is not None

    def score(self, ts: tuple[int, ...], cs: tuple[int, ...]) -> float:
        """1 when the pattern holds (less for a pattern with hardly any fixed words), else the
        bigram Dice when at least SIMILAR, else 0."""
        key = (ts, cs)
        found = self.cache.get(key)
        if found is not None:
            return found
        fixed = sum(len(self.patterns[t].fixed) for t in ts)
        if self.holds(ts, cs):
            found = 1.0 if fixed >= 2 else 0.4
        else:
            a = frozenset().union(*(self.patterns[t].grams for t in ts))
            b = frozenset().union(*(self._grams(c) for c in cs))
            dice = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
            found = min(dice, 0.95) if dice >= SIMILAR else 0.0
        self.cache[key] = found
        return found


def align(patterns: tuple[Pattern, ...], units: list[Unit]) -> Alignment:
    scorer = _Scorer(patterns, units)
    anchors = _anchors(patterns, units, scorer)
    matches: list[Match] = []
    bounds = [(-1, -1), *anchors, (len(patterns), len(units))]
    for (ta, ca), (tb, cb) in itertools.pairwise(bounds):
        if (ta, ca) != (-1, -1):
            matches.append(Match((ta,), (ca,), True))
        matches.extend(_gap(scorer, list(range(ta + 1, tb)), list(range(ca + 1, cb))))
    matched_t = {t for m in matches for t in m.t}
    matched_c = {c for m in matches for c in m.c}
    missing = [t for t in range(len(patterns)) if t not in matched_t]
    added = [c for c in range(len(units)) if c not in matched_c]
    moved = _moves(scorer, missing, added)
    matches += moved
    gone_t = {t for m in moved for t in m.t}
    gone_c = {c for m in moved for c in m.c}
    return Alignment(tuple(sorted(matches, key=lambda m: m.t)), tuple(t for t in missing if t not in gone_t),
                     tuple(c for c in added if c not in gone_c))


def _anchors(patterns, units, scorer: _Scorer) -> list[tuple[int, int]]:
    by_key: dict[str, list[int]] = {}
    by_head: dict[str, list[int]] = {}
    by_tail: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        by_key.setdefault(unit.key, []).append(i)
        by_head.setdefault(unit.key[:2], []).append(i)
        by_tail.setdefault(unit.key[-2:], []).append(i)
    found: dict[int, list[int]] = {}
    held_by: dict[int, int] = {}
    for t, pattern in enumerate(patterns):
        if len(pattern.fixed) < 2:
            continue  # a bare blank says nothing about which unit it is
        if not pattern.wild:
            candidates = by_key.get(pattern.fixed, [])
        else:
            first, last = pattern.parts[0], pattern.parts[-1]
            if not first.wild and len(first.text) >= 2:
                candidates = by_head.get(first.text[:2], [])
            elif not last.wild and len(last.text) >= 2:
                candidates = by_tail.get(last.text[-2:], [])
            else:
                candidates = range(len(units))
            candidates = [c for c in candidates if scorer.holds((t,), (c,))]
        found[t] = list(candidates)
        for c in candidates:
            held_by[c] = held_by.get(c, 0) + 1
    # unambiguous both ways; the longest chain of them in order is the skeleton (fewest moves)
    unique = [(t, cs[0]) for t, cs in found.items() if len(cs) == 1 and held_by[cs[0]] == 1]
    return _longest_increasing(unique)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing on both sides (pairs come sorted by template order)."""
    tails: list[int] = []  # the smallest contract index ending a chain of each length
    tail_at: list[int] = []
    back: list[int] = []
    for k, (_t, c) in enumerate(pairs):
        n = bisect.bisect_left(tails, c)
        if n == len(tails):
            tails.append(c)
            tail_at.append(k)
        else:
            tails[n], tail_at[n] = c, k
        back.append(tail_at[n - 1] if n else -1)
    chain = []
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _gap(scorer: _Scorer, ts: list[int], cs: list[int]) -> list[Match]:
    """The best in-order pairing of the units between two anchors."""
    n, m = len(ts), len(cs)
    if not n or not m:
        return []
    if n * m > MAX_CELLS:
        return _greedy(scorer, ts, cs)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [(best[i + 1][j], (1, 0, 0.0)), (best[i][j + 1], (0, 1, 0.0))]
            one = scorer.score((ts[i],), (cs[j],))
            if one:
                options.append((one + best[i + 1][j + 1], (1, 1, one)))
            if one < 1:
                # two units for one: a merge that holds scores for both; a reworded one only
                # when it is closer than the single pairing (not a clause added beside a change)
                if i + 1 < n:
                    two = scorer.score((ts[i], ts[i + 1]), (cs[j],))
                    if two > one:
                        options.append(((1.5 if two == 1.0 else 1) * two + best[i + 2][j + 1], (2, 1, two)))
                if j + 1 < m:
                    two = scorer.score((ts[i],), (cs[j], cs[j + 1]))
                    if two > one:
                        options.append(((1.5 if two == 1.0 else 1) * two + best[i + 1][j + 2], (1, 2, two)))
            best[i][j], move[i][j] = max(options, key=lambda o: o[0])
    out: list[Match] = []
    i = j = 0
    while i < n and j < m:
        di, dj, value = move[i][j]
        if di and dj:
            out.append(Match(tuple(ts[i:i + di]), tuple(cs[j:j + dj]), value == 1.0 or
                             scorer.holds(tuple(ts[i:i + di]), tuple(cs[j:j + dj]))))
        i, j = i + di, j + dj
    return out


def _greedy(scorer: _Scorer, ts: list[int], cs: list[int]) -> list[Match]:
    """For a very large gap: each template unit takes the next contract unit it matches."""
    out: list[Match] = []
    j = 0
    for t in ts:
        for k in range(j, min(len(cs), j + 30)):
            value = scorer.score((t,), (cs[k],))
            if value:
                out.append(Match((t,), (cs[k],), value == 1.0))
                j = k + 1
                break
    return out


def _moves(scorer: _Scorer, missing: list[int], added: list[int]) -> list[Match]:
    """Units away from their place: the same wording (or nearly) elsewhere in the contract. A long
    unit is evidence on its own; a short one (an article's heading) moved with its neighbours, or
    was merged with the clause under it (第六条 知识产权 / 6.1 …, moved as 五、知识产权 …)."""
    out: list[Match] = []
    free = set(added)
    lonely = set(missing)
    for t in missing:
        if t not in lonely or len(scorer.patterns[t].fixed) < 6:
            continue  # a short heading or label is found anywhere; not evidence of a move
        best, best_pair = 0.0, None
        for c in sorted(free):
            for ts, cs in (((t,), (c,)), ((t - 1, t), (c,)), ((t, t + 1), (c,)), ((t,), (c, c + 1))):
                if not set(ts) <= lonely or not set(cs) <= free:
                    continue
                value = scorer.score(ts, cs) * (1.01 if len(ts) + len(cs) > 2 else 1)  # a merge that holds wins
                if value > best:
                    best, best_pair = value, (ts, cs)
        if best_pair is not None and (best >= 1.0 or best >= MOVED_SIMILAR):
            ts, cs = best_pair
            out.append(Match(ts, cs, best >= 1.0, moved=True))
            lonely -= set(ts)
            free -= set(cs)
    grown = True
    while grown:  # the neighbours of a moved unit, on both sides, moved with it
        grown = False
        for m in list(out):
            for t, c in ((m.t[0] - 1, m.c[0] - 1), (m.t[-1] + 1, m.c[-1] + 1)):
                if t in lonely and c in free and scorer.score((t,), (c,)) in (1.0, 0.4):
                    out.append(Match((t,), (c,), True, moved=True))
                    lonely.discard(t)
                    free.discard(c)
                    grown = True
    return sorted(out, key=lambda m: m.t)
