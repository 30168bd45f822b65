"""Kind `metric-definition`: a KPI used as a target but never defined.

`metrics` maps a metric's name to its `kind`, its `names` and an `example` of a definition (for
the suggestion). Two kinds, defined differently:
- `ratio` (ROI, ROAS, 转化率, 客单价): a definition names what is divided by what — a formula (＝, ÷,
  除以, A/B) or words (成交金额与推广费用之比, 分子…分母);
- `amount` (GMV, 销售额, 成交额): a definition says what is summed (…订单金额之和, 扣除退款的成交
  金额合计) or where the figure is read (以生意参谋数据为准).
A metric is defined by
- a definitions clause or a parenthetical definition of the facts layer (facts.terms), under any of
  its names or the name it is written with (“社群GMV”：指…; “投入产出比”（以下简称“ROI”）);
- a parenthesis right after a mention (直播间GMV（指……订单金额……）);
- the words after a mention in its own sentence (ROI（即……除以……）不低于2.5; 转化率指下单买家数与访客数
  之比，应达到2%).
A mention is a *target use* when its clause segment (up to the next ，；。) goes on to set a level
or attach a consequence (达到、不低于、考核、奖励、扣减 …), a consequence comes just before it
(以ROI为考核指标), or, in a table, the next cells of its row do (KPI | 目标 | 未达成的处理). A mention
inside its own definition, or inside an example list "（如流量、转化率）", is not a use. One finding
per undefined metric, at its first target use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import facts
from ..findings import Hit
from ..model import Document
from ..regexcache import regex
from .common import compile_any

_EXAMPLE_PAREN = regex(r"（\s*(?:如|例如|比如|包括|含)[^（）\n]*）")
_GLOSS = regex(r"\s*（\s*([A-Za-z]+|[\u4e00-\u9fff]{2,8})\s*）")
_DEFINING_PAREN = regex(r"\s*（\s*(?:是指|系指|指|即|计算公式|=|＝)(?P<body>[^（）\n]{2,240})）")
_QUALIFIER = regex(r"[\u4e00-\u9fffA-Za-z]{1,8}$")
_DEFINES_NEXT = regex(r"\s*[，（]?\s*(?:是指|系指|指|即|定义为|计算公式|按|以)")
_BASIS_BEFORE = regex(r"(?:按照?|以|根据)[^，；。]{0,10}$")
_BASIS_AFTER = regex(r"(?:（[^（）]*）)?(?:的|之)?\s*(?:[\d.]+|[_＿]+|\[[^\]\n]*\]|【[^】\n]*】)?\s*[%％‰]"
                          r"|[^，；。]{0,4}(?:提成|计提|分成|佣金)")


def prepare(params: dict) -> dict:
    metrics = {}
    for name, spec in params["metrics"].items():
        if not isinstance(spec, dict) or spec.get("kind") not in ("ratio", "amount") or not spec.get("names"):
            raise ValueError(f"metric {name!r} needs kind (ratio | amount) and names")
        pieces = []
        for alias in spec["names"]:
            piece = re.escape(alias)
            if alias.isascii():  # latin acronyms: not inside a longer latin word (ROI ≠ heROIc)
                piece = rf"(?<![A-Za-z]){piece}(?![A-Za-z])"
            pieces.append(piece)
        metrics[name] = {"kind": spec["kind"], "names": list(spec["names"]), "example": str(spec.get("example", "")),
                         "regex": regex("|".join(sorted(pieces, key=len, reverse=True)), re.IGNORECASE)}
    return {"metrics": metrics, "target_after": compile_any(params["target_after"]),
            "target_before": compile_any(params["target_before"]),
            "level": compile_any(params["level"]),
            "defines": {kind: compile_any(params["definition"][kind]) for kind in ("ratio", "amount")},
            "window": int(params.get("definition_window", 60))}


def describe(p: dict) -> dict[str, list[str]]:
    """What `explain` lists: the metrics the rule reads, by kind."""
    kinds = {"ratio": "比率指标（需写明分子、分母）", "amount": "金额指标（需写明统计什么金额、从哪里取数）"}
    return {label: ["、".join(m["names"]) for m in p["metrics"].values() if m["kind"] == kind]
            for kind, label in kinds.items()}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.norm
    examples = [(m.start(), m.end()) for m in _EXAMPLE_PAREN.finditer(text)]
    definitions = facts.of(doc).definitions
    own = [(d.start, max(d.body_end, d.end)) for d in definitions]  # a metric inside its own definition
    for name, mentions in _mentions(text, p["metrics"]).items():
        metric = p["metrics"][name]
        defines = p["defines"][metric["kind"]]
        if _defined(doc, text, mentions, metric, defines, definitions, p):
            continue
        for start, end in mentions:
            if any(s <= start < e for s, e in examples) or any(s <= start < e for s, e in own):
                continue
            if _is_target(doc, text, start, end, p):
                yield Hit(start, _with_gloss(text, end), values={"metric": name, "example": metric["example"]})
                break


def _mentions(text: str, metrics: dict) -> dict[str, list[tuple[int, int]]]:
    """Mentions per metric; where names of two metrics overlap (广告投入产出比), the longer wins."""
    spans: list[tuple[int, int, str]] = []
    for name, metric in metrics.items():
        spans.extend((m.start(), m.end(), name) for m in metric["regex"].finditer(text))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: dict[str, list[tuple[int, int]]] = {}
    last_end = -1
    for start, end, name in spans:
        if start < last_end:
            continue
        kept.setdefault(name, []).append((start, end))
        last_end = end
    return kept


def _defined(doc: Document, text: str, mentions, metric: dict, defines, definitions, p: dict) -> bool:
    for d in definitions:
        if d.body_end > d.body_start and _names_metric(text, d, metric) \
                and defines.search(text, d.body_start, d.body_end):
            return True
    for start, end in mentions:
        paren = _DEFINING_PAREN.match(text, _with_gloss(text, end))
        if paren and defines.search(paren.group("body")):
            return True
        _s_start, s_end = doc.sentence_at(start)
        window_end = min(s_end, end + p["window"])
        # a formula (＝, ÷, 之比) defines wherever it stands; a sum (合计, 金额) only after a word that
        # defines (GMV指……金额之和): in "GMV三条合计不低于60万元" it is the target
        if p["defines"]["ratio"].search(text, end, window_end) or \
                (_DEFINES_NEXT.match(text, _with_gloss(text, end)) and defines.search(text, end, window_end)):
            return True
    return False


def _names_metric(text: str, d, metric: dict) -> bool:
    """Is the defined term one of the metric's names, or a name of it with a qualifier (社群GMV)?"""
    for term in (d.term, *d.aliases):
        for name in metric["names"]:
            if term.lower() == name.lower() or (term.lower().endswith(name.lower())
                                                and _QUALIFIER.fullmatch(term[:len(term) - len(name)])):
                return True
    return False


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in "，；。\n":
        left -= 1
    right = end
    while right < len(text) and text[right] not in "，；。\n":
        right += 1
    return left, right


def _is_target(doc: Document, text: str, start: int, end: int, p: dict) -> bool:
    left, right = _segment(text, start, end)
    if _BASIS_BEFORE.search(text, left, start) and _BASIS_AFTER.match(text, end, right) \
            and not p["level"].search(text, end, right):
        return False  # 按销售额的5%计提成: the base of a commission, not a target to reach
    if p["target_after"].search(text, end, right) or p["target_before"].search(text, left, start):
        return True
    block = doc.block_at(start)
    if block is not None and block.cell is not None:  # a KPI table: the row's next cells
        row = [b for b in doc.blocks if b.cell is not None and b.cell.table == block.cell.table
               and b.cell.row == block.cell.row and b.cell.col > block.cell.col]
        return any(p["target_after"].search(text, b.start, b.end) for b in row)
    return False


def _with_gloss(text: str, end: int) -> int:
    """Extend a mention over a following gloss: 投入产出比（ROI）."""
    m = _GLOSS.match(text, end)
    return m.end() if m else end
