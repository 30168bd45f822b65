"""Kind `placeholder`: blanks a template left unfilled.

Detectors run from the most specific to the most general, and each claims its span so the
same words are reported once: a blank date (`____年__月__日` is one blank, not three), bracket
blanks, empty parentheses, merge fields, underline runs, stand-ins (`XX`, `某某`), words such
as `待定`, labelled fields with nothing after them (end of line, or an empty table cell beside a
label cell) and checkbox lists with no box ticked.

Signature and seal fields (`甲方（盖章）：____`) are completed by hand at signing and are not
reported; a blank signing date is. The word lists live in the rule's YAML.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..findings import Hit
from ..model import Document
from .common import Claims, compile_any

_BLANK = r"(?:_+|＿+|[ \u3000]+|\[[^\]\n]{0,20}\]|【[^】\n]{0,20}】|［[^］\n]{0,20}］|[Xx×]{1,4})"
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}}|{_BLANK})?[ \u3000]*年[ \u3000]*"
    rf"(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|{_BLANK})?[ \u3000]*月[ \u3000]*"
    rf"(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|{_BLANK})?[ \u3000]*日")
_BRACKETED = r"\[[^\]\n]{0,20}\]|【[^】\n]{0,20}】|［[^］\n]{0,20}］"
_DATE_BRACKET = re.compile(rf"(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})[ \u3000]*年[ \u3000]*(?:{_BRACKETED})")
_FILLED = re.compile(r"\d+|[〇零一二三四五六七八九十]+")
_UNDERLINE = re.compile(r"_{2,}|＿{2,}")
# underscores, a value, underscores (a line break may split the line in a Word table cell)
_FILLED_LINE = re.compile(r"[_＿]+(?:\n[_＿]*)?(?P<value>[^_＿\s，。；;：:（）()]{1,40}(?: [^_＿\s，。；;：:]{1,40})*)"
                          r"[_＿]+")
_UNIT = re.compile(r"[元角分年月日天个份号时周条款项页次名人台件%％‰]|万元|个月|小时|工作日|自然日|个工作日|个自然日")
_SPACE_BEFORE_UNIT = re.compile(
    r"(?<=[\u4e00-\u9fff：:（(])[ \u3000]+"
    r"(?:个工作日|个自然日|个月|工作日|小时|万元|元|%|％|日|天|年|项|条|款|份|次|名|倍|(?=[（(]大写))"
    r"(?![期度龄目件数])")  # "日期", "年度", "项目" are words, not units
_MERGE = re.compile(r"«[^»\n]{1,40}»|<<[^<>\n]{1,30}>>|MERGEFIELD\s+[^\s\n]+")
_PAREN = re.compile(r"[（(]([^（）()\n]{0,30})[）)]")
_CURLY = re.compile(r"\{\{[^{}\n]{0,40}\}\}|\$\{[^{}\n]{0,40}\}")
_LATIN_TASK = re.compile(r"^\s*(?:[-*+]\s*)?\[[ xX]\]\s")
_ONLY_BLANK = re.compile(r"^[\s_＿\u3000]*$")
_DIGITS_ONLY = re.compile(r"^\s*[\d\-–—/]+\s*$")
# what may stand before a bracketed heading on its line: indentation, Markdown, a clause number
_HEADING_POSITION = re.compile(
    r"^[\s\u3000]*(?:#+\s*|[-*>]\s*|\*\*)*(?:第[^条\n]{1,5}条|\d+(?:[.．]\d+)*[.、．]?|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十\d]+[）)])?[\s\u3000]*$")
_UNTICKED, _TICKED = "□☐", "☑☒■√✓✔"


def prepare(params: dict) -> dict:
    p = dict(params)
    p["bracket_re"] = [(o, c, re.compile(f"{re.escape(o)}([^\n{re.escape(o + c)}]{{0,60}}){re.escape(c)}"))
                       for o, c in params["brackets"]]
    p["strict_brackets"] = set(params.get("strict_brackets", ["【", "〔"]))
    p["fill_cue"] = compile_any(params["fill_cues"])
    p["paren_cue"] = compile_any(params["paren_cues"])
    p["stand_in"] = compile_any(params["stand_ins"])
    p["pending"] = compile_any(params["pending_words"])
    # a label is a field when it *ends* with a field word: "甲方联系电话", not "甲方的义务"
    p["field_label"] = re.compile(f"(?:{compile_any(params['field_labels']).pattern})$")
    # a party's role is a field only on its own ("甲方（委托人）："), not "应立即通知甲方："
    p["field_label_exact"] = re.compile(f"(?:{compile_any(params['role_labels']).pattern})")
    p["signature_label"] = compile_any(params["signature_labels"])
    p["signing_block_label"] = compile_any(params["signing_block_labels"])
    p["max_label"] = int(params.get("max_label_chars", 14))
    return p


def run(doc: Document, p: dict) -> Iterator[Hit]:
    text = doc.text
    claims = Claims()
    signing = [(c.start, c.end) for c in doc.clauses if c.kind == "signature"]

    def in_signing(pos: int) -> bool:
        return any(s <= pos < e for s, e in signing)

    def signature_field(start: int) -> bool:
        """Is the blank at `start` the writing space of a signature or seal field?"""
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        label = re.split(r"[，。；;]", before)[-1]
        if p["signature_label"].search(label):
            return True
        return in_signing(start) and bool(p["signing_block_label"].search(label))

    # 1. Dates with a blank part: one finding for the whole date.
    for m in _DATE.finditer(text):
        parts = [m.group(g) for g in "ymd"]
        blank = [part is None or not _FILLED.fullmatch(part.strip() or "-") for part in parts]
        if not any(blank):
            continue
        if parts[0] is None:  # "年" with nothing before it: a blank only after a label or at line start
            prev = text[m.start() - 1] if m.start() else "\n"
            if prev not in "：:\n \u3000\t":
                continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" \u3000")))
        if parts[0] is not None and not parts[0].strip():
            start = m.start()  # a blank year drawn with spaces: the spaces are the blank
        claims.add(start, m.end(), "date")
    for m in _DATE_BRACKET.finditer(text):
        claims.add(m.start(), m.end(), "date")

    # 2. Bracketed blanks in every bracket style.
    for opener, _closer, regex in p["bracket_re"]:
        for m in regex.finditer(text):
            content = m.group(1)
            if _bracket_is_blank(text, m, opener, content, p):
                claims.add(m.start(), m.end(), "bracket")
    for m in _CURLY.finditer(text):
        claims.add(m.start(), m.end(), "bracket")

    # 3. Parentheses holding only spaces, an underline or a fill-in instruction.
    for m in _PAREN.finditer(text):
        content = m.group(1)
        if _ONLY_BLANK.match(content) or p["paren_cue"].search(content):
            if _ONLY_BLANK.match(content) and signature_field(m.start()):
                continue
            claims.add(m.start(), m.end(), "bracket")

    # 4. Merge fields left in a mail-merge template.
    for m in _MERGE.finditer(text):
        claims.add(m.start(), m.end(), "merge")

    # 5. Underline blanks (typed underscores, or underlined spaces in Word). A value written on
    # the line ("__张三______", Word's "  dd  " underlined) fills it: its padding is no blank.
    filled = [m.span() for m in _FILLED_LINE.finditer(text) if not _UNIT.fullmatch(m.group("value"))]
    filled += [(s, e) for b in doc.blocks for s, e in b.underlined if text[s:e].strip("_ \u3000")]
    for m in _UNDERLINE.finditer(text):
        if any(s <= m.start() < e for s, e in filled):
            continue
        if doc.format == "md" and _markdown_rule(text, m.start()):
            continue
        if signature_field(m.start()):
            continue
        claims.add(m.start(), m.end(), "underline")

    # 5b. A number left out before its unit: "金额为 元", "第 项", "签订之日起 个工作日内".
    for m in _SPACE_BEFORE_UNIT.finditer(text):
        unit = m.group(0).strip() or "（大写）"
        claims.add(m.start(), m.end(), "number", unit=unit)

    # 6. Stand-ins for a name or number, and words that say "not decided yet".
    for m in p["stand_in"].finditer(text):
        claims.add(m.start(), m.end(), "stand_in")
    for m in p["pending"].finditer(text):
        claims.add(m.start(), m.end(), "pending")

    # 7. A labelled field with nothing after it.
    for start, end in _empty_fields(doc, p):
        label_text = text[start:end]
        if signature_field(start) or p["signature_label"].search(label_text) or \
                (in_signing(start) and p["signing_block_label"].search(label_text)):
            continue
        label = text[start:end].rstrip("：: \u3000\t")
        claims.add(start, end, "empty_field", label=label)

    # 8. A checkbox list with no box ticked.
    for start, end in _unticked_groups(doc):
        claims.add(start, end, "checkbox")

    yield from sorted(claims.hits, key=lambda h: h.start)


def _bracket_is_blank(text: str, m: re.Match, opener: str, content: str, p: dict) -> bool:
    if _DIGITS_ONLY.match(content) and content.strip():
        return False  # a document number [2025], a citation [1]
    after = text[m.end():m.end() + 1]
    if opener == "[" and after == "(":
        return False  # a Markdown link [text](url)
    line_start = text.rfind("\n", 0, m.start()) + 1
    if opener == "[" and (content.startswith("^") or _LATIN_TASK.match(text[line_start:m.end() + 1])):
        return False  # a Markdown footnote or task-list box (checkboxes are judged as a group)
    if not content.strip() or _ONLY_BLANK.match(content):
        return True
    if opener in p["strict_brackets"] and not p["fill_cue"].search(content):
        # 【重要提示】 opening a line is a heading; inside a sentence, 【电商平台】 is a blank.
        return not _HEADING_POSITION.match(text[line_start:m.start()])
    return True


def _markdown_rule(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start: line_end if line_end != -1 else len(text)]
    return bool(re.fullmatch(r"\s*(?:[_*-]\s*){3,}", line))


def _empty_fields(doc: Document, p: dict) -> Iterator[tuple[int, int]]:
    text = doc.text
    max_label = p["max_label"]
    field_re = _field_re(max_label)
    rows: dict[tuple[int, int], list] = {}
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if block.cell is not None:
            rows.setdefault((block.cell.table, block.cell.row), []).append(block)
            continue
        line = text[block.start:block.end]
        # "联系电话：" at the end of a line, or followed only by spaces and another label.
        for m in field_re.finditer(line):
            if not _is_field(m.group(1), p):
                continue
            if not line[m.end():].strip() and _value_on_next_line(text, blocks, index):
                continue
            yield block.start + m.start(1), block.start + m.end(1) + 1
    for cells in rows.values():
        cells = sorted(cells, key=lambda b: b.cell.col)
        by_col: dict[int, list] = {}
        for block in cells:
            by_col.setdefault(block.cell.col, []).append(block)
        columns = sorted(by_col)
        for left, right in itertools.pairwise(columns):
            label_blocks = [b for b in by_col[left] if text[b.start:b.end].strip()]
            right_blocks = by_col[right]
            if len(label_blocks) != 1 or any(b.cell.merged for b in right_blocks):
                continue
            if any(text[b.start:b.end].strip() for b in right_blocks):
                continue
            label_block = label_blocks[0]
            label = text[label_block.start:label_block.end].strip().rstrip("：: ")
            if len(label) <= max_label and _is_field(label, p):
                yield label_block.start, label_block.end


def _value_on_next_line(text: str, blocks, index: int) -> bool:
    """Some layouts put a field's value on the line below its label ("委托方：" / "«P1»" or
    "杭州某某公司"): a short next line that is neither a label nor a numbered heading."""
    for block in blocks[index + 1:index + 3]:
        line = text[block.start:block.end].strip()
        if not line:
            continue
        if block.cell is not None or len(line) > 40 or "：" in line or ":" in line:
            return False
        return not re.match(r"(?:第[^条]{1,5}条|\d+[.、．]|[一二三四五六七八九十]+、|[（(])", line)
    return False


def _is_field(label: str, p: dict) -> bool:
    """"委托方（甲方）" and "联系电话(手机)" are fields: the note in brackets does not count."""
    label = re.sub(r"[（(][^（）()]*[）)]$", "", label).strip()
    return bool(p["field_label"].search(label) or p["field_label_exact"].fullmatch(label))


def _field_re(max_label: int) -> re.Pattern[str]:
    return re.compile(rf"([^\s：:，。；;、]{{1,{max_label}}})[ \u3000]*[：:]([ \u3000\t]*)"
                      rf"(?=$|[ \u3000\t]+\S{{1,{max_label}}}[：:])")


def _unticked_groups(doc: Document) -> Iterator[tuple[int, int]]:
    text = doc.text
    group: list = []

    def flush() -> Iterator[tuple[int, int]]:
        if group and not any(ch in _TICKED for b in group for ch in text[b.start:b.end]):
            first = group[0]
            line = text[first.start:first.end]
            offset = min(line.index(ch) for ch in _UNTICKED if ch in line)
            yield first.start + offset, first.end
        group.clear()

    for block in doc.blocks:
        line = text[block.start:block.end]
        if not line.strip():
            continue  # a list of options may have empty lines between its items
        if any(ch in line for ch in _UNTICKED):
            starts_with_box = line.lstrip()[:1] in _UNTICKED
            if group and not starts_with_box:
                yield from flush()
            group.append(block)
            if not starts_with_box:
                yield from flush()
        else:
            yield from flush()
    yield from flush()
