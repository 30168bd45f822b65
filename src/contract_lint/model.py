"""The document model every reader produces and every rule reads.

A document is one plain text (the *text view*) plus blocks that say where each piece of that
text came from. All positions are character offsets into the text view; line, column and
clause are derived from offsets, never stored separately, so they cannot disagree.

For .docx the text view is the accepted view of the document (tracked insertions kept,
deletions dropped), with auto-numbering labels kept apart from the text (a heading that Word
shows as "第三条 保密" has the text "保密" and the label "第三条") and underlined blank runs
shown as underscores of the same length, so every character still maps to one character of
one Word run.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from .regexcache import regex
from .textview import normalise

_SENTENCE = regex(r"[^\s。！？；;!?\ufffc][^。！？；;!?\n]*[。！？；;!?]?")

# Where a block sits in its source document.
BODY, TABLE, HEADER, FOOTER, TEXTBOX = "body", "table", "header", "footer", "textbox"


@dataclass(frozen=True)
class RunPiece:
    """A slice of the text view that comes from one Word run (w:r).

    `paragraph` is the ordinal of the w:p among all w:p elements of `xml_part` in document
    order, `run` the ordinal of the w:r within that paragraph (runs inside w:ins counted too),
    `offset` the position of the slice's first character inside that run's text. This is the
    map a future writer (Word comments, fixes) needs to go from offsets back to runs.
    """

    start: int
    end: int
    xml_part: str
    paragraph: int
    run: int
    offset: int


@dataclass(frozen=True)
class Cell:
    """Position of a block inside a table: which table, row and column (0-based)."""

    table: int
    row: int
    col: int
    merged: bool = False  # a vertically merged continuation cell: empty by construction


@dataclass(frozen=True)
class Block:
    """One paragraph (or table-cell paragraph) of the text view: text[start:end]."""

    start: int
    end: int
    part: str = BODY
    label: str | None = None  # auto-number shown by Word but absent from the text ("第三条", "1.1")
    cell: Cell | None = None
    runs: tuple[RunPiece, ...] = ()
    # Spans of underlined text (Word): a value typed on an underlined blank ("  张三  " all
    # underlined) fills it, so the blank's padding is not a blank of its own.
    underlined: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Comment:
    """A reviewer's note anchored on text[start:end] (a Word comment); `text` is what it says."""

    start: int
    end: int
    text: str
    author: str = ""


@dataclass(frozen=True)
class Revision:
    """An unaccepted tracked change: inserted text (text[start:end]) or a deletion at start."""

    kind: str  # "insert" | "delete"
    start: int
    end: int
    author: str = ""


@dataclass(frozen=True)
class Clause:
    """A node of the clause tree.

    kind is "preamble" (title, parties, recitals), "article" (第X条 or 一、), "clause"
    (1.1, （一）, 1., (1)) or "signature" (the signing block). `path` is the label a user
    reads, e.g. "第二条 2.3"; `parent` is the index of the parent clause or None.
    """

    kind: str
    label: str
    path: str
    title: str
    start: int
    end: int
    depth: int
    parent: int | None = None


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    blocks: tuple[Block, ...]
    clauses: tuple[Clause, ...] = ()
    format: str = "txt"
    notes: tuple[str, ...] = field(default=(), compare=False)
    comments: tuple[Comment, ...] = ()
    revisions: tuple[Revision, ...] = ()

    # cached_property writes straight into __dict__, which a frozen dataclass allows.
    @cached_property
    def norm(self) -> str:
        """The text as rules read it: same length, half-width punctuation made full-width,
        comments masked (see textview). Offsets into it are offsets into `text`."""
        return normalise(self.text)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        return (0, *(m.end() for m in re.finditer("\n", self.text)))

    @cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """Sentences (ended by 。！？；, or a line break), leading whitespace excluded."""
        return tuple((m.start(), m.end()) for m in _SENTENCE.finditer(self.norm))

    @cached_property
    def sentence_starts(self) -> tuple[int, ...]:
        """Where each sentence starts, for bisection."""
        return tuple(s for s, _ in self.sentence_spans)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentence_spans[i][1]:
            return self.sentence_spans[i]
        return offset, offset

    @cached_property
    def _block_starts(self) -> tuple[int, ...]:
        return tuple(b.start for b in self.blocks)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return None
        # An offset at a block's end (an empty block, or a span ending there) still belongs to it.
        block = self.blocks[i]
        return block if block.start <= offset <= block.end else None

    @cached_property
    def _clause_starts(self) -> tuple[int, ...]:
        return tuple(c.start for c in self.clauses)

    def clause_at(self, offset: int) -> Clause | None:
        """The innermost clause containing the offset.

        Clauses are in document order and nest like an outline, so the last clause starting at
        or before the offset is the innermost candidate; if it has already ended, the answer is
        one of its ancestors."""
        i = bisect.bisect_right(self._clause_starts, offset) - 1
        clause = self.clauses[i] if i >= 0 else None
        while clause is not None and not (clause.start <= offset < clause.end):
            clause = self.clauses[clause.parent] if clause.parent is not None else None
        return clause

    def top_clause_at(self, offset: int, kinds: tuple[str, ...] = ("article", "chapter", "clause")) -> Clause | None:
        """The outermost clause of those kinds containing the offset (its article): found along the
        outline from the innermost one, so that asking it for every sentence stays linear."""
        clause = self.clause_at(offset)
        top = None
        while clause is not None:
            if clause.kind in kinds and clause.depth == 0:
                top = clause
            clause = self.clauses[clause.parent] if clause.parent is not None else None
        return top

    def clause_label(self, offset: int) -> str | None:
        block = self.block_at(offset)
        if block is not None and block.part in (HEADER, FOOTER):
            return "页眉" if block.part == HEADER else "页脚"
        clause = self.clause_at(offset)
        return clause.path if clause else None

    def part_at(self, offset: int) -> str:
        block = self.block_at(offset)
        return block.part if block else BODY
