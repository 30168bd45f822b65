"""Reading: turn a file into a Document (text view, blocks, clause tree).

Every failure a user can cause (missing file, wrong format, broken or hostile file) is a
ReadError with a message fit to print after the file name; nothing else escapes to the caller.
Inputs are opened read-only, and a hostile file is refused before it can cost memory: sizes are
checked before reading, a .docx's declared part sizes before unpacking.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..clauses import build_clauses
from ..model import Block, Comment, Document, Revision
from .package import OLE_MAGIC, PackageError, check_package, is_encrypted_ole
from .text import DecodeError, decode, line_blocks, markdown_blocks, normalise_newlines

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm"}
LEGACY_SUFFIXES = {".doc", ".wps"}
# what a folder walk picks up; a legacy .doc is read when named explicitly
WALKED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES
SUPPORTED_SUFFIXES = WALKED_SUFFIXES | LEGACY_SUFFIXES
MiB = 2**20


class ReadError(Exception):
    """A file that cannot be linted; the message says why, in one line."""

    def __str__(self) -> str:
        return " ".join(super().__str__().split())  # a parser's message may span lines


@dataclass(frozen=True)
class Limits:
    """How much a single input may cost. Contracts are small; anything past these is a mistake
    or an attack, and is refused with a message instead of exhausting the machine."""

    max_file_bytes: int = 50 * MiB  # the file on disk (.txt, .md, .docx)
    max_unpacked_bytes: int = 200 * MiB  # all parts of a .docx, as declared and as read
    max_part_bytes: int = 64 * MiB  # one part of a .docx (word/document.xml …)
    convert_seconds: float = 120.0  # a legacy .doc converted by LibreOffice


DEFAULT_LIMITS = Limits()


def read_path(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Document:
    path = Path(path)
    return read_data(path, read_file(path, limits), limits)


def read_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of an input that has a supported type and size (checked before reading)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".rtf"):
        raise ReadError(f"{suffix[1:].upper()} files are not supported yet (save the contract as .docx)")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"unsupported file type '{suffix or path.name}' (expected .docx, .txt or .md)")
    return _read_file(path, limits)


def read_data(path: str | os.PathLike, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    """A Document from the bytes read_file returned for path."""
    path = Path(path)
    if path.suffix.lower() in LEGACY_SUFFIXES:
        return _read_legacy(path, data, limits)
    return read_bytes(data, str(path), path.suffix.lower(), limits)


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        with open(path, "rb") as handle:  # read-only: the linter never writes to an input
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_bytes:
                raise ReadError(f"the file is {_mb(size)}, over the {_mb(limits.max_file_bytes)} "
                                "limit for one contract (raise it with --max-file-size)")
            return handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except PermissionError:
        raise ReadError("permission denied (the file cannot be read)") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def read_bytes(data: bytes, name: str, suffix: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    if not data:  # an empty file is not broken: it has nothing to lint, and the report says so
        fmt = "docx" if suffix in DOCX_SUFFIXES else "md" if suffix in MARKDOWN_SUFFIXES else "txt"
        return _document(name, "", [], fmt, ("文件是空的（0 字节），没有可检查的内容",))
    if len(data) > limits.max_file_bytes:
        raise ReadError(f"the input is over the {_mb(limits.max_file_bytes)} limit for one contract")
    if suffix in DOCX_SUFFIXES:
        return _read_docx(data, name, limits)
    try:
        text, encoding, notes = decode(data)
    except DecodeError as exc:
        raise ReadError(str(exc)) from None
    return document_from_text(normalise_newlines(text), name,
                              fmt="md" if suffix in MARKDOWN_SUFFIXES else "txt",
                              # plain UTF-8 is what every modern tool writes: only say so otherwise
                              notes=((f"编码：{encoding}",) if encoding != "utf-8" else ()) + notes)


def document_from_text(text: str, name: str = "<text>", fmt: str = "txt",
                       notes: tuple[str, ...] = ()) -> Document:
    blocks = markdown_blocks(text) if fmt == "md" else line_blocks(text)
    return _document(name, text, blocks, fmt, notes)


def _read_docx(data: bytes, name: str, limits: Limits, notes: tuple[str, ...] = ()) -> Document:
    from .docx import read_docx

    if data.startswith(OLE_MAGIC):
        if is_encrypted_ole(data):
            raise ReadError("the document is password-protected (encrypted); remove the password in Word "
                            "(File > Info > Protect Document) and save it again")
        raise ReadError("this is a legacy Word .doc file with a .docx name; rename it to .doc "
                        "or save it again as .docx")
    if not data.startswith(b"PK"):
        raise ReadError("not a Word .docx file (it is not a zip archive)")
    try:
        check_package(data, limits.max_unpacked_bytes, limits.max_part_bytes)
        text, blocks, comments, revisions = read_docx(io.BytesIO(data))
    except PackageError as exc:
        raise ReadError(str(exc)) from None
    except zipfile.BadZipFile as exc:
        raise ReadError(f"damaged .docx (bad zip archive: {exc})") from None
    except KeyError as exc:
        raise ReadError(f"damaged .docx (missing part {exc})") from None
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"damaged .docx (malformed XML: {exc})") from None
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ReadError(f"cannot read this .docx ({type(exc).__name__}: {exc})") from None
    if not text.strip():
        notes = (*notes, "文档中没有文字")
    return _document(name, text, blocks, "docx", notes, tuple(comments), tuple(revisions))


def _read_legacy(path: Path, data: bytes, limits: Limits) -> Document:
    from .legacy import ConversionError, convert_to_docx

    if data.startswith(b"PK"):  # a .docx saved under an old name
        return _read_docx(data, str(path), limits)
    try:
        converted = convert_to_docx(path, limits.convert_seconds)
    except ConversionError as exc:
        raise ReadError(str(exc)) from None
    return _read_docx(converted, str(path), limits, ("已用 LibreOffice 从旧版 Word 格式转换",))


def _mb(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= 10 * MiB else f"{size / MiB:.2g} MB"


def _document(name: str, text: str, blocks: list[Block], fmt: str, notes: tuple[str, ...],
              comments: tuple[Comment, ...] = (), revisions: tuple[Revision, ...] = ()) -> Document:
    return Document(path=name, text=text, blocks=tuple(blocks), clauses=tuple(build_clauses(text, blocks)),
                    format=fmt, notes=notes, comments=comments, revisions=revisions)
