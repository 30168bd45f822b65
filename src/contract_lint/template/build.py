"""A template, read once: its units as patterns, and its blanks as slots.

Each unit of the template (units.py) becomes a pattern: its fixed wording, with a wildcard where
the contract may write anything:
- every blank facts.blanks finds (the same finder placeholder-unfilled uses, with that rule's
  parameters): `[甲方名称]`, `____`, underlined spaces, `«Name»`, a blank date, `□A □B`, an empty
  cell beside a label, `联系电话：` with nothing after it;
- a drafting note template-guidance-left finds (`[如适用]`, `（可选条款）`): a contract may drop it;
- every fill-in line, even one facts.blanks leaves alone as a signature field, and the end of
  every line of the signing block, where the parties write names, dates and seals.

A unit that holds its pattern in a contract was filled and not changed; the text a wildcard took
is the value typed into that blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clauses import marker_end
from ..facts import blanks as blank_finder
from ..model import Document
from ..regexcache import regex
from . import slots as slot_kinds
from .units import SIGNATURE, Unit, units_of

_UNIT_AFTER = regex(r"[ \u3000_＿]*(个工作日|个自然日|个月|工作日|自然日|小时|分钟|万元|元|%|％|‰"
                         r"|年|个|月|日|天|周|时|秒|次|份|名|人|项|套|张|篇|台|件|家|页|条|倍|平方米|米|公里)")
_FILL_LINE = regex(r"[_＿]+")
# what follows a blank that names what it is: ____仲裁委员会, ____人民法院, ____平台
_NAMED_AFTER = regex(r"[ \u3000_＿]*(仲裁委员会|人民法院|法院|平台|银行|支行|分行|公司|市|区|县)")
_BOUNDARY = "的为于按在向将由是及和与或、（"
POLICIES = ("locked", "negotiable", "required")


@dataclass(frozen=True)
class Part:
    """A piece of a template unit: fixed wording (its compared characters), or a wildcard."""

    text: str  # "" for a wildcard
    start: int  # where it stands in the template's text view
    end: int
    slot: int | None = None  # the blank a wildcard is
    wild: bool = False


@dataclass(frozen=True)
class Pattern:
    unit: Unit
    parts: tuple[Part, ...]
    regex: re.Pattern[str]
    groups: tuple[int | None, ...]  # the slot each regex group captures (None: not a blank)
    fixed: str  # the fixed wording's characters
    grams: frozenset[str]

    @property
    def wild(self) -> bool:
        return any(p.wild for p in self.parts)


@dataclass(frozen=True, eq=False)
class Template:
    """A standard template, compared against contracts; a playbook adds policies and constraints."""

    path: str
    document: Document
    patterns: tuple[Pattern, ...]
    slots: tuple[slot_kinds.Slot, ...]
    blank_params: dict = field(repr=False)
    policies: dict[str, str] = field(default_factory=dict)  # clause path -> locked | negotiable | required
    default_policy: str | None = None
    playbook: str | None = None  # the playbook file it was loaded through
    # each unit's words, segmented the first time a contract changes that unit (kept for the next)
    words: dict = field(default_factory=dict, repr=False, compare=False)

    def policy(self, path: str) -> str | None:
        """A clause's policy: its own, else its article's, else the default."""
        while path:
            if path in self.policies:
                return self.policies[path]
            if " " not in path:
                break
            path = path.rsplit(" ", 1)[0]
        return self.default_policy


def build(document: Document, blank_params: dict, guidance=None, path: str | None = None) -> Template:
    """The template read from `document`. `blank_params` are placeholder-unfilled's prepared
    params; `guidance` is the template-guidance-left rule (or None), whose notes a contract may drop."""
    units = units_of(document)
    found = blank_finder.find(document, blank_params)
    slots = tuple(_slot(document, i, b) for i, b in enumerate(found))
    wild = _wildcards(document, found, units, guidance)
    patterns = tuple(_pattern(unit, wild) for unit in units)
    return Template(path or document.path, document, patterns, slots, blank_params)


def _slot(doc: Document, index: int, blank) -> slot_kinds.Slot:
    norm = doc.norm
    content = norm[blank.start:blank.end]
    unit = blank.values.get("unit", "")
    if not unit:
        m = _UNIT_AFTER.match(norm, blank.end)
        unit = m.group(1) if m and blank.form not in ("date", "empty_field") else ""
    before = _before(norm, blank.start)
    named = _NAMED_AFTER.match(norm, blank.end) if not unit else None
    label = _label(blank, content, before, unit or (named.group(1) if named else ""))
    kind = slot_kinds.infer_kind(label, blank.form, unit, content, before[-16:])
    return slot_kinds.Slot(index, blank.start, blank.end, blank.form, label, kind, unit,
                           doc.clause_label(blank.start) or "首部", slot_kinds.option_list(content))


def _before(norm: str, start: int) -> str:
    """The words before a blank in its sentence, after any blank before it: what it is asked for.
    A blank alone on its line (a cell) is asked for by a short line above it (电话 / «TelA»)."""
    line_start = norm.rfind("\n", 0, start) + 1
    before = norm[line_start:start]
    if not before.strip(" \u3000\t_＿"):
        above = norm[:line_start].rstrip().rsplit("\n", 1)[-1].strip(" \u3000\t")
        if 0 < len(above) <= 12 and not re.search(r"[，。；！？]|[_＿«»\[\]【】]", above):
            return above.rstrip("：") + "："  # read as a label: 电话：
    before = before[marker_end(before):]  # the clause's number is not what the blank asks for
    for stop in ("，", "。", "；", "！", "？", "_", "＿", "]", "】", "”", "»"):
        before = before.rsplit(stop, 1)[-1]
    return before.strip(" \u3000_＿\t“").lstrip("年月日")


def _label(blank, content: str, before: str, unit: str) -> str:
    """What a blank asks for, as a reader names it: the field's label (联系电话), the words inside
    its brackets ([甲方名称]), else the words before it with its unit (有效工作时间不少于＿＿小时)."""
    if blank.values.get("label"):
        return blank.values["label"]
    inner = content.strip("[]【】［］〔〕{}«»<>（）").strip(" \u3000_＿")
    if blank.form == "bracket" and re.search(r"[\u4e00-\u9fff]{2}", inner) and not slot_kinds.option_list(inner):
        return inner.rstrip("：: ")
    if "：" in before:
        head = before.rsplit("：", 1)[-1].strip(" \u3000")
        if head:
            return f"{head}＿＿{unit}" if unit else head
        return before.rsplit("：", 1)[0].rsplit("：", 1)[-1].strip(" \u3000")[-10:]
    phrase = re.sub(r"（[^（）]*）", "", before)[-12:]
    cut = max(phrase[:-2].rfind(ch) for ch in _BOUNDARY)  # not the word right before the blank (不少于)
    if 0 <= cut < len(phrase) - 2:
        phrase = phrase[cut + 1:]
    return f"{phrase}＿＿{unit}" if phrase or unit else content.strip() or "空白"


def _wildcards(doc: Document, found, units: list[Unit], guidance) -> list[tuple[int, int, int | None]]:
    """(start, end, slot) of every wildcard, sorted; start == end: a value may be written there."""
    norm = doc.norm
    wild: list[tuple[int, int, int | None]] = []
    for i, blank in enumerate(found):
        if blank.form in ("empty_field", "item"):
            wild.append((blank.end, blank.end, i))  # the label stays; its value goes after it
        elif blank.form == "number":
            unit = blank.values.get("unit", "")
            text = norm[blank.start:blank.end]
            end = blank.end - len(unit) if unit and text.endswith(unit) else blank.end
            if norm[blank.start] in " \u3000_＿":
                wild.append((blank.start, end, i))
            else:  # 一式份: the number was dropped altogether between two words
                wild.append((blank.start + 1, blank.start + 1, i))
        else:
            wild.append((blank.start, blank.end, i))
    if guidance is not None:
        from ..checks import CHECKS

        wild += [(h.start, h.end, None) for h in CHECKS[guidance.check].run(doc, guidance.params)]
    wild += [(m.start(), m.end(), None) for m in _FILL_LINE.finditer(norm)]
    wild += _empty_cells(doc)
    for unit in units:
        if unit.kind == SIGNATURE:
            wild += [(end, end, None) for _start, end in unit.pieces]
    return _merged(wild)


def _empty_cells(doc: Document) -> list[tuple[int, int, int | None]]:
    """An empty table cell of a template is a place to write, whatever its label: a value may
    follow the cell before it (the first cell of a row: the row's start)."""
    norm = doc.norm
    rows: dict[tuple[int, int], list] = {}
    for block in doc.blocks:
        if block.cell is not None:
            rows.setdefault((block.cell.table, block.cell.row), []).append(block)
    out = []
    for cells in rows.values():
        cells.sort(key=lambda b: b.cell.col)
        last = None
        for block in cells:
            if norm[block.start:block.end].strip(" \u3000\t_＿"):
                last = block
            elif not block.cell.merged:
                at = last.end if last is not None else cells[0].start
                out.append((at, at, None))
    return out


def _merged(wild: list[tuple[int, int, int | None]]) -> list[tuple[int, int, int | None]]:
    """Overlapping wildcards are one (a blank keeps its slot)."""
    out: list[list] = []
    for start, end, slot in sorted(wild, key=lambda w: (w[0], -w[1], w[2] is None)):
        if out and (start < out[-1][1] or (start == end == out[-1][1] and out[-1][0] < out[-1][1])):
            out[-1][1] = max(out[-1][1], end)
            if out[-1][2] is None:
                out[-1][2] = slot
            continue
        out.append([start, end, slot])
    return [tuple(w) for w in out]


def _pattern(unit: Unit, wild: list[tuple[int, int, int | None]]) -> Pattern:
    key, at = unit.key, unit.at
    mine = [w for w in wild if any(s <= w[0] <= e for s, e in unit.pieces)]
    parts: list[Part] = []
    i, n = 0, len(key)
    for start, end, slot in mine:
        j = i
        while j < n and at[j] < start:
            j += 1
        if j > i:
            parts.append(Part(key[i:j], at[i], at[j - 1] + 1))
        if parts and parts[-1].wild:  # two wildcards with nothing between them take one value
            if parts[-1].slot is None and slot is not None:
                parts[-1] = Part("", parts[-1].start, max(parts[-1].end, end), slot, True)
        else:
            parts.append(Part("", start, end, slot, True))
        while j < n and at[j] < end:
            j += 1
        i = j
    if i < n:
        parts.append(Part(key[i:], at[i], at[-1] + 1))
    parts = _rate_sign_in_blank(parts)
    regex = re.compile("".join("(.*?)" if p.wild else re.escape(p.text) for p in parts), re.S)
    groups = tuple(p.slot for p in parts if p.wild)
    fixed = "".join(p.text for p in parts)
    return Pattern(unit, tuple(parts), regex, groups, fixed, frozenset(grams_of(p.text for p in parts)))


def _rate_sign_in_blank(parts: list[Part]) -> list[Part]:
    """`____%` may be filled as `5%` or as `百分之五`: the sign after a blank belongs to its value."""
    out: list[Part] = []
    for part in parts:
        if out and out[-1].wild and part.text[:1] in ("%", "％", "‰"):
            out[-1] = Part("", out[-1].start, part.start + 1, out[-1].slot, True)
            part = Part(part.text[1:], part.start + 1, part.end)
            if not part.text:
                continue
        out.append(part)
    return out


def grams_of(texts) -> set[str]:
    """Character bigrams of each text (none across a wildcard): what fuzzy matching compares."""
    out: set[str] = set()
    for text in texts:
        out.update(text[k:k + 2] for k in range(len(text) - 1))
    return out
