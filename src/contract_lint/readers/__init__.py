"""Reading: turn a file into a Document (text view, blocks, clause tree).

Every failure a user can cause (missing file, wrong format, broken zip) is a ReadError with a
message fit to print after the file name; nothing else escapes to the caller.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..clauses import build_clauses
from ..model import Block, Document
from .text import DecodeError, decode, line_blocks, markdown_blocks, normalise_newlines

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(Exception):
    """A file that cannot be linted; the message says why, in one line."""


def read_path(path: str | os.PathLike) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".doc", ".wps"):
        raise ReadError("legacy Word format is not supported yet; convert it first: "
                        f"soffice --headless --convert-to docx \"{path.name}\"")
    if suffix in (".pdf", ".rtf"):
        raise ReadError(f"{suffix[1:].upper()} files are not supported yet (save the contract as .docx)")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"unsupported file type '{suffix or path.name}' (expected .docx, .txt or .md)")
    try:
        with open(path, "rb") as handle:  # read-only: the linter never writes to an input
            data = handle.read()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    return read_bytes(data, str(path), suffix)


def read_bytes(data: bytes, name: str, suffix: str) -> Document:
    if not data:
        raise ReadError("the file is empty (0 bytes)")
    if suffix in DOCX_SUFFIXES:
        return _read_docx(data, name)
    try:
        text, encoding, notes = decode(data)
    except DecodeError as exc:
        raise ReadError(str(exc)) from None
    return document_from_text(normalise_newlines(text), name,
                              fmt="md" if suffix in MARKDOWN_SUFFIXES else "txt",
                              # plain UTF-8 is what every modern tool writes: only say so otherwise
                              notes=((f"encoding: {encoding}",) if encoding != "utf-8" else ()) + notes)


def document_from_text(text: str, name: str = "<text>", fmt: str = "txt",
                       notes: tuple[str, ...] = ()) -> Document:
    blocks = markdown_blocks(text) if fmt == "md" else line_blocks(text)
    return _document(name, text, blocks, fmt, notes)


def _read_docx(data: bytes, name: str) -> Document:
    import io

    from .docx import read_docx

    if data.startswith(OLE_MAGIC):
        raise ReadError("this is not a .docx but an OLE compound file: a password-protected "
                        "(encrypted) document or a legacy .doc renamed to .docx")
    if not data.startswith(b"PK"):
        raise ReadError("not a Word .docx file (it is not a zip archive)")
    try:
        text, blocks = read_docx(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError(f"damaged .docx (bad zip archive: {exc})") from None
    except KeyError as exc:
        raise ReadError(f"damaged .docx (missing part {exc})") from None
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ReadError(f"cannot read this .docx ({type(exc).__name__}: {exc})") from None
    return _document(name, text, blocks, "docx", ())


def _document(name: str, text: str, blocks: list[Block], fmt: str, notes: tuple[str, ...]) -> Document:
    return Document(path=name, text=text, blocks=tuple(blocks),
                    clauses=tuple(build_clauses(text, blocks)), format=fmt, notes=notes)
