"""The values typed into a template's blanks, checked: template-slot-invalid's findings.

A value of the wrong kind for its blank (slots.problem), or one a playbook's constraint refuses
(slots.broken), is reported on exactly its words, quoting the template's clause. A blank still
blank is placeholder-unfilled's finding, reported once: a value that is the template's own words
for the blank ([合作期限] left as it was), a line or brackets with nothing in them, or anything the
blank finder (facts.blanks, with placeholder-unfilled's params) finds where the value stands, is
not checked here.
"""

from __future__ import annotations

from ..facts import blanks as blank_finder
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from . import slots as slot_kinds
from .build import Template
from .units import DROP_CHARS

# what a blank left unfilled is made of: lines, brackets, stand-ins, a date's 年月日 with no number
_BLANK_CHARS = regex(r"[\s_＿\[\]【】［］〔〕«»{}<>（）()年月日号Xx×□☐¥￥$]|某某|待定|待填|TBD")


def check(doc: Document, template: Template, values: dict[int, tuple[int, int]]) -> list[Hit]:
    """Hits for the values (slot index -> span in the contract) that do not answer their blank."""
    norm, tnorm = doc.norm, template.document.norm
    still_blank = None
    hits = []
    for index, (start, end) in sorted(values.items(), key=lambda kv: kv[1]):
        slot = template.slots[index]
        if slot.kind == "choice":  # the box ticked before the option kept is part of the answer
            while start > 0 and norm[start - 1] in slot_kinds.BOX_MARKS + " \u3000":
                start -= 1
        value = slot_kinds.clean(norm[start:end])
        wrong = slot_kinds.problem(slot, value) if value else None
        broken = value and not wrong and slot_kinds.broken(slot, value)
        if not wrong and not broken:
            continue
        left_as_is = _compared(norm[start:end]).rstrip("%％‰") == _compared(tnorm[slot.start:slot.end])
        if left_as_is or not _BLANK_CHARS.sub("", norm[start:end]):
            continue
        if still_blank is None:  # the contract's blanks, found only when a value fails
            still_blank = [(b.start, b.end) for b in blank_finder.find(doc, template.blank_params)]
        if any(s < max(end, start + 1) and start < e for s, e in still_blank):
            continue
        found = {"label": slot.label, "value": value, "kind": slot_kinds.KIND_NAMES[slot.kind], "tclause": slot.clause}
        if broken:
            found["constraint"] = slot.constraint.describe()
            if slot.unit and not value.endswith(slot.unit):
                found["value"] = value + slot.unit  # 1 typed before 年: the value read is 1年
        hits.append(Hit(start, end, "constraint" if broken else None, found, None, _wording_of(template, slot), ()))
    return hits


def _wording_of(template: Template, slot) -> str:
    """The template's clause the blank stands in (its line, for a long one)."""
    text = template.document.text
    for pattern in template.patterns:
        unit = pattern.unit
        if any(s <= slot.start <= e for s, e in unit.pieces):
            words = " ".join(text[unit.start:unit.end].split())
            if len(words) <= 120:
                return words
    line_start, line_end = text.rfind("\n", 0, slot.start) + 1, text.find("\n", slot.end)
    return " ".join(text[line_start:line_end if line_end != -1 else len(text)].split())


def _compared(text: str) -> str:
    return slot_kinds.clean("".join(ch for ch in text if ch not in DROP_CHARS))
