"""A contract held against its template, once: what each template rule reports.

The comparison is computed the first time one of the template rules asks and kept with the
document (as facts are), so the five rules share it. What it reports:

- `missing`: a template clause with no counterpart; a whole article missing is one finding.
  It sits where the clause would have been: a point right after the clause before it in its
  article, else at the start of what follows it.
- `changed`: a change of the fixed wording, one finding per change, on exactly the changed words
  of the contract (for a deletion, the words on either side of the gap).
- `added`: a contract clause with no counterpart in the template (a whole added article is one).
- `moved`: a clause found away from its place; a run of clauses moved together is one finding.
- `slot`: a blank filled with a value of the wrong kind, or one a playbook's constraint refuses
  (filled.py). A blank still blank is placeholder-unfilled's finding, not this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from . import filled
from .align import Match, align
from .build import Template
from .diff import Diff, contract_tokens, diff, quoted, template_tokens
from .units import ARTICLE, Unit, units_of

_OPENING = 18  # characters of a clause quoted to name it


@dataclass(frozen=True)
class Review:
    missing: tuple[Hit, ...]
    changed: tuple[Hit, ...]
    added: tuple[Hit, ...]
    moved: tuple[Hit, ...]
    slot: tuple[Hit, ...]


def of(doc: Document, template: Template) -> Review:
    """The review of `doc` against `template`, computed once per pair and kept with the document."""
    cached = doc.__dict__.get("_template_review")
    if cached is not None and cached[0] is template:
        return cached[1]
    review = _Reviewer(doc, template).run()
    doc.__dict__["_template_review"] = (template, review)
    return review


class _Reviewer:
    def __init__(self, doc: Document, template: Template) -> None:
        self.doc, self.template = doc, template
        self.tdoc = template.document
        self.units = units_of(doc)
        self.patterns = template.patterns
        self.values: dict[int, tuple[int, int]] = {}

    def run(self) -> Review:
        alignment = align(self.patterns, self.units)
        self.counterpart = {t: m.c for m in alignment.matches for t in m.t}
        changed: list[Hit] = []
        for match in alignment.matches:
            if match.exact:
                self._exact_values(match)
            else:
                changed.extend(self._changes(match))
        return Review(tuple(self._missing(alignment)), tuple(changed), tuple(self._added(alignment)),
                      tuple(self._moved(alignment)), tuple(filled.check(self.doc, self.template, self.values)))

    # --- helpers ---------------------------------------------------------------------------

    def tpath(self, t: int) -> str:
        unit = self.patterns[t].unit
        return unit.path

    def opening(self, text: str, unit: Unit) -> str:
        words = " ".join(text[unit.start:unit.end].split())
        return words if len(words) <= _OPENING else words[:_OPENING] + "……"

    def severity(self, t: int, event: str) -> str | None:
        """The playbook's policy for the clause decides: locked (any change an error), negotiable
        (a change is information), required (a deletion is an error)."""
        policy = self.template.policy(self.tpath(t))
        if policy == "locked" and event in ("changed", "missing"):
            return "error"
        if policy == "required" and event == "missing":
            return "error"
        if policy == "negotiable" and event == "changed":
            return "info"
        return None

    # --- filled clauses ----------------------------------------------------------------------

    def _exact_values(self, match: Match) -> None:
        regex = self.patterns[match.t[0]].regex if len(match.t) == 1 else \
            re.compile("".join(self.patterns[t].regex.pattern for t in match.t), re.S)
        key = "".join(self.units[c].key for c in match.c)
        at = [p for c in match.c for p in self.units[c].at]
        m = regex.fullmatch(key)
        if m is None:
            return
        groups = [g for t in match.t for g in self.patterns[t].groups]
        for n, slot in enumerate(groups, 1):
            if slot is None:
                continue
            s, e = m.span(n)
            if e > s:
                self.values[slot] = (at[s], at[e - 1] + 1)
            else:
                point = at[s - 1] + 1 if s else (at[0] if at else self.units[match.c[0]].start)
                self.values[slot] = (point, point)

    # --- changed clauses ---------------------------------------------------------------------

    def _changes(self, match: Match) -> list[Hit]:
        a = [w for t in match.t for w in self._template_words(t)]
        b = contract_tokens(self.doc.norm, [self.units[c] for c in match.c])
        found = diff(a, b)
        self.values.update(found.values)
        if not found.hunks:
            return []
        t = match.t[0]
        tunit = self.patterns[t].unit
        original = self._original(match)
        redline = self._redline(found, match)
        label = "、".join(dict.fromkeys(self.tpath(x) for x in match.t))
        hits = []
        for hunk in found.hunks:
            if self._renumbered(found, hunk):
                continue
            old, new = quoted(self.tdoc.text, self.doc.text, found.a, found.b, hunk, self.doc.norm)
            if old and new:
                change, variant = f"“{old}”改为“{new}”", None
            elif old:
                change, variant = f"删除了“{old}”", "deleted"
            else:
                change, variant = f"增加了“{new}”", "inserted"
            start, end = self._span(found, hunk)
            hits.append(Hit(start, end, variant, {"change": change, "tclause": label,
                                                  "opening": self.opening(self.tdoc.text, tunit)},
                            self.severity(t, "changed"), original, redline))
        return hits

    def _template_words(self, t: int) -> list:
        found = self.template.words.get(t)
        if found is None:
            found = self.template.words[t] = template_tokens(self.tdoc.norm, [self.patterns[t]])
        return found

    def _renumbered(self, found: Diff, hunk) -> bool:
        """A reference that follows its clause's new number (第三条第1款 → 第四条第1款, 3.1条 → 4.1条,
        after an article was inserted before it) is renumbering, not a change."""
        if hunk.a1 <= hunk.a0 or hunk.b1 <= hunk.b0:
            return False
        a_span = (found.a[hunk.a0].start, found.a[hunk.a1 - 1].end)
        b_span = (found.b[hunk.b0].start, found.b[hunk.b1 - 1].end)
        old = _references(self.tdoc.norm, *a_span)
        new = _references(self.doc.norm, *b_span)
        if not old or len(old) != len(new):
            return False
        if not (_covers(old, *a_span) and _covers(new, *b_span)):
            return False
        return all(self._same_clause(o.group(), n.group()) for o, n in zip(old, new, strict=True))

    def _same_clause(self, old: str, new: str) -> bool:
        """Does the template clause `old` names sit, in this contract, where `new` points?"""
        def part(ref: str) -> tuple[int, str]:  # (which part of a path to compare, the label)
            article = re.match(r"第[^条]+条", ref)
            return (0, article.group()) if article else (-1, ref)

        (where, old_label), (_, new_label) = part(old), part(new)
        targets = {self.units[c].path.split(" ")[where] for t, p in enumerate(self.patterns)
                   if p.unit.path.split(" ")[where] == old_label for c in self.counterpart.get(t, ())}
        return new_label in targets

    def _span(self, found: Diff, hunk) -> tuple[int, int]:
        b = found.b
        if hunk.b1 > hunk.b0:
            return b[hunk.b0].start, b[hunk.b1 - 1].end
        # a deletion: the words on either side of the gap
        before = b[hunk.b0 - 1] if hunk.b0 > 0 else None
        after = b[hunk.b0] if hunk.b0 < len(b) else None
        start = (before or after).start
        end = (after or before).end
        return start, end

    def _original(self, match: Match) -> str:
        units = [self.patterns[t].unit for t in match.t]
        return "\n".join(" ".join(self.tdoc.text[u.start:u.end].split()) for u in units)

    def _redline(self, found: Diff, match: Match) -> tuple[tuple[str, str], ...]:
        """The contract's clause with the template's deleted words struck in and its inserted words
        marked: ("=", kept), ("-", deleted), ("+", inserted)."""
        text, ttext = self.doc.text, self.tdoc.text
        units = [self.units[c] for c in match.c]
        start, end = units[0].start, units[-1].end
        out: list[tuple[str, str]] = []
        pos = start

        def emit(op: str, piece: str) -> None:
            if not piece:
                return
            if out and out[-1][0] == op:
                out[-1] = (op, out[-1][1] + piece)
            else:
                out.append((op, piece))

        for hunk in found.hunks:
            if hunk.b1 > hunk.b0:
                b0, b1 = found.b[hunk.b0].start, found.b[hunk.b1 - 1].end
            else:
                b0 = b1 = found.b[hunk.b0].start if hunk.b0 < len(found.b) else end
            emit("=", text[pos:b0])
            if hunk.a1 > hunk.a0:
                emit("-", ttext[found.a[hunk.a0].start:found.a[hunk.a1 - 1].end])
            emit("+", text[b0:b1])
            pos = b1
        emit("=", text[pos:end])
        return tuple(out)

    # --- missing, added, moved -----------------------------------------------------------------

    def _missing(self, alignment) -> list[Hit]:
        # a unit that is only a blank (a merge field on its own line) is no clause of its own: its
        # line may well have been joined to the label above it
        missing = {t for t in alignment.missing if len(self.patterns[t].fixed) >= 2}
        placed = {t: m.c for m in alignment.matches if not m.moved for t in m.t}
        hits = []
        for group in _groups(sorted(missing), [p.unit for p in self.patterns]):
            first = group[0]
            head = self.patterns[first].unit
            at = self._where(first, group[-1], placed)
            whole = len(group) > 1 or head.kind == ARTICLE
            name = self.tpath(first)
            if whole and head.title:
                name = f"{name}（{head.title}）"
            else:
                name = f"{name}（{self.opening(self.tdoc.text, head)}）"
            original = "\n".join(" ".join(self.tdoc.text[self.patterns[t].unit.start:self.patterns[t].unit.end].split())
                                 for t in group)
            severity = max((self.severity(t, "missing") for t in group), key=lambda s: s == "error", default=None)
            hits.append(Hit(at, at, "article" if len(group) > 1 else None,
                            {"tclause": name, "count": str(len(group))}, severity, original, ()))
        return hits

    def _where(self, first: int, last: int, placed: dict[int, tuple[int, ...]]) -> int:
        """Where a missing clause would have been: right after the clause before it, when that one
        is of the same article; else at the start of the next template clause that the contract
        has; else after the last one it has."""
        before = first - 1
        if before in placed and self.patterns[before].unit.article is not None \
                and self.patterns[before].unit.article == self.patterns[first].unit.article:
            return self.units[placed[before][-1]].end
        for t in range(last + 1, len(self.patterns)):
            if t in placed:
                return self.units[placed[t][0]].start
        for t in range(first - 1, -1, -1):
            if t in placed:
                return self.units[placed[t][-1]].end
        return 0

    def _added(self, alignment) -> list[Hit]:
        hits = []
        for group in _groups(sorted(alignment.added), self.units):
            head, tail = self.units[group[0]], self.units[group[-1]]
            name = head.path
            if (len(group) > 1 or head.kind == ARTICLE) and head.title:
                name = f"{name}（{head.title}）"
            else:
                name = f"{name}（{self.opening(self.doc.text, head)}）"
            hits.append(Hit(head.start, tail.end, "article" if len(group) > 1 else None,
                            {"clause": name, "count": str(len(group))}))
        return hits

    def _moved(self, alignment) -> list[Hit]:
        moved = [m for m in alignment.matches if m.moved]
        runs: list[list[Match]] = []
        for m in moved:
            if runs and m.t[0] == runs[-1][-1].t[-1] + 1 and m.c[0] == runs[-1][-1].c[-1] + 1:
                runs[-1].append(m)
            else:
                runs.append([m])
        placed = {t: m.c[0] for m in alignment.matches if not m.moved for t in m.t}
        hits = []
        for run in runs:
            first_t = run[0].t[0]
            head = self.patterns[first_t].unit
            before = next((self.tpath(t) for t in range(first_t - 1, -1, -1) if t in placed), None)
            where = f"模板中它在{before}之后" if before else "模板中它在开头"
            start, end = self.units[run[0].c[0]].start, self.units[run[-1].c[-1]].end
            name = self.tpath(first_t)
            name = f"{name}（{head.title}）" if (len(run) > 1 or head.kind == ARTICLE) and head.title else \
                f"{name}（{self.opening(self.tdoc.text, head)}）"
            hits.append(Hit(start, end, None, {"tclause": name, "where": where}, None,
                            "\n".join(" ".join(self.tdoc.text[self.patterns[t].unit.start:
                                                              self.patterns[t].unit.end].split())
                                      for m in run for t in m.t), ()))
        return hits


_REFERENCE = regex(r"第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?"
                        r"|(?<![\d.])\d{1,2}(?:\.\d{1,2})+(?![\d.])")


def _references(text: str, start: int, end: int) -> list[re.Match]:
    """The clause references overlapping text[start:end]."""
    return [m for m in _REFERENCE.finditer(text, max(0, start - 12), min(len(text), end + 12))
            if m.start() < end and start < m.end()]


def _covers(references: list[re.Match], start: int, end: int) -> bool:
    return all(any(m.start() <= i < m.end() for m in references) for i in range(start, end))


def _groups(indices: list[int], units) -> list[list[int]]:
    """Units reported together: a whole article (its heading and all its clauses) is one group;
    any other unit is a group of its own."""
    chosen = set(indices)
    by_article: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        if unit.article is not None:
            by_article.setdefault(unit.article, []).append(i)
    out: list[list[int]] = []
    done: set[int] = set()
    for i in indices:
        if i in done:
            continue
        unit = units[i]
        members = by_article.get(unit.article, []) if unit.article is not None else []
        if unit.head and len(members) > 1 and all(m in chosen for m in members):
            out.append(members)
            done.update(members)
        else:
            out.append([i])
            done.add(i)
    return out
