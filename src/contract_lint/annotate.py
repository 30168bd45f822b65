"""A copy of a Word contract with every finding as a Word comment on exactly its words.

    annotate("合同.docx", document, findings, "合同-审阅.docx")

The document model maps every character of a .docx's text view back to its Word run
(`Block.runs`: XML part, paragraph ordinal, run ordinal, offset inside the run). This module
follows that map back into the XML:

- the runs at a finding's first and last character are split at the span's boundaries (each
  piece keeps a deep copy of the run's w:rPr, so its formatting is unchanged);
- w:commentRangeStart / w:commentRangeEnd go around the finding's runs, and a run holding
  w:commentReference after the end; this works in table cells, in text boxes and on runs
  inside tracked insertions (w:ins), which stay tracked;
- the comment itself goes into word/comments.xml (created, with its relationship and content
  type, when the input has none), after the comments already there, with an id no existing
  comment or comment marker uses.

Word does not allow comments in headers and footers: such a finding is anchored at the start of
the body, and its comment says where the words are. A finding with no words of its own (an empty
span) is anchored on the heading of its clause, or the first characters of its paragraph.

Comments add no text, so linting the copy gives the same findings as linting the original. One
exception is avoided on purpose: the reader shows an underlined run made only of spaces as "___"
(a fill-in line). Splitting "  XX公司  " (underlined) at "XX" would leave underlined runs of bare
spaces, which would read as blanks, so such a cut is not made and the comment covers the spaces
too; `Annotation.notes` says so.

The input is never written: the output may not resolve to the input, and it is written to a
temporary file in the output's folder, then moved into place (os.replace).
"""

from __future__ import annotations

import bisect
import copy
import io
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

from .files import input_clash, write_atomic
from .findings import SEVERITY_LABELS, Finding
from .model import FOOTER, HEADER, Document, RunPiece
from .readers.docx import _BLANK_CHARS, _SYMBOLS, W, _underlined, accepted_runs
from .regexcache import regex

AUTHOR = "contract-lint"
INITIALS = "CL"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FALLBACK_CHARS = 20  # how much of a heading or paragraph an anchor without words of its own covers
_XML_INVALID = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PART_NAMES = {HEADER: "页眉", FOOTER: "页脚", "textbox": "页眉或页脚的文本框"}


class AnnotateError(Exception):
    """The copy cannot be written; the message says why, in one line."""


@dataclass
class Annotation:
    """What was written: the output path, how many comments, and anything a reviewer should know."""

    path: str
    comments: int
    notes: list[str] = field(default_factory=list)


@dataclass
class _Anchor:
    finding: Finding
    start: int  # offsets into the text view; start == end: a point
    end: int
    where: str | None = None  # for a comment not on the finding's own words: why it sits here


def annotate(source_path: str | os.PathLike, document: Document, findings: list[Finding] | tuple[Finding, ...],
             output_path: str | os.PathLike) -> Annotation:
    """Write a copy of the .docx at `source_path` with one comment per finding to `output_path`.

    `document` must be what the reader made of that very file, and `findings` what the linter
    found in it. Raises AnnotateError when the copy cannot be written.
    """
    import docx  # python-docx

    source, output = Path(source_path), Path(output_path)
    check_output(output, [source])
    if document.format != "docx" or source.suffix.lower() not in (".docx", ".docm"):
        raise AnnotateError("comments can only be added to a Word .docx file")
    try:
        data = source.read_bytes()
        word = docx.Document(io.BytesIO(data))
    except OSError as exc:
        raise AnnotateError(f"cannot read {source}: {exc.strerror or exc}") from None
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise AnnotateError(f"cannot open {source} ({type(exc).__name__}: {exc})") from None

    main_name = str(word.part.partname).lstrip("/")
    body = word.element.find(W + "body")
    if body is None:
        raise AnnotateError(f"{source} has no document body")
    writer = _Writer(document, main_name, list(body.iter(W + "p")))
    anchors = [_anchor(document, finding, main_name) for finding in findings]
    notes = writer.place(anchors)
    comments = word.comments
    markers = body.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")
    used = {int(x) for x in (m.get(W + "id") or "" for m in markers) if x.isdigit()}
    used |= {c.comment_id for c in comments}
    next_id = max(used, default=-1) + 1
    for anchor, markers in zip(anchors, writer.markers, strict=True):
        comment = comments.add_comment(text=comment_text(anchor), author=AUTHOR, initials=INITIALS)
        cid = comment.comment_id
        if cid < next_id:  # python-docx counts comments.xml only; a stray marker may hold the id
            cid = next_id
            comment._comment_elm.set(W + "id", str(cid))
        next_id = cid + 1
        for marker in markers:
            marker.set(W + "id", str(cid))
    buffer = io.BytesIO()
    word.save(buffer)
    _write_atomically(output, buffer.getvalue())
    return Annotation(str(output), len(anchors), notes)


def check_output(output: str | os.PathLike, inputs: list[str | os.PathLike]) -> None:
    """Refuse an output path that is (or links to) one of the inputs."""
    out = Path(output)
    clash = input_clash(out, [str(item) for item in inputs])
    if clash:
        raise AnnotateError(f"refusing to write over the input {clash} (choose another output path)")
    if out.is_dir():
        raise AnnotateError(f"{output} is a folder (give a file name for the annotated copy)")


def plan(inputs: list[str], file: str | None = None, folder: str | None = None) -> dict[str, str]:
    """Input path -> annotated copy, for `--annotate FILE` (one .docx input) or `--annotate-dir DIR`
    (every .docx input, under DIR at its relative path, or by name when it lies outside the working
    directory). Raises AnnotateError for a request that cannot be met, before anything is linted."""
    if file and folder:
        raise AnnotateError("use either --annotate or --annotate-dir, not both")
    docx_inputs = [p for p in inputs if Path(p).suffix.lower() in (".docx", ".docm")]
    if file:
        if len(inputs) != 1 or len(docx_inputs) != 1:
            raise AnnotateError("--annotate FILE takes exactly one .docx input (use --annotate-dir DIR for several)")
        out = {docx_inputs[0]: file}
    elif folder:
        out = {}
        for path in docx_inputs:
            rel = Path(path)
            if rel.is_absolute() or ".." in rel.parts:
                rel = Path(rel.name)
            out[path] = str(Path(folder) / rel)
        seen: dict[str, str] = {}
        for path, target in out.items():
            key = os.path.normcase(os.path.abspath(target))
            if key in seen:
                raise AnnotateError(f"{seen[key]} and {path} would both be written to {target}")
            seen[key] = path
    else:
        return {}
    for target in out.values():
        check_output(target, inputs)
    return out


def comment_text(anchor: _Anchor) -> str:
    """Severity, rule id and code, message, the template's wording (template review), suggestion,
    statute: one paragraph each."""
    f = anchor.finding
    lines = [f"{SEVERITY_LABELS.get(f.severity, f.severity)} · {f.rule} ({f.code})"]
    if anchor.where:
        lines.append(anchor.where)
    lines.append(f.message)
    if f.original is not None:
        lines.append(f"模板原文：{_short(f.original, 300)}")
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    if f.statute:
        lines.append(f"依据：{f.statute}")
    text = "\n".join(" ".join(line.split("\n")) if i else line for i, line in enumerate(lines))
    return _XML_INVALID.sub("", text.replace("\r", ""))


# --------------------------------------------------------------------------- where each comment goes


def _anchor(document: Document, finding: Finding, main_name: str) -> _Anchor:
    start, end = finding.location.start, finding.location.end
    pieces = _pieces(document, start, end) if end > start else []
    if pieces and all(p.xml_part == main_name for p in pieces):
        return _Anchor(finding, start, end)
    if pieces:  # words of its own, but in a header or footer (or another part Word won't comment)
        part = _PART_NAMES.get(finding.location.part, finding.location.part)
        s, e = _body_start(document, main_name)
        return _Anchor(finding, s, e, f"位置：{part}中的“{_short(finding.text)}”（Word 不能在{part}中加批注，"
                                      "所以这条批注放在正文开头）")
    # No words of its own: the heading of its clause, else the start of its paragraph.
    clause = document.clause_at(start)
    for offset in ([clause.start] if clause else []) + [start]:
        block = document.block_at(offset)
        if block is not None and block.end > block.start and block.part not in (HEADER, FOOTER) \
                and all(p.xml_part == main_name for p in block.runs):
            what = "所在条款的标题" if clause and offset == clause.start else "所在段落的开头"
            return _Anchor(finding, block.start, min(block.end, block.start + _FALLBACK_CHARS),
                           f"位置：这个问题没有对应的具体文字，批注放在{what}。")
    s, e = _body_start(document, main_name)
    return _Anchor(finding, s, e, "位置：这个问题没有对应的具体文字，批注放在正文开头。")


def _pieces(document: Document, start: int, end: int) -> list[RunPiece]:
    out = []
    for block in document.blocks:
        if block.end < start or block.start > end:
            continue
        out.extend(p for p in block.runs if p.start < end and p.end > start)
    return out


def _body_start(document: Document, main_name: str) -> tuple[int, int]:
    """The first characters of the body's first paragraph with text, or a point before it."""
    first = None
    for block in document.blocks:
        if block.part in (HEADER, FOOTER) or not block.runs or any(p.xml_part != main_name for p in block.runs):
            continue
        first = first or block
        if document.text[block.start:block.end].strip():
            return block.start, min(block.end, block.start + _FALLBACK_CHARS)
    return (first.start, first.start) if first else (-1, -1)


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- the XML


@dataclass
class _Run:
    """A run of the input and what it shows: each child with its share of the text view."""

    paragraph: object
    element: object
    children: list[tuple[object, str]]
    text: str  # as the reader shows it ("___" for an underlined blank)
    cuts: set[int] = field(default_factory=set)
    segments: list[tuple[int, int, object]] = field(default_factory=list)  # after splitting
    # Inside a field (a merge field's «name»): the first and last element of the outermost field.
    # LibreOffice mangles a comment range inside a field result, so the range goes around it.
    field_span: tuple[object, object] | None = None


class _Writer:
    def __init__(self, document: Document, main_name: str, paragraphs: list) -> None:
        self.document = document
        self.main_name = main_name
        self.paragraphs = paragraphs
        self.runs: dict[tuple[int, int], _Run] = {}
        self.layouts: dict[int, list[_Run]] = {}
        self.markers: list[list] = []
        pieces = [p for b in document.blocks for p in b.runs if p.xml_part == main_name]
        self.pieces = sorted(pieces, key=lambda p: p.start)
        self.piece_starts = [p.start for p in self.pieces]

    # -- positions

    def _run(self, piece: RunPiece) -> _Run:
        key = (piece.paragraph, piece.run)
        if key not in self.runs:
            if not 0 <= piece.paragraph < len(self.paragraphs):
                raise AnnotateError("the document changed since it was read (a paragraph is missing)")
            layout = self.layouts.setdefault(piece.paragraph, _layout(self.paragraphs[piece.paragraph]))
            if piece.run >= len(layout):
                raise AnnotateError("the document changed since it was read (a run is missing)")
            self.runs[key] = layout[piece.run]
        run = self.runs[key]
        shown = run.text[piece.offset: piece.offset + piece.end - piece.start]
        if shown != self.document.text[piece.start:piece.end]:
            raise AnnotateError("the document changed since it was read (its text differs)")
        return run

    def _start(self, offset: int) -> tuple[_Run, int] | None:
        """The run holding the character at `offset` (or the next one), and the offset inside it."""
        i = bisect.bisect_right(self.piece_starts, offset) - 1
        for piece in self.pieces[max(i, 0):]:
            if piece.end > offset:
                return self._run(piece), piece.offset + max(offset, piece.start) - piece.start
        return None

    def _end(self, offset: int) -> tuple[_Run, int] | None:
        """The run holding the character before `offset` (or an earlier one), and the offset after it."""
        i = bisect.bisect_left(self.piece_starts, offset) - 1
        for piece in reversed(self.pieces[: i + 1]):
            if piece.start < offset:
                return self._run(piece), piece.offset + min(offset, piece.end) - piece.start
        return None

    # -- placing every anchor

    def place(self, anchors: list[_Anchor]) -> list[str]:
        notes: list[str] = []
        spans = []
        for anchor in anchors:
            first = self._start(anchor.start) if anchor.end > anchor.start else None
            last = self._end(anchor.end) if first else None
            spans.append((first, last))
            if first and last:
                for run, at in (first, last):
                    if run.field_span is None:
                        run.cuts.add(at)
                    elif 0 < at < len(run.text):
                        notes.append(f"a comment covers the whole field “{_short(run.text)}”, "
                                     "not only part of it")
        for run in self.runs.values():
            notes.extend(self._split(run))
        for anchor, (first, last) in zip(anchors, spans, strict=True):
            start_el, end_el = _marker("commentRangeStart"), _marker("commentRangeEnd")
            ref = _reference_run()
            if first and last:
                (first[0].field_span or (_segment_at(first[0], first[1], start=True),))[0].addprevious(start_el)
                (last[0].field_span or (_segment_at(last[0], last[1], start=False),))[-1].addnext(end_el)
                paragraph = last[0].paragraph
            else:
                paragraph = self._point(anchor.start)
                if paragraph is None:
                    raise AnnotateError("the document has no body paragraph to hold a comment")
                props = paragraph.find(W + "pPr")
                if props is not None:
                    props.addnext(start_el)
                else:
                    paragraph.insert(0, start_el)
                start_el.addnext(end_el)
            # The reference run goes right after the range end, outside any tracked change,
            # field or hyperlink holding it, so it is never part of someone else's revision.
            holder = end_el
            while holder.getparent() is not paragraph:
                holder = holder.getparent()
            holder.addnext(ref)
            self.markers.append([start_el, end_el, ref.find(W + "commentReference")])
        return notes

    def _point(self, offset: int):
        """The paragraph for a comment on no text: the body paragraph at `offset`, else the first."""
        block = self.document.block_at(offset) if offset >= 0 else None
        pieces = [p for p in (block.runs if block else ()) if p.xml_part == self.main_name]
        if pieces:
            return self.paragraphs[pieces[0].paragraph]
        return self.paragraphs[0] if self.paragraphs else None

    def _split(self, run: _Run) -> list[str]:
        """Split the run at its cuts; a cut that would leave an underlined run of bare spaces is skipped."""
        notes = []
        cuts = sorted(c for c in run.cuts if 0 < c < len(run.text))
        if cuts and _underlined_run(run.element) and not _blank(run.text):
            bounds = [0, *cuts, len(run.text)]
            bad = set()
            for a, b in itertools.pairwise(bounds):
                if _blank(run.text[a:b]):
                    bad.update({a, b} - {0, len(run.text)})
            if bad:
                notes.append(f"a comment also covers the underlined spaces around “{_short(run.text.strip())}”"
                             " (a run of bare underlined spaces would read as a blank to fill in)")
            cuts = [c for c in cuts if c not in bad]
        run.segments = _split_run(run, cuts)
        return notes


def _blank(text: str) -> bool:
    return bool(text) and all(ch in _BLANK_CHARS for ch in text)


def _underlined_run(r) -> bool:
    props = r.find(W + "rPr")
    return props is not None and _underlined(props)


def _segment_at(run: _Run, offset: int, start: bool):
    """The run piece that begins at (start=True) or ends at (start=False) `offset`, or the one holding it."""
    for a, b, element in run.segments:
        if (a <= offset < b) if start else (a < offset <= b):
            return element
    return run.segments[0][2] if start else run.segments[-1][2]


def _layout(p) -> list[_Run]:
    """The accepted runs of a paragraph, each child with the text it adds to the text view.

    Mirrors readers/docx.py (DocxReader._run_texts): field instructions hide their text, tabs
    and breaks are one character, an underlined run of blanks shows as underscores.
    """
    fields: list[bool] = []
    runs: list[_Run] = []
    opened: int | None = None  # index of the run where the outermost open field begins
    for r in accepted_runs(p):
        children: list[tuple[object, str]] = []
        underlined = False
        if fields and opened is None:
            opened = len(runs)
        closed = False
        for child in r:
            tag, text = child.tag, ""
            if tag == W + "rPr":
                underlined = _underlined(child)
            elif tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    if not fields and opened is None:
                        opened = len(runs)
                    fields.append(True)
                elif kind == "separate" and fields:
                    fields[-1] = False
                elif kind == "end" and fields:
                    fields.pop()
                    closed = not fields
            elif any(fields):
                pass
            elif tag == W + "t":
                text = child.text or ""
            elif tag in (W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen"):
                text = {W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}.get(tag, "\t")
            elif tag == W + "sym":
                text = _SYMBOLS.get((child.get(W + "char") or "").upper()[-4:], "")
            children.append((child, text))
        shown = "".join(t for _, t in children)
        if underlined and _blank(shown):
            shown = "_" * len(shown)
        runs.append(_Run(p, r, children, shown))
        if opened is not None and (closed or not fields):
            for run in runs[opened:]:
                run.field_span = (runs[opened].element, r)
            opened = None
    if opened is not None:  # a field that goes on into the next paragraph
        for run in runs[opened:]:
            run.field_span = (runs[opened].element, runs[-1].element)
    for run in runs:
        simple = [a for a in run.element.iterancestors(W + "fldSimple") if p in a.iterancestors()]
        if simple and run.field_span is None:
            run.field_span = (simple[-1], simple[-1])
    return runs


def _split_run(run: _Run, cuts: list[int]) -> list[tuple[int, int, object]]:
    """Cut the w:r at text offsets `cuts`; every new piece gets a deep copy of the w:rPr."""
    r = run.element
    total = len(run.text)
    bounds = [0, *cuts, total]
    if not cuts:
        return [(0, total, r)]
    props = r.find(W + "rPr")
    groups: list[list] = [[] for _ in cuts] + [[]]
    pos = 0
    for child, text in run.children:
        if child is props:
            continue
        if not text:
            groups[bisect.bisect_right(cuts, pos)].append(child)
            continue
        a = pos
        pos += len(text)
        if child.tag != W + "t":
            groups[bisect.bisect_right(cuts, a)].append(child)
            continue
        # A w:t may straddle cuts: one w:t per piece.
        inner = [c for c in cuts if a < c < pos]
        if not inner:
            groups[bisect.bisect_right(cuts, a)].append(child)
            continue
        edges = [a, *inner, pos]
        raw = child.text or ""
        for k, (x, y) in enumerate(itertools.pairwise(edges)):
            node = child if k == 0 else copy.deepcopy(child)
            _set_text(node, raw[x - a: y - a])
            groups[bisect.bisect_right(cuts, x)].append(node)
    segments = []
    previous = r
    for k, children in enumerate(groups):
        if k == 0:
            target = r
        else:
            target = r.makeelement(r.tag, dict(r.attrib))
            if props is not None:
                target.append(copy.deepcopy(props))
            previous.addnext(target)
        for child in children:
            target.append(child)  # moves it (lxml), keeping document order
        segments.append((bounds[k], bounds[k + 1], target))
        previous = target
    return segments


def _set_text(node, text: str) -> None:
    node.text = text
    if text != text.strip():
        node.set(XML_SPACE, "preserve")


def _marker(name: str):
    from docx.oxml.parser import OxmlElement

    return OxmlElement(f"w:{name}")


def _reference_run():
    from docx.oxml.parser import OxmlElement

    r = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(W + "val", "CommentReference")
    props.append(style)
    r.append(props)
    r.append(OxmlElement("w:commentReference"))
    return r


def _write_atomically(output: Path, data: bytes) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, data)
    except OSError as exc:
        raise AnnotateError(f"cannot write {output}: {exc.strerror or exc}") from None


__all__ = ["AUTHOR", "INITIALS", "AnnotateError", "Annotation", "annotate", "check_output", "comment_text", "plan"]
