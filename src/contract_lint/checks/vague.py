"""Kind `vague-standard`: a standard with no measurable threshold, where it decides money.

params: `vague` (the wordings of a standard that cannot be measured: 持续稳定增长, 达到预期),
`measurable` (a threshold or method in the same clause segment, or the one after it, makes it
measurable: 不低于10%, 以附件一为准), `consequence` (the same sentence ties it to payment, a
bonus, a penalty or termination, or the next one does, opening on the failure: "…访问体验良好；
达不到的，甲方有权扣减") and `decisive` (a clause heading or lead that makes the standard decisive
by itself: 交付标准, 验收标准, 考核). One finding per vague wording, from where the standard is first
stated in its clause ("应保持良性增长；连续两个周期未实现良性增长的，甲方有权解除").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any

_SEGMENT_END = "，,；;。\n"
_MEASURE_ON = regex(r"增幅|增长率|提升率|不低于|不少于|不超过|不高于|达到\S{0,6}\d|以[^，。；\n]{1,20}为准"
                         r"|具体(?:为|标准)")
# a sentence that opens on failing the standard before it ties money or termination to it
_ON_FAILING = regex(r"[\s（(\d.、]*(?:如|若|凡|一旦)?(?:乙方)?"
                         r"(?:达不到|未达到|未能达到|不能达到|不符合|不满足|未满足|"
                         r"未实现|未能实现|否则|未达标|不达标|无法达到)")


def prepare(params: dict) -> dict:
    return {key: compile_any(params[key]) for key in ("vague", "measurable", "consequence", "decisive")}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    found: list[tuple[re.Match, tuple[int, int], str | None]] = []
    stated: dict[tuple[str | None, str], int] = {}  # (clause, wording) -> where it is first written
    for m in p["vague"].finditer(text):
        left, right = _segment(text, m.start(), m.end())
        if p["measurable"].search(text, left, right):
            continue
        if right < len(text) and text[right] in "，,":  # "应持续增长，增幅不低于5%": the next segment,
            after = _segment(text, right + 1, right + 1)[1]  # when it goes on to measure the standard
            if _MEASURE_ON.search(text, right + 1, after):
                continue
        s_start, s_end = doc.sentence_at(m.start())
        clause = doc.clause_label(m.start())
        stated.setdefault((clause, m.group(0)), m.start())
        if p["consequence"].search(text, s_start, s_end) or _decisive(doc, m.start(), p) \
                or _failing_costs(doc, s_end, p):
            found.append((m, (s_start, s_end), clause))
    # one finding per defect: the same wording twice in a clause, or several vague wordings of one
    # standard in one sentence (美观大方、整体效果达到甲方满意), are one, spanning them
    merged: list[list] = []
    for m, sentence, clause in found:
        last = merged[-1] if merged else None
        if last and last[2] == sentence:
            last[1] = max(last[1], m.end())
            continue
        if last and last[3] == clause and last[4] == m.group(0):
            continue  # the same wording again in its clause: reported where it is first stated
        first = stated[clause, m.group(0)]
        merged.append([first, m.end() if first == m.start() else first + len(m.group(0)), sentence, clause,
                       m.group(0)])
    for start, end, _sentence, _clause, wording in merged:
        yield Hit(start, end, values={"match": wording})


def _failing_costs(doc: Document, sentence_end: int, p: dict) -> bool:
    """Does the next sentence open on failing the standard and tie a consequence to it?"""
    text = doc.norm
    start = sentence_end
    while start < len(text) and text[start] in "。；;\n \u3000":
        start += 1
    if start >= len(text) or not _ON_FAILING.match(text, start):
        return False
    s_start, s_end = doc.sentence_at(start)
    return bool(p["consequence"].search(text, s_start, s_end))


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in _SEGMENT_END:
        left -= 1
    right = end
    while right < len(text) and text[right] not in _SEGMENT_END:
        right += 1
    return left, right


def _decisive(doc: Document, offset: int, p: dict) -> bool:
    """Is the offset inside a clause whose heading makes it a delivery, acceptance or KPI standard?"""
    clause = doc.clause_at(offset)
    while clause is not None:  # the clause and its ancestors, along the outline
        current, clause = clause, (doc.clauses[clause.parent] if clause.parent is not None else None)
        if current.kind in ("preamble", "signature"):
            continue
        head_end = doc.text.find("\n", current.start)
        heading = doc.text[current.start: head_end if head_end != -1 else current.end]
        if p["decisive"].search(current.title or "") or p["decisive"].search(heading[:40]):
            return True
    return False
