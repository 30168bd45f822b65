"""Deterministic generator of messy-but-real Word documents for tests and the sample corpus.

Real .docx files are not "one paragraph = one run of text": Word splits text into many runs
with meaningless property changes, draws fill-in blanks as underlined spaces, keeps clause
numbers in numbering.xml instead of the text, and stores tracked changes, fields, comments,
text boxes, headers and footers in places a naive reader misses.  This module builds such
documents from a small API so the reader of contract-lint can be tested against them::

    d = Doc()
    num = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.para("服务合同", bold=True, align="center")
    d.para("服务内容", num=(num, 0))
    d.para("乙方应于", Blank(6), "日内交付", Ins("全部"), "成果", Del("草稿"), "。", num=(num, 1))
    d.table([["甲方", "", "乙方", ""], [MERGED, "地址", Cell("x", span=2)]])
    d.header("保密"); d.footer("第 1 页"); d.textbox("备注")
    d.save("out.docx")

The same calls always give byte-identical files (fixed dates, fixed zip timestamps, run
splits seeded by a digest of the text rather than Python's per-process randomized hash()).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Twips
from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Fixed metadata so two builds are byte-identical.
FIXED_DATE = dt.datetime(2024, 1, 1, 9, 0, 0)
REVISION_DATE = "2024-01-02T09:00:00Z"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
DEFAULT_AUTHOR = "审阅人"


def q(tag: str) -> str:
    """'w:p' -> '{namespace}p' (lxml's Clark notation)."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: object):
    """Create element `tag` (appended to `parent` when given); attrs named like w_val."""
    node = etree.Element(q(tag)) if parent is None else etree.SubElement(parent, q(tag))
    for name, value in attrs.items():
        prefix, local = name.split("_", 1)
        node.set(q(f"{prefix}:{local}"), str(value))
    if text is not None:
        node.text = text
        if text != text.strip():  # Word drops unprotected leading/trailing spaces
            node.set(XML_SPACE, "preserve")
    return node


def digest(text: str) -> bytes:
    """Stable per-text seed (Python's hash() of str is randomized per process)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


# --------------------------------------------------------------------------- piece types


@dataclass(frozen=True)
class Text:
    """Plain, bold and/or underlined text. Underlined non-space text is ordinary text."""

    text: str
    bold: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Blank:
    """A fill-in line: one underlined run of `width` spaces, as templates draw it."""

    width: int


@dataclass(frozen=True)
class Ins:
    """Tracked insertion: belongs to the accepted text."""

    text: str
    author: str = DEFAULT_AUTHOR


@dataclass(frozen=True)
class Del:
    """Tracked deletion (w:delText): not part of the accepted text."""

    text: str
    author: str = DEFAULT_AUTHOR


@dataclass(frozen=True)
class MergeField:
    """MERGEFIELD showing «name»; complex field (fldChar/instrText) unless simple=True."""

    name: str
    simple: bool = False


@dataclass(frozen=True)
class Comment:
    """`anchor` text in the paragraph with a Word comment `note` attached to it."""

    anchor: str
    note: str
    author: str = DEFAULT_AUTHOR


Piece = str | Text | Blank | Ins | Del | MergeField | Comment


@dataclass(frozen=True)
class Numbering:
    """A w:num instance (numId) of an abstract numbering definition."""

    num_id: int
    abstract_id: int


@dataclass(frozen=True)
class Level:
    """One level of a numbering: numFmt, lvlText (%1 = level 0's number…), start.

    legal=True sets w:isLgl (all levels shown as arabic digits), needed for `%1.%2`
    under a chineseCounting level 0, otherwise Word shows 一.1.
    """

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False
    suffix: str = "space"  # tab | space | nothing: what separates the number from the text
    indent: int = 0  # left indent in twips


@dataclass(frozen=True)
class Para:
    """A paragraph that is not written straight into the body: a table cell, a text box."""

    pieces: tuple[Piece, ...]
    style: str | None = None
    num: Numbering | tuple[Numbering, int] | None = None
    align: str | None = None
    bold: bool = False
    size: int | None = None  # half-points, e.g. 32 = 16pt


def para(*pieces: Piece, **kw) -> Para:
    """Para built like Doc.para(), for cells and text boxes."""
    return Para(tuple(pieces), **kw)


@dataclass(frozen=True)
class Table:
    """A table; rows hold cell values (see CellValue). Usable as a cell value (nesting)."""

    rows: tuple[tuple[CellValue, ...], ...]


@dataclass(frozen=True)
class Cell:
    """A cell with several blocks and/or a horizontal merge (w:gridSpan)."""

    blocks: tuple[Piece | Para | Table, ...]
    span: int = 1

    def __init__(self, *blocks: Piece | Para | Table, span: int = 1):
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "span", span)


@dataclass(frozen=True)
class _Merged:
    """Sentinel type: this cell continues the vertical merge of the cell above."""


MERGED = _Merged()
CellValue = Piece | Para | Table | Cell | _Merged  # a Piece = a one-piece paragraph


def table(rows) -> Table:
    """Table from nested lists."""
    return Table(tuple(tuple(row) for row in rows))


# --------------------------------------------------------------------------- run splitting

# Property sets Word leaves behind on runs after editing; none of them changes the text.
# A callable gets the run's base props so it never contradicts them (no w:b=0 on bold runs).
_NOISE = (
    lambda base: {},
    lambda base: {"w:rFonts": {"w_hint": "eastAsia"}},
    lambda base: {"w:rFonts": {"w_eastAsia": "宋体"}, "w:lang": {"w_eastAsia": "zh-CN"}},
    lambda base: {"w:bCs": {}} if "w:b" in base else {"w:b": {"w_val": "0"}},
    lambda base: {"w:szCs": {"w_val": "21"}, "w:noProof": {}},
)

# Schema order of w:rPr children (Word rejects out-of-order properties).
_RPR_ORDER = (
    "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline "
    "w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color "
    "w:spacing w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd "
    "w:fitText w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish"
).split()


def split_points(text: str) -> list[int]:
    """1–3 cut positions derived from the text's digest, anywhere (often mid-word)."""
    if len(text) < 2:
        return []
    h = digest(text)
    cuts = {1 + int.from_bytes(h[1 + 2 * i : 3 + 2 * i], "big") % (len(text) - 1)
            for i in range(1 + h[0] % 3)}
    return sorted(cuts)


def split_text(text: str, enabled: bool = True) -> list[str]:
    """The text cut at split_points(); joining the parts gives the text back."""
    if not enabled:
        return [text]
    bounds = [0, *split_points(text), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _rpr(run: etree._Element, props: dict[str, dict]) -> None:
    if not props:
        return
    rpr = el(run, "w:rPr")
    for tag in sorted(props, key=_RPR_ORDER.index):
        el(rpr, tag, **props[tag])


# --------------------------------------------------------------------------- the document


class Doc:
    """A Word document under construction; every method appends at the end."""

    def __init__(self, split: bool = True, title: str = ""):
        self.split = split  # split every text into several runs with noise properties
        self.document = docx.Document()
        self._body = self.document.element.body
        self._ids = 0  # w:id of ins/del and docPr ids
        self._comment_ids = 0
        self._header_used = self._footer_used = False
        self._setup(title)

    def _setup(self, title: str) -> None:
        """A4 page, Chinese default font, fixed core properties."""
        section = self.document.sections[0]
        section.page_width, section.page_height = Twips(11906), Twips(16838)
        section.left_margin = section.right_margin = Twips(1800)
        rpr = self.document.styles["Normal"].element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(q("w:eastAsia"), "宋体")
        props = self.document.core_properties
        props.created = props.modified = props.last_printed = FIXED_DATE
        props.author = props.last_modified_by = "contract-lint docxgen"
        props.title, props.revision = title, 1

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    # ----------------------------------------------------------------- block-level API

    def para(self, *pieces: Piece, **kw) -> etree._Element:
        """Append a body paragraph; keywords as in Para (style, num, align, bold, size)."""
        return self._append_block(self._paragraph(None, Para(tuple(pieces), **kw)))

    def table(self, rows, widths: list[int] | None = None) -> etree._Element:
        """Append a table: rows of str / Para / Table / Cell / MERGED values."""
        value = rows if isinstance(rows, Table) else table(rows)
        return self._append_block(self._table(None, value, widths, 8300))

    def header(self, *pieces: Piece, **kw) -> etree._Element:
        """Append a paragraph to the section's default header."""
        root = self.document.sections[0].header.part.element
        if not self._header_used:  # python-docx starts headers with one empty paragraph
            root.remove(root[0])
            self._header_used = True
        return self._paragraph(root, Para(tuple(pieces), **kw))

    def footer(self, *pieces: Piece, **kw) -> etree._Element:
        """Append a paragraph to the section's default footer."""
        root = self.document.sections[0].footer.part.element
        if not self._footer_used:
            root.remove(root[0])
            self._footer_used = True
        return self._paragraph(root, Para(tuple(pieces), **kw))

    def textbox(self, *paras: str | Para, kind: str = "both") -> etree._Element:
        """Append a paragraph holding a text box with `paras`.

        kind: "vml" (w:pict/v:textbox), "drawing" (w:drawing/wps:txbx) or "both", which is
        what Word 2010+ writes: mc:AlternateContent with the drawing as mc:Choice and the
        VML as mc:Fallback, so the box's text is present TWICE in document.xml.
        """
        p = self._append_block(el(None, "w:p"))
        run = el(p, "w:r")
        contents = [x if isinstance(x, Para) else Para((x,)) for x in paras]
        if kind == "vml":
            self._vml_box(run, contents)
        elif kind == "drawing":
            self._drawing_box(run, contents)
        elif kind == "both":
            alt = etree.SubElement(run, q("mc:AlternateContent"),
                                   nsmap={"mc": NS["mc"], "wps": NS["wps"]})
            choice = el(alt, "mc:Choice")
            choice.set("Requires", "wps")  # unqualified attribute, as Word writes it
            self._drawing_box(choice, contents)
            self._vml_box(el(alt, "mc:Fallback"), contents)
        else:
            raise ValueError(f"unknown text box kind {kind!r}")
        return p

    # ----------------------------------------------------------------- numbering & styles

    def numbering(self, levels: list[Level]) -> Numbering:
        """Define an abstractNum with `levels` and a w:num using it."""
        root = self.document.part.numbering_part.element
        abstract_id = 1 + max((int(x.get(q("w:abstractNumId")))
                               for x in root.iterfind(q("w:abstractNum"))), default=-1)
        abstract = el(None, "w:abstractNum", w_abstractNumId=abstract_id)
        el(abstract, "w:nsid", w_val=digest(f"nsid{abstract_id}").hex()[:8].upper())
        el(abstract, "w:multiLevelType", w_val="multilevel")
        for ilvl, level in enumerate(levels):
            _level_xml(abstract, ilvl, level)
        # Schema: every abstractNum precedes every num.
        first_num = root.find(q("w:num"))
        if first_num is None:
            root.append(abstract)
        else:
            first_num.addprevious(abstract)
        return self._num(abstract_id, {})

    def restart(self, numbering: Numbering, level: int = 0, start: int = 1) -> Numbering:
        """A new w:num on the same abstractNum with w:lvlOverride/w:startOverride."""
        return self._num(numbering.abstract_id, {level: start})

    def _num(self, abstract_id: int, overrides: dict[int, int]) -> Numbering:
        root = self.document.part.numbering_part.element
        num_id = 1 + max((int(x.get(q("w:numId"))) for x in root.iterfind(q("w:num"))),
                         default=0)
        num = el(root, "w:num", w_numId=num_id)
        el(num, "w:abstractNumId", w_val=abstract_id)
        for ilvl, start in sorted(overrides.items()):
            el(el(num, "w:lvlOverride", w_ilvl=ilvl), "w:startOverride", w_val=start)
        return Numbering(num_id, abstract_id)

    def numbered_style(self, style_id: str, numbering: Numbering, level: int = 0,
                       bold: bool = False) -> str:
        """A paragraph style carrying the numbering, as real templates attach headings.

        Like Word, the style's numPr omits ilvl for level 0 and the abstractNum's level
        points back at the style with w:pStyle.  Use it with Doc.para(..., style=style_id).
        """
        style = el(self.document.styles.element, "w:style", w_type="paragraph",
                   w_customStyle=1, w_styleId=style_id)
        el(style, "w:name", w_val=style_id)
        el(style, "w:basedOn", w_val="Normal")
        el(style, "w:qFormat")
        num_pr = el(el(style, "w:pPr"), "w:numPr")
        if level:
            el(num_pr, "w:ilvl", w_val=level)
        el(num_pr, "w:numId", w_val=numbering.num_id)
        if bold:
            _rpr(style, {"w:b": {}, "w:bCs": {}})
        root = self.document.part.numbering_part.element
        lvl = root.find(f"{q('w:abstractNum')}[@{q('w:abstractNumId')}="
                        f"'{numbering.abstract_id}']/{q('w:lvl')}[@{q('w:ilvl')}='{level}']")
        anchor = next(x for x in lvl if x.tag not in (q("w:start"), q("w:numFmt")))
        anchor.addprevious(el(None, "w:pStyle", w_val=style_id))
        return style_id

    # ----------------------------------------------------------------- saving

    def to_bytes(self) -> bytes:
        """The .docx bytes, normalized so equal input gives equal bytes."""
        raw = io.BytesIO()
        self.document.save(raw)
        return normalize_zip(raw.getvalue())

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    # ----------------------------------------------------------------- builders

    def _append_block(self, block: etree._Element) -> etree._Element:
        self._body.find(q("w:sectPr")).addprevious(block)
        return block

    def _paragraph(self, parent, spec: Para) -> etree._Element:
        p = el(parent, "w:p")
        ppr = el(None, "w:pPr")
        if spec.style:
            el(ppr, "w:pStyle", w_val=spec.style)
        if spec.num is not None:
            numbering, level = spec.num if isinstance(spec.num, tuple) else (spec.num, 0)
            num_pr = el(ppr, "w:numPr")
            el(num_pr, "w:ilvl", w_val=level)
            el(num_pr, "w:numId", w_val=numbering.num_id)
        if spec.align:
            el(ppr, "w:jc", w_val=spec.align)
        if len(ppr):
            p.append(ppr)
        base: dict[str, dict] = {}
        if spec.bold:
            base.update({"w:b": {}, "w:bCs": {}})
        if spec.size:
            base.update({"w:sz": {"w_val": spec.size}, "w:szCs": {"w_val": spec.size}})
        for piece in spec.pieces:
            self._piece(p, piece, base)
        return p

    def _runs(self, parent, text: str, base: dict, text_tag: str = "w:t") -> None:
        """`text` as one or more runs with alternating noise properties."""
        h = digest(text)
        for i, part in enumerate(split_text(text, self.split)):
            run = el(parent, "w:r")
            props = dict(_NOISE[(h[0] + i) % len(_NOISE)](base)) if self.split else {}
            props.update(base)
            _rpr(run, props)
            el(run, text_tag, part)

    def _piece(self, p, piece: Piece, base: dict) -> None:
        if isinstance(piece, str):
            piece = Text(piece)
        if isinstance(piece, Text):
            props = dict(base)
            if piece.bold:
                props.update({"w:b": {}, "w:bCs": {}})
            if piece.underline:
                props["w:u"] = {"w_val": "single"}
            self._runs(p, piece.text, props)
        elif isinstance(piece, Blank):
            # One run, no noise: the blank itself must stay recognizable as N spaces.
            run = el(p, "w:r")
            _rpr(run, {**base, "w:u": {"w_val": "single"}})
            el(run, "w:t", " " * piece.width)  # el() adds xml:space="preserve"
        elif isinstance(piece, (Ins, Del)):
            tag, text_tag = ("w:ins", "w:t") if isinstance(piece, Ins) else ("w:del", "w:delText")
            wrapper = el(p, tag, w_id=self._next_id(), w_author=piece.author,
                         w_date=REVISION_DATE)
            self._runs(wrapper, piece.text, base, text_tag)
        elif isinstance(piece, MergeField):
            self._merge_field(p, piece, base)
        elif isinstance(piece, Comment):
            self._comment(p, piece, base)
        else:
            raise TypeError(f"not a paragraph piece: {piece!r}")

    def _merge_field(self, p, field_: MergeField, base: dict) -> None:
        instr, shown = f" MERGEFIELD {field_.name} ", f"«{field_.name}»"
        if field_.simple:
            self._runs(el(p, "w:fldSimple", w_instr=instr), shown, base)
            return
        for kind, text in (("begin", None), ("instr", instr), ("separate", None),
                           ("result", shown), ("end", None)):
            if kind == "instr":
                self._runs(p, text, base, "w:instrText")
            elif kind == "result":
                self._runs(p, text, base)
            else:
                run = el(p, "w:r")
                _rpr(run, base)
                el(run, "w:fldChar", w_fldCharType=kind)

    def _comment(self, p, comment: Comment, base: dict) -> None:
        cid = self._comment_ids
        self._comment_ids += 1
        el(p, "w:commentRangeStart", w_id=cid)
        self._runs(p, comment.anchor, base)
        el(p, "w:commentRangeEnd", w_id=cid)
        ref = el(p, "w:r")
        _rpr(ref, {"w:rStyle": {"w_val": "CommentReference"}})
        el(ref, "w:commentReference", w_id=cid)
        # python-docx creates /word/comments.xml with its relationship and content type on
        # first use (private accessor; its public add_comment stamps the current time).
        root = self.document.part._comments_part.element
        node = el(root, "w:comment", w_id=cid, w_author=comment.author,
                  w_date=REVISION_DATE, w_initials=comment.author[:1])
        note = el(node, "w:p")
        el(el(note, "w:r"), "w:annotationRef")
        self._runs(note, comment.note, {})

    def _cell_blocks(self, tc, value: CellValue, width: int) -> None:
        blocks = value.blocks if isinstance(value, Cell) else (value,)
        for block in blocks:
            if isinstance(block, Table):
                self._table(tc, block, None, width - 200)
            elif isinstance(block, Para):
                self._paragraph(tc, block)
            elif block != "" and not isinstance(block, _Merged):
                self._paragraph(tc, Para((block,)))  # a str or a single piece
        if len(tc) == 1 or tc[-1].tag != q("w:p"):  # a cell must end with a paragraph
            el(tc, "w:p")

    def _table(self, parent, spec: Table, widths: list[int] | None, total: int):
        grid = _grid_positions(spec)
        ncols = max(pos + _span(v) for row in grid for pos, v in row)
        widths = widths or [total // ncols] * ncols  # twips; nested tables fit their cell
        tbl = el(parent, "w:tbl")
        tbl_pr = el(tbl, "w:tblPr")
        el(tbl_pr, "w:tblStyle", w_val="TableGrid")
        el(tbl_pr, "w:tblW", w_w=sum(widths), w_type="dxa")
        el(tbl_pr, "w:tblLook", w_val="04A0")
        tbl_grid = el(tbl, "w:tblGrid")
        for w in widths:
            el(tbl_grid, "w:gridCol", w_w=w)
        for r, row in enumerate(grid):
            tr = el(tbl, "w:tr")
            for pos, value in row:
                tc = el(tr, "w:tc")
                tc_pr = el(tc, "w:tcPr")
                width = sum(widths[pos:pos + _span(value)])
                el(tc_pr, "w:tcW", w_w=width, w_type="dxa")
                if _span(value) > 1:
                    el(tc_pr, "w:gridSpan", w_val=_span(value))
                if isinstance(value, _Merged):
                    if r == 0 or not _merge_target(grid[r - 1], pos):
                        raise ValueError(f"row {r + 1}: merged cell has no cell above")
                    el(tc_pr, "w:vMerge")  # continue
                elif r + 1 < len(grid) and _is_merged_at(grid[r + 1], pos):
                    el(tc_pr, "w:vMerge", w_val="restart")
                self._cell_blocks(tc, value, width)
        return tbl

    def _vml_box(self, parent, contents: list[Para]) -> None:
        pict = etree.SubElement(parent, q("w:pict"), nsmap={"v": NS["v"], "o": NS["o"]})
        # Word defines the text-box shape type (202) next to its first use.
        shapetype = etree.SubElement(pict, q("v:shapetype"), id="_x0000_t202",
                                     coordsize="21600,21600", path="m,l,21600r21600,l21600,xe")
        shapetype.set(q("o:spt"), "202")
        etree.SubElement(shapetype, q("v:stroke"), joinstyle="miter")
        etree.SubElement(shapetype, q("v:path"), gradientshapeok="t").set(
            q("o:connecttype"), "rect")
        shape = etree.SubElement(pict, q("v:shape"))
        shape.set("id", f"TextBox{self._next_id()}")
        shape.set("type", "#_x0000_t202")
        shape.set("style", "width:300pt;height:40pt;mso-fit-shape-to-text:t")
        box = el(etree.SubElement(shape, q("v:textbox")), "w:txbxContent")
        for spec in contents:
            self._paragraph(box, spec)

    def _drawing_box(self, parent, contents: list[Para]) -> None:
        cx, cy = 3810000, 508000  # 300pt x 40pt in EMU
        drawing = el(parent, "w:drawing")
        inline = etree.SubElement(drawing, q("wp:inline"), nsmap={"wp": NS["wp"]})
        etree.SubElement(inline, q("wp:extent"), cx=str(cx), cy=str(cy))
        box_id = self._next_id()
        etree.SubElement(inline, q("wp:docPr"), id=str(box_id), name=f"Text Box {box_id}")
        graphic = etree.SubElement(inline, q("a:graphic"), nsmap={"a": NS["a"]})
        data = etree.SubElement(graphic, q("a:graphicData"), uri=NS["wps"])
        wsp = etree.SubElement(data, q("wps:wsp"), nsmap={"wps": NS["wps"]})
        etree.SubElement(wsp, q("wps:cNvSpPr"), txBox="1")
        sp_pr = etree.SubElement(wsp, q("wps:spPr"))
        xfrm = etree.SubElement(sp_pr, q("a:xfrm"))
        etree.SubElement(xfrm, q("a:off"), x="0", y="0")
        etree.SubElement(xfrm, q("a:ext"), cx=str(cx), cy=str(cy))
        etree.SubElement(etree.SubElement(sp_pr, q("a:prstGeom"), prst="rect"), q("a:avLst"))
        line = etree.SubElement(sp_pr, q("a:ln"), w="6350")  # a visible frame
        etree.SubElement(etree.SubElement(line, q("a:solidFill")), q("a:srgbClr"), val="000000")
        box = el(etree.SubElement(wsp, q("wps:txbx")), "w:txbxContent")
        for spec in contents:
            self._paragraph(box, spec)
        body_pr = etree.SubElement(wsp, q("wps:bodyPr"), wrap="square")
        etree.SubElement(body_pr, q("a:spAutoFit"))


# --------------------------------------------------------------------------- helpers


def _level_xml(abstract, ilvl: int, level: Level) -> None:
    lvl = el(abstract, "w:lvl", w_ilvl=ilvl)
    el(lvl, "w:start", w_val=level.start)
    el(lvl, "w:numFmt", w_val=level.fmt)
    if level.legal:
        el(lvl, "w:isLgl")
    el(lvl, "w:suff", w_val=level.suffix)
    el(lvl, "w:lvlText", w_val=level.text)
    el(lvl, "w:lvlJc", w_val="left")
    el(el(lvl, "w:pPr"), "w:ind", w_left=level.indent, w_firstLine=0)


def _span(value: CellValue) -> int:
    return value.span if isinstance(value, Cell) else 1


def _grid_positions(spec: Table) -> list[list[tuple[int, CellValue]]]:
    """Each row's cells with the grid column where each starts (gridSpan shifts them)."""
    rows = []
    for row in spec.rows:
        pos, cells = 0, []
        for value in row:
            cells.append((pos, value))
            pos += _span(value)
        rows.append(cells)
    return rows


def _is_merged_at(row, pos: int) -> bool:
    return any(p == pos and isinstance(v, _Merged) for p, v in row)


def _merge_target(row, pos: int) -> bool:
    return any(p == pos for p, _ in row)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and a stable entry order.

    python-docx stamps zip entries with the current time; [Content_Types].xml goes first
    as Word does, the other parts follow sorted by name.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name))
    return out.getvalue()


__all__ = [
    "MERGED", "Blank", "Cell", "Comment", "Del", "Doc", "Ins", "Level", "MergeField",
    "Numbering", "Para", "Table", "Text", "para", "split_text", "table",
]
