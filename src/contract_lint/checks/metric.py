"""Kind `metric-definition`: a KPI used as a target but never defined.

`metrics` maps a metric's name to its aliases (ROI: ROI, 投入产出比, 投资回报率 …). A mention is a
*target use* when its own clause segment (up to the next ，；。) goes on to set a level or
attach a consequence (达到、不低于、考核、奖励、扣减 …), or a consequence comes just before it
(以ROI为考核指标). Mentions inside an example list "（如流量、转化率）" are not targets. A metric
is *defined* when some sentence names it together with how it is computed (＝, 除以, 之比,
计算公式, 是指 …), anywhere in the document. One finding per undefined metric, at its first
target use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from .common import compile_any

_EXAMPLE_PAREN = re.compile(r"[（(]\s*(?:如|例如|比如|包括|含)[^（）()\n]*[）)]")
_GLOSS = re.compile(r"\s*[（(]\s*([A-Za-z]+|[\u4e00-\u9fff]{2,8})\s*[）)]")


def prepare(params: dict) -> dict:
    metrics = {}
    for name, aliases in params["metrics"].items():
        pieces = []
        for alias in aliases:
            piece = re.escape(alias)
            if alias.isascii():  # latin acronyms: not inside a longer latin word (ROI ≠ heROIc)
                piece = rf"(?<![A-Za-z]){piece}(?![A-Za-z])"
            pieces.append(piece)
        metrics[name] = re.compile("|".join(sorted(pieces, key=len, reverse=True)), re.IGNORECASE)
    return {"metrics": metrics, "target_after": compile_any(params["target_after"]),
            "target_before": compile_any(params["target_before"]),
            "definition": compile_any(params["definition"]),
            "window": int(params.get("definition_window", 40))}


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    examples = [(m.start(), m.end()) for m in _EXAMPLE_PAREN.finditer(text)]
    mentions = _mentions(text, p["metrics"])
    for name, found in mentions.items():
        if _defined(doc, found, p):
            continue
        for start, end in found:
            if any(s <= start < e for s, e in examples):
                continue
            if _is_target(text, start, end, p):
                yield Hit(start, _with_gloss(text, end), values={"metric": name})
                break


def _mentions(text: str, metrics: dict) -> dict[str, list[tuple[int, int]]]:
    """Mentions per metric; where aliases of two metrics overlap (广告投入产出比), the longer wins."""
    spans: list[tuple[int, int, str]] = []
    for name, regex in metrics.items():
        spans.extend((m.start(), m.end(), name) for m in regex.finditer(text))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: dict[str, list[tuple[int, int]]] = {}
    last_end = -1
    for start, end, name in spans:
        if start < last_end:
            continue
        kept.setdefault(name, []).append((start, end))
        last_end = end
    return kept


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in "，,；;。\n":
        left -= 1
    right = end
    while right < len(text) and text[right] not in "，,；;。\n":
        right += 1
    return left, right


def _is_target(text: str, start: int, end: int, p: dict) -> bool:
    left, right = _segment(text, start, end)
    return bool(p["target_after"].search(text, end, right) or p["target_before"].search(text, left, start))


def _defined(doc: Document, mentions: list[tuple[int, int]], p: dict) -> bool:
    text = doc.text
    for start, end in mentions:
        _s_start, s_end = doc.sentence_at(start)
        window_end = min(s_end, end + p["window"])
        if p["definition"].search(text, end, window_end):
            return True
    return False


def _with_gloss(text: str, end: int) -> int:
    """Extend a mention over a following gloss: 投入产出比（ROI）."""
    m = _GLOSS.match(text, end)
    return m.end() if m else end
