"""The clause tree: which article and numbered clause every offset belongs to.

Chinese contracts number their structure in a handful of ways, mixed freely:
articles `第X条` (or, in shorter contracts, `一、`), clauses `1.1` / `2.3.1`, `（一）`, `1.`,
`(1)`, `①`. A heading's number may be typed or produced by Word's auto-numbering (the
block's label). The tree is built with a stack, like an outline: a marker of a scheme already
open closes it and opens a sibling; a new scheme opens a child.

Before the first article is the preamble (title, party block, recitals), labelled 首部; the
signing block after the last article is 签署部分.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .model import FOOTER, HEADER, Block, Clause
from .numerals import label_numbers, to_int
from .regexcache import regex
from .textview import normalise

_NUM = "[一二三四五六七八九十百零〇两\\d]"
_CN = "[一二三四五六七八九十]"
# Order matters: the first pattern that matches names the scheme.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", regex(rf"第\s*{_NUM}+\s*[章编]")),
    ("article", regex(rf"第\s*{_NUM}+\s*条")),
    ("cn_enum", regex(rf"{_CN}+\s*[、．](?!\d)")),
    ("dotted", regex(r"\d{1,2}(?:\s*[.．]\s*\d{1,2})+(?![.．]?\d)[.．]?")),
    ("num_dot", regex(r"\d{1,2}\s*[、．.](?![\d])")),
    ("cn_paren", regex(rf"[（(]\s*{_CN}+\s*[）)]")),
    ("num_paren", regex(r"[（(]\s*\d{1,2}\s*[）)]")),
    ("circled", regex(r"[①-⑳]")),
)
# All schemes in one pattern, tried in the order above (the first alternative that matches at the
# start wins, as a loop over them would): one regex call per paragraph instead of eight.
_ANY_MARKER = regex("|".join(f"(?P<{scheme}>{pattern.pattern})" for scheme, pattern in _MARKERS))
_MD_PREFIX = regex(r"^(?:\s*(?:#{1,6}\s*|>\s*|[-*+]\s+|\*\*|__))+")
# an article run into the middle of a paragraph: "…协商解决。第三条、乙方服务内容 …"
_INLINE_ARTICLE = regex(rf"(?:(?<=[。；！？\s])|(?<=^))第\s*{_NUM}+\s*条(?=[、，：\s\u4e00-\u9fff])", re.M)
_INLINE_SIGNATURE = regex(r"(?<=[。；\s])(?=(?:甲方|乙方|委托方|受托方)[^，。；\n]{0,12}(?:盖章|签章|签字|签名))")
_DOTTED_START = regex(r"\s*(\d{1,2})\.(\d{1,2})(?=[\s\u4e00-\u9fff])")
_INLINE_DOTTED = regex(r"(?<=[。；！？])\s*(\d{1,2})\.(\d{1,2})(?=[\s\u4e00-\u9fff])")
# a heading that lost its 、: "二保密条款"
_BARE_HEADING = regex(r"([一二三四五六七八九十]+)([\u4e00-\u9fff][^，。；：\n]*)$")
# "甲  方：（公章）": a letter-spaced role in a signing block
_LETTER_SPACED = regex(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")

_PARTY = ("甲方|乙方|丙方|丁方|委托方|受托方|委托人|受托人|服务方|需求方|买方|卖方|出卖人|买受人|出租方|"
          "承租方|出租人|承租人|发包方|承包方|用人单位|劳务方|雇主|合作方|披露方|接收方|双方")
SIGNATURE_LINE = regex(
    # a Markdown or text table row ("| 甲方：（盖章） | 乙方：（盖章） |") counts like a line
    rf"^[\s|]*(?:(?:{_PARTY}|法定代表人|授权代表|委托代理人|负责人|代表人?)[^\n]{{0,24}}?"
    r"(?:盖章|签章|签字|签名|公章|印章|签署)"
    # any short role followed by a seal or signature note: 承诺人（签字）, 声明人(签名)
    r"|[\u4e00-\u9fff]{1,8}[（(](?:盖章|签章|签字|签名|签字或盖章|签字并盖章|签章处)[）)]"
    r"|[（(]?\s*(?:以下|本页以下|此页|本页)\s*无正文"
    # "（下接签署页）", "以下为本合同签署页，无正文"
    r"|[（(]?\s*(?:下接|以下为本?(?:合同|协议)?的?)签署页)")


@dataclass(frozen=True)
class Marker:
    scheme: str
    label: str
    title: str


def marker_of(block_text: str, label: str | None) -> Marker | None:
    """The numbering marker a paragraph starts with, if it is a heading or numbered clause."""
    text = _MD_PREFIX.sub("", block_text).lstrip()
    if label:
        text = label + " " + text
    match = _ANY_MARKER.match(text)
    if not match:
        return None
    scheme, raw = match.lastgroup, match.group(0)
    if scheme == "dotted":
        scheme = f"dotted{raw.count('.') + raw.count('．') - (1 if raw[-1] in '.．' else 0)}"
    return Marker(scheme, _display_label(raw), _short_title(text[match.end():].strip()))


def _display_label(raw: str) -> str:
    label = re.sub(r"\s+", "", raw)
    if label[-1] in ".．" and re.fullmatch(r"\d+(?:[.．]\d+)+[.．]", label):
        label = label[:-1]
    return label.replace("．", ".")


def _short_title(title: str) -> str:
    title = title.lstrip("、.．:： \t\u3000")
    for stop in "：:。；;，,\n \u3000":  # a space ends it too: 第一条、托管内容 乙方负责……
        cut = title.find(stop)
        if cut != -1:
            title = title[:cut]
    return title[:30]


def build_clauses(text: str, blocks: list[Block] | tuple[Block, ...]) -> list[Clause]:
    """The clause tree of a text view; `text` is read through its normalised form (textview), so
    `(一)` and `（一）`, `1:` and `1：` are one scheme."""
    text = normalise(text)
    body = [b for b in blocks if b.part not in (HEADER, FOOTER)]
    if not body:
        return []
    body_end = body[-1].end
    markers: list[tuple[int, Marker]] = []  # (where the numbered paragraph starts, its marker)
    unmarked: list[tuple[int, int]] = []
    segments = list(_segments(text, body))
    for start, end, label in segments:
        marker = marker_of(text[start:end], label)
        if marker:
            markers.append((start, marker))
        else:
            unmarked.append((start, end))
    markers = _with_bare_headings(text, markers, unmarked)
    schemes = [m.scheme for _, m in markers]
    top = _top_scheme(schemes)

    # Clause ends are only known when a later marker closes them: collect open nodes in a list of
    # [kind, label, path, title, start, end, depth, parent] and freeze them at the end.
    nodes: list[list] = []
    open_stack: list[tuple[str, int]] = []  # (scheme, index into nodes)

    def close_to(depth: int, at: int) -> None:
        while len(open_stack) > depth:
            _, index = open_stack.pop()
            nodes[index][5] = min(nodes[index][5], at)

    first_top = next((at for at, m in markers if m.scheme in (top, "chapter")), None) if top else None
    if first_top is None and markers and not top:
        first_top = markers[0][0]
    preamble_end = first_top if first_top is not None else body_end
    if preamble_end > body[0].start:
        nodes.append(["preamble", "首部", "首部", "", body[0].start, preamble_end, 0, None])

    signature_start = _signature_start(text, body, segments, markers, top)
    for at, marker in markers:
        if at < preamble_end or (signature_start is not None and at >= signature_start):
            continue
        if marker.scheme in (top, "chapter"):
            close_to(0, at)
            kind = "article" if marker.scheme == top else "chapter"
            nodes.append([kind, marker.label, marker.label, marker.title, at, body_end, 0, None])
            open_stack.append((marker.scheme, len(nodes) - 1))
            continue
        open_schemes = [s for s, _ in open_stack]
        if marker.scheme in open_schemes:
            close_to(open_schemes.index(marker.scheme), at)
        parent = open_stack[-1][1] if open_stack else None
        if parent is not None and nodes[parent][0] == "chapter":
            parent = None
        path = f"{nodes[parent][2]} {marker.label}" if parent is not None else marker.label
        depth = nodes[parent][6] + 1 if parent is not None else 0
        nodes.append(["clause", marker.label, path, marker.title, at, body_end, depth, parent])
        open_stack.append((marker.scheme, len(nodes) - 1))
    if signature_start is not None:
        close_to(0, signature_start)
        nodes.append(["signature", "签署部分", "签署部分", "", signature_start, body_end, 0, None])
    close_to(0, body_end)
    return [Clause(*node) for node in nodes]


def _segments(text: str, body: list[Block]):
    """(start, end, auto-number label) of every paragraph that may carry a number: each body
    paragraph (not table cells: numbered lines in a table belong to the enclosing clause), and,
    in a paragraph that holds several articles run together (a web page that lost its line
    breaks), each article from its 第X条 on."""
    for block in body:
        if block.cell is not None:
            continue
        inline = [m.start() for m in _INLINE_ARTICLE.finditer(text, block.start, block.end)]
        if len(inline) >= 2:  # the signing block run on after the last article
            inline += [m.start() for m in _INLINE_SIGNATURE.finditer(text, inline[-1], block.end)][:1]
        else:
            inline = [block.start, *_inline_clauses(text, block.start, block.end)] if \
                _DOTTED_START.match(text, block.start, block.end) else inline
        if len(inline) < 2:
            yield block.start, block.end, block.label
            continue
        cuts = [block.start, *(i for i in inline if i > block.start), block.end]
        for i, (start, end) in enumerate(itertools.pairwise(cuts)):
            if end > start:
                yield start, end, block.label if i == 0 else None


def _inline_clauses(text: str, start: int, end: int) -> list[int]:
    """1.3 ……。1.4 ……: the clauses that follow the paragraph's own number in sequence, each after a
    full stop (a number inside a sentence, 3.5元, is none of them)."""
    first = _DOTTED_START.match(text, start, end)
    head, number = first.group(1), int(first.group(2))
    found = []
    for m in _INLINE_DOTTED.finditer(text, first.end(), end):
        if m.group(1) == head and int(m.group(2)) == number + 1:
            found.append(m.start(1))
            number += 1
    return found


def _with_bare_headings(text: str, markers: list[tuple[int, Marker]], unmarked) -> list[tuple[int, Marker]]:
    """A heading that lost the 、 after its number (二保密条款) is still the article the sequence
    expects next, when the articles are numbered 一、 二、 and the line is a short heading."""
    if _top_scheme([m.scheme for _, m in markers]) != "cn_enum" or not unmarked:
        return markers
    tops = [(at, label_numbers(m.label)) for at, m in markers if m.scheme == "cn_enum"]
    added = []
    for start, end in unmarked:
        line = text[start:end].strip()
        m = _BARE_HEADING.match(line)
        if not m or len(line) > 20:
            continue
        before = [n for at, n in tops if at < start and n]
        if before and to_int(m.group(1)) == before[-1][0] + 1:
            after = [n for at, n in tops if at > start and n]
            if not after or after[0][0] == before[-1][0] + 2:
                added.append((start, Marker("cn_enum", m.group(1) + "、", _short_title(m.group(2)))))
    return sorted(markers + added, key=lambda item: item[0])


def _top_scheme(schemes: list[str]) -> str | None:
    """The scheme of the articles: 第X条 wherever it appears, otherwise the highest scheme of the
    usual outline (一、 above （一） above 1. above 1.1) that is used at least twice."""
    if "article" in schemes:
        return "article"
    for scheme in ("cn_enum", "cn_paren", "num_dot", "dotted1"):
        if schemes.count(scheme) >= 2:
            return scheme
    return None


def _signature_start(text: str, body: list[Block], segments, markers, top: str | None) -> int | None:
    tops = [at for at, m in markers if m.scheme == top]
    after = tops[-1] if tops else body[0].start
    cells = [(b.start, b.end, None) for b in body if b.cell is not None]  # a table row of seal fields
    for start, end, _label in sorted([*segments, *cells]):
        if start < after or (tops and start == after):
            continue
        line = _LETTER_SPACED.sub("", _MD_PREFIX.sub("", text[start:end]).replace("**", ""))
        if SIGNATURE_LINE.match(line):
            return start
    return None


def marker_end(text: str) -> int:
    """How many leading characters of a paragraph (or of a clause run on inside one) its typed
    number takes: `第三条`, `1.2`, `（一）` with any Markdown before them; 0 when there is none.
    Template review skips them, since renumbering a clause does not change what it says."""
    prefix = _MD_PREFIX.match(text)
    at = prefix.end() if prefix else 0
    while at < len(text) and text[at] in " \t\u3000":
        at += 1
    found = _ANY_MARKER.match(text, at)
    return found.end() if found else 0
