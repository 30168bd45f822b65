"""Word .docx contracts.

The package is opened by readers/opc.py (relationships, odd part names) and the XML walked
with lxml: python-docx's `paragraph.text` hides what a contract reviewer needs (it drops runs
inside tracked insertions, knows nothing of auto-numbering, text boxes or field results, and
reads tables one level deep), and building its object model cost more than all our reading.

What the text view holds, in document order:
- headers (part "header"), then the body, then footers (part "footer");
- each paragraph as one line; a table cell's paragraphs as lines of their own (part "table",
  with the cell's table/row/column), nested tables included; text boxes after the paragraph
  that anchors them (part "textbox");
- the accepted view of tracked changes: w:ins and w:moveTo kept, w:del and w:moveFrom dropped;
- field results (what Word shows, e.g. «Name» for a MERGEFIELD), never field instructions;
- underlined runs of spaces as "_" of the same length: that is how templates draw a blank,
  and keeping the length keeps every character mapped to its run.
The auto-number Word shows before a paragraph is the block's `label`, not text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..model import BODY, FOOTER, HEADER, TABLE, TEXTBOX, Block, Cell, Comment, Revision, RunPiece
from .numbering import Numbering
from .opc import SAFE_PARSER, Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_COMMENT_MARKS = {W + "commentRangeStart", W + "commentRangeEnd"}

# Elements whose children are read as if they were the paragraph's own runs.
_INLINE_CONTAINERS = {W + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "sdt", "sdtContent",
                                      "customXml", "fldSimple", "bdo", "dir")}
_SKIPPED = {W + "del", W + "moveFrom"}
_INSERTED = {W + "ins", W + "moveTo"}
_BLOCK_CONTAINERS = {W + t for t in ("sdt", "sdtContent", "customXml")}
_BLANK_CHARS = " \u3000\u00a0\t"
# Checkbox glyphs drawn with symbol fonts (w:sym), by character code.
_SYMBOLS = {"F0A8": "□", "F06F": "□", "F0A3": "□", "F071": "□", "F0FE": "☑", "F052": "☑",
            "F0FD": "☒", "F054": "☒", "F0FC": "√", "F0D6": "☑"}


@dataclass
class _Text:
    """The text view being assembled."""

    pieces: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    pos: int = 0

    def add_block(self, text: str, part: str, label: str | None, cell: Cell | None,
                  runs: list[tuple[int, int, str, int, int, int]], underlined: list[tuple[int, int]]) -> int:
        """Append a block; returns its start offset."""
        if self.blocks:
            self.pieces.append("\n")
            self.pos += 1
        start = self.pos
        pieces = tuple(RunPiece(start + a, start + b, xml_part, p, r, o) for a, b, xml_part, p, r, o in runs)
        spans = tuple((start + a, start + b) for a, b in _merge(underlined))
        self.blocks.append(Block(start, start + len(text), part, label, cell, pieces, spans))
        self.pieces.append(text)
        self.pos += len(text)
        return start


class DocxReader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.main = package.main_document()
        # numbering.xml and styles.xml are parsed when the first paragraph needs them
        self._numbering: Numbering | None = None
        self._style_numpr: dict[str, tuple[str, int]] | None = None
        self.out = _Text()
        self.tables = 0
        # comment id -> start / end offset in the text view (from w:commentRangeStart/End)
        self.comment_start: dict[str, int] = {}
        self.comment_end: dict[str, int] = {}
        self.revisions: list[Revision] = []

    @property
    def numbering(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering.from_xml(self._related_xml("numbering"))
        return self._numbering

    @property
    def style_numpr(self) -> dict[str, tuple[str, int]]:
        """Paragraph styles that number their paragraphs (none in most templates, whose
        styles.xml is then never parsed)."""
        if self._style_numpr is None:
            styles = self._related_blob("styles")
            self._style_numpr = _style_numbering(etree.fromstring(styles, SAFE_PARSER)) \
                if styles and b"numPr" in styles else {}
        return self._style_numpr

    def _related_blob(self, kind: str) -> bytes | None:
        parts = self.package.related(self.main, kind)
        return self.package.blob(parts[0]) if parts else None

    def _related_xml(self, kind: str):
        parts = self.package.related(self.main, kind)
        return self.package.xml(parts[0]) if parts else None

    def read(self) -> tuple[str, list[Block]]:
        headers = self.package.related(self.main, "header")
        footers = self.package.related(self.main, "footer")
        for name in sorted(headers, key=_natural):
            self._container(self.package.xml(name), HEADER, name)
        body = self.package.xml(self.main).find(W + "body")
        if body is not None:
            self._container(body, BODY, self.main)
        for name in sorted(footers, key=_natural):
            self._container(self.package.xml(name), FOOTER, name)
        return "".join(self.out.pieces), self.out.blocks

    def comments(self) -> list[Comment]:
        """Word comments with the span of text they are anchored on (after read())."""
        root = self._related_xml("comments")
        if root is None:
            return []
        found = []
        for comment in root.iter(W + "comment"):
            cid = comment.get(W + "id")
            if cid not in self.comment_start:
                continue
            start = self.comment_start[cid]
            end = max(start, self.comment_end.get(cid, start))
            text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in comment.iter(W + "p"))
            found.append(Comment(start, end, text.strip(), comment.get(W + "author") or ""))
        return sorted(found, key=lambda c: (c.start, c.end))

    def _container(self, root, part: str, xml_part: str) -> None:
        # Paragraph ordinals are per XML part, in document order: the key to find a run again.
        ordinals = {p: i for i, p in enumerate(root.iter(W + "p"))}
        self._children(root, part, xml_part, ordinals, None)

    def _children(self, parent, part, xml_part, ordinals, cell: Cell | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, part, xml_part, ordinals, cell)
            elif tag == W + "tbl":
                self._table(child, xml_part, ordinals, part)
            elif tag in _BLOCK_CONTAINERS:
                self._children(child, part, xml_part, ordinals, cell)

    def _table(self, tbl, xml_part, ordinals, outer_part: str) -> None:
        table_id = self.tables
        self.tables += 1
        part = outer_part if outer_part in (HEADER, FOOTER) else TABLE
        for r, tr in enumerate(tbl.iterchildren(W + "tr")):
            before = tr.find(f"{W}trPr/{W}gridBefore")
            col = _int(before.get(W + "val")) if before is not None else 0
            for tc in _row_cells(tr):
                props = tc.find(W + "tcPr")
                span, merged = 1, False
                if props is not None:
                    grid = props.find(W + "gridSpan")
                    if grid is not None and (grid.get(W + "val") or "1").isdigit():
                        span = max(1, int(grid.get(W + "val")))
                    vmerge = props.find(W + "vMerge")
                    merged = vmerge is not None and vmerge.get(W + "val", "continue") != "restart"
                self._children(tc, part, xml_part, ordinals, Cell(table_id, r, col, merged))
                col += span

    def _paragraph(self, p, part, xml_part, ordinals, cell: Cell | None) -> None:
        runs: list[tuple[int, int, str, int, int, int]] = []
        underlined: list[tuple[int, int]] = []
        texts: list[str] = []
        textboxes: list = []
        length = 0
        para_no = ordinals.get(p, -1)
        marks: list[tuple[str, str, int]] = []
        revisions: list[tuple[str, int, int, str]] = []  # (kind, start, end, author) in the paragraph
        run_no = 0
        for underlined_run, chunk, mark, inserted_by in self._run_texts(p, textboxes):
            if mark is not None:
                if mark[0] == "delete":
                    revisions.append(("delete", length, length, mark[1]))
                else:
                    marks.append((*mark, length))
                continue
            if inserted_by is not None and chunk:
                last = revisions[-1] if revisions else None
                if last and last[0] == "insert" and last[2] == length and last[3] == inserted_by:
                    revisions[-1] = ("insert", last[1], length + len(chunk), inserted_by)
                else:
                    revisions.append(("insert", length, length + len(chunk), inserted_by))
            if chunk:
                runs.append((length, length + len(chunk), xml_part, para_no, run_no, 0))
                if underlined_run:
                    underlined.append((length, length + len(chunk)))
                texts.append(chunk)
                length += len(chunk)
            run_no += 1
        text = "".join(texts)
        props = p.find(W + "pPr")
        mark_deleted = props is not None and props.find(f"{W}rPr/{W}del") is not None
        if not (mark_deleted and not text.strip()):
            label = self._label(props)
            start = self.out.add_block(text, part, label, cell, runs, underlined)
            for kind, cid, offset in marks:
                (self.comment_start if kind == "start" else self.comment_end).setdefault(cid, start + offset)
            self.revisions.extend(Revision(kind, start + a, start + b, who) for kind, a, b, who in revisions)
        for box in textboxes:
            self._children(box, TEXTBOX, xml_part, ordinals, None)

    def _label(self, props) -> str | None:
        num_id, ilvl = None, 0
        if props is not None:
            numpr = props.find(W + "numPr")
            if numpr is not None:
                num_el, lvl_el = numpr.find(W + "numId"), numpr.find(W + "ilvl")
                num_id = num_el.get(W + "val") if num_el is not None else None
                ilvl = _int(lvl_el.get(W + "val") if lvl_el is not None else "0")
            if num_id is None:
                style = props.find(W + "pStyle")
                if style is not None and style.get(W + "val") in self.style_numpr:
                    num_id, style_lvl = self.style_numpr[style.get(W + "val")]
                    if numpr is None or numpr.find(W + "ilvl") is None:
                        ilvl = style_lvl
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl)

    def _run_texts(self, p, textboxes: list) -> Iterator[tuple[bool, str, tuple[str, str] | None, str | None]]:
        """(underlined?, accepted text, None, author if inside a tracked insertion) for each w:r of
        the paragraph in order, fields resolved; (False, "", (start|end, comment id), None) where a
        comment's anchor starts or ends; (False, "", ("delete", author), None) at a deletion."""
        # Fields nest: each open field is True while its instruction is being read, False once
        # its result starts. Text shows only when no open field is in its instruction.
        fields: list[bool] = []
        for run in _inline(p):
            if run.tag in _COMMENT_MARKS:
                kind = "start" if run.tag == W + "commentRangeStart" else "end"
                yield False, "", (kind, run.get(W + "id")), None
                continue
            if run.tag in _SKIPPED:
                yield False, "", ("delete", run.get(W + "author") or ""), None
                continue
            parent = run.getparent()
            inserted_by = (parent.get(W + "author") or "") if parent.tag in _INSERTED else None
            chunk: list[str] = []
            underlined = False
            for child in run:
                tag = child.tag
                if tag == W + "rPr":
                    underlined = _underlined(child)
                elif tag == W + "fldChar":
                    kind = child.get(W + "fldCharType")
                    if kind == "begin":
                        fields.append(True)
                    elif kind == "separate" and fields:
                        fields[-1] = False
                    elif kind == "end" and fields:
                        fields.pop()
                elif any(fields):
                    continue
                elif tag == W + "t":
                    chunk.append(child.text or "")
                elif tag == W + "tab" or tag == W + "ptab":
                    chunk.append("\t")
                elif tag in (W + "br", W + "cr"):
                    chunk.append("\n")
                elif tag == W + "noBreakHyphen":
                    chunk.append("-")
                elif tag == W + "sym":
                    chunk.append(_SYMBOLS.get((child.get(W + "char") or "").upper()[-4:], ""))
                elif tag in (W + "drawing", W + "pict") or tag == MC + "AlternateContent":
                    textboxes.extend(_textboxes(child))
            text = "".join(chunk)
            if underlined and text and all(ch in _BLANK_CHARS for ch in text):
                text = "_" * len(text)
            yield underlined, text, None, inserted_by


def _natural(name: str) -> tuple:
    """header2.xml before header10.xml."""
    digits = "".join(ch for ch in name if ch.isdigit())
    return (name.rstrip("0123456789.xml"), int(digits) if digits else 0)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def accepted_runs(p) -> Iterator:
    """The w:r elements of a paragraph that the text view is built from, in the order RunPiece.run
    counts them: runs inside w:del/w:moveFrom skipped, mc:Choice taken, mc:Fallback skipped."""
    return _runs(p)


def _runs(p) -> Iterator:
    return (element for element in _inline(p) if element.tag == W + "r")


def _inline(p) -> Iterator:
    """The runs of a paragraph in reading order, with the comment anchors and tracked deletions
    between them (the caller skips what it does not need)."""
    for child in p:
        tag = child.tag
        if tag == W + "r" or tag in _COMMENT_MARKS or tag in _SKIPPED:
            yield child  # a deletion is yielded whole, as a marker: its text is not in the view
        elif tag in _INLINE_CONTAINERS:
            yield from _inline(child)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                yield from _inline(choice)


def _textboxes(el) -> list:
    if el.tag == MC + "AlternateContent":
        choice = el.find(MC + "Choice")
        el = choice if choice is not None else el.find(MC + "Fallback")
        if el is None:
            return []
    return [box for box in el.iter(W + "txbxContent")
            if not any(a.tag == W + "txbxContent" for a in box.iterancestors())]


def _row_cells(tr) -> Iterator:
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _row_cells(child)


def _underlined(props) -> bool:
    """Whether run properties (w:rPr) underline the run."""
    u = props.find(W + "u")
    return u is not None and u.get(W + "val", "single") not in ("none", "0", "false")


def _style_numbering(styles) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, ilvl) for paragraph styles that carry numbering, through basedOn."""
    if styles is None:
        return {}
    own: dict[str, tuple[str | None, int]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        sid = style.get(W + "styleId")
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            num_el, lvl_el = numpr.find(W + "numId"), numpr.find(W + "ilvl")
            own[sid] = (num_el.get(W + "val") if num_el is not None else None,
                        _int(lvl_el.get(W + "val") if lvl_el is not None else "0"))
        base = style.find(W + "basedOn")
        if base is not None:
            based[sid] = base.get(W + "val")
    resolved = {}
    for sid in set(own) | set(based):
        seen, cur = set(), sid
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur)
        if cur in own and own[cur][0] and own[cur][0] != "0":
            resolved[sid] = own[cur]
    return resolved


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0





def read_docx(source) -> tuple[str, list[Block], list[Comment], list[Revision]]:
    """The text view of a .docx (a path or a binary file object)."""
    reader = DocxReader(Package.open(source))
    text, blocks = reader.read()
    return text, blocks, reader.comments(), reader.revisions
