"""Generate the corpus documents from their readable sources (see corpus/README.md).

    python -m tools.build_corpus            # write corpus/NAME.docx and corpus/NAME.txt
    python -m tools.build_corpus --check    # exit 1 if a generated file is missing or stale
    python -m tools.build_corpus --src DIR --out DIR

src/NAME.docsrc -> NAME.docx (tools.docxgen), src/NAME.gbksrc (UTF-8) -> NAME.txt (GB18030,
restricted to characters GBK can encode, so a GBK reader decodes it too).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tools.docxgen import (
    MERGED,
    Blank,
    Cell,
    Comment,
    Del,
    Doc,
    Ins,
    Level,
    MergeField,
    Numbering,
    Para,
    Piece,
    Table,
    Text,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

ARTICLE = Level("chineseCounting", "第%1条")
# isLgl: without it Word renders %1 of a chineseCounting level as 一 (一.1 instead of 1.1).
CLAUSE = Level("decimal", "%1.%2", legal=True)
TITLE_SIZE = 32  # half-points: 16 pt

DIRECTIVE = re.compile(r"@([a-z-]+)(?::\s?(.*))?$")
MARKUP = re.compile(r"\{(ins|del|blank|merge|comment|b|u):")


class SourceError(ValueError):
    """A mistake in a source file; the message starts with file:line."""


# --------------------------------------------------------------------------- inline markup


def parse_inline(text: str) -> list[Piece]:
    """Paragraph text with {key:…} markup -> docxgen pieces. Markup does not nest."""
    pieces: list[Piece] = []
    pos = 0
    for match in MARKUP.finditer(text):
        if match.start() < pos:
            continue  # inside a markup already consumed
        end = text.find("}", match.end())
        if end < 0:
            raise ValueError(f"unclosed {match.group(0)!r}")
        body = text[match.end():end]
        if "{" in body:
            raise ValueError(f"markup cannot nest: {text[match.start():end + 1]!r}")
        if match.start() > pos:
            pieces.append(text[pos:match.start()])
        pieces.append(_markup(match.group(1), body))
        pos = end + 1
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def _markup(key: str, body: str) -> Piece:
    if key == "blank":
        if not body.isdigit() or int(body) < 1:
            raise ValueError(f"{{blank:N}} needs a positive number, got {body!r}")
        return Blank(int(body))
    if key == "comment":
        anchor, sep, note = body.partition("|")
        if not sep or not anchor:
            raise ValueError(f"{{comment:ANCHOR|NOTE}} needs ANCHOR|NOTE, got {body!r}")
        return Comment(anchor, note)
    if not body:
        raise ValueError(f"empty {{{key}:}}")
    kinds = {
        "ins": lambda: Ins(body),
        "del": lambda: Del(body),
        "merge": lambda: MergeField(body),
        "b": lambda: Text(body, bold=True),
        "u": lambda: Text(body, underline=True),
    }
    return kinds[key]()


# --------------------------------------------------------------------------- tables


def split_top(text: str, sep: str) -> list[str]:
    """Split at `sep` outside braces, where it stands between whitespace or a line end.

    So `甲方 |  | 乙方 |` gives 甲方, '', 乙方, '' while {comment:a|b} or `a|b` stay whole.
    """
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        depth += (ch == "{") - (ch == "}")
        spaced = (i == 0 or text[i - 1].isspace()) and (
            i + len(sep) == len(text) or text[i + len(sep)].isspace())
        if depth == 0 and text.startswith(sep, i) and spaced:
            parts.append(text[start:i])
            start = i = i + len(sep)
            continue
        i += 1
    parts.append(text[start:])
    return parts


def parse_rows(lines: list[str]) -> Table:
    """Rows of ` | `-separated cells -> Table; every row must have the same cell count."""
    rows = [[parse_cell(c.strip()) for c in split_top(line, "|")] for line in lines]
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(rows[0]):
            raise ValueError(f"row {n} has {len(row)} cells, row 1 has {len(rows[0])}")
    return Table(tuple(tuple(row) for row in rows))


def parse_cell(text: str):
    """A cell: `^^` (merged with the cell above), text, and/or @cell-table{…}."""
    if text == "^^":
        return MERGED
    start = text.find("@cell-table{")
    if start < 0:
        return Para(tuple(parse_inline(text))) if text else ""
    open_at = start + len("@cell-table")
    depth = 0
    for end in range(open_at, len(text)):
        depth += (text[end] == "{") - (text[end] == "}")
        if depth == 0:
            break
    else:
        raise ValueError("unclosed @cell-table{")
    inner = [row for row in split_top(text[open_at + 1:end], ";;") if row.strip()]
    blocks = [Para(tuple(parse_inline(before)))] if (before := text[:start].strip()) else []
    blocks.append(parse_rows(inner))
    rest = parse_cell(text[end + 1:].strip())  # text and/or more tables after it
    if isinstance(rest, Cell):
        blocks.extend(rest.blocks)
    elif rest is MERGED:
        raise ValueError("^^ must be alone in its cell")
    elif rest:
        blocks.append(rest)
    return Cell(*blocks)


# --------------------------------------------------------------------------- documents


def build_docx(source: str, label: str = "<docsrc>") -> bytes:
    """.docsrc text -> .docx bytes; errors are SourceError('label:line: …')."""
    doc = Doc()
    numbering: list[Numbering] = []  # created on the first @article
    table_rows: list[str] | None = None
    table_line = 0
    for lineno, raw in enumerate(source.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(";;"):
            continue
        try:
            if table_rows is not None:
                if line == "@endtable":
                    lineno = table_line  # table errors point at its @table line
                    doc.table(parse_rows(table_rows))
                    table_rows = None
                else:
                    table_rows.append(line)
                continue
            if line == "@table":
                table_rows, table_line = [], lineno
                continue
            _line(doc, line, numbering)
        except ValueError as err:
            raise SourceError(f"{label}:{lineno}: {err}") from None
    if table_rows is not None:
        raise SourceError(f"{label}:{table_line}: @table without @endtable")
    return doc.to_bytes()


def _line(doc: Doc, line: str, numbering: list[Numbering]) -> None:
    """One non-table source line -> one paragraph (body, header, footer or text box)."""
    directive = DIRECTIVE.match(line)
    if not directive:
        doc.para(*parse_inline(line))
        return
    name, rest = directive.group(1), directive.group(2)
    if rest is None or name not in ("title", "header", "footer", "article", "clause",
                                    "textbox"):
        raise ValueError(f"unknown directive {line.split(':')[0]!r}")
    pieces = parse_inline(rest.strip())
    if name == "title":
        doc.para(*pieces, align="center", bold=True, size=TITLE_SIZE)
    elif name == "header":
        doc.header(*pieces)
    elif name == "footer":
        doc.footer(*pieces)
    elif name == "textbox":
        doc.textbox(Para(tuple(pieces)))
    elif name == "article":
        if not numbering:
            numbering.append(doc.numbering([ARTICLE, CLAUSE]))
        doc.para(*pieces, num=(numbering[0], 0), bold=True)
    else:  # clause
        if not numbering:
            raise ValueError("@clause before the first @article")
        doc.para(*pieces, num=(numbering[0], 1))


def build_gbk(source_bytes: bytes, label: str = "<gbksrc>") -> bytes:
    """UTF-8 source -> GB18030 bytes, refusing characters outside GBK."""
    text = source_bytes.decode("utf-8-sig")
    for lineno, line in enumerate(text.splitlines(), 1):
        for ch in line:
            try:
                ch.encode("gbk", errors="strict")
            except UnicodeEncodeError:
                message = f"{label}:{lineno}: {ch!r} (U+{ord(ch):04X}) is not in GBK"
                raise SourceError(message) from None
    return text.encode("gb18030", errors="strict")


def generate(src: Path, out: Path) -> dict[Path, bytes]:
    """Every output file of the corpus with its bytes, in a stable order."""
    outputs: dict[Path, bytes] = {}
    for path in sorted(src.glob("*.docsrc")):
        text = path.read_bytes().decode("utf-8-sig")
        outputs[out / f"{path.stem}.docx"] = build_docx(text, str(path))
    for path in sorted(src.glob("*.gbksrc")):
        outputs[out / f"{path.stem}.txt"] = build_gbk(path.read_bytes(), str(path))
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_corpus", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a generated file differs from disk")
    parser.add_argument("--src", type=Path, default=CORPUS / "src")
    parser.add_argument("--out", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    try:
        outputs = generate(args.src, args.out)
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    stale = [p for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(outputs[path])
        print(f"wrote {path}")
    print(f"{len(outputs)} generated files, {len(stale)} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
