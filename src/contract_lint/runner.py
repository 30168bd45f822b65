"""From paths on disk to results: expand folders, read each file, lint it.

A file that cannot be read becomes a FileResult with an error; the other files are still
linted. This module does the I/O; `engine.lint` stays a pure function.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .engine import lint
from .findings import Finding
from .model import Document
from .readers import DEFAULT_LIMITS, WALKED_SUFFIXES, Limits, ReadError, read_path
from .rules import Rule


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    document: Document | None = field(default=None, compare=False, repr=False)


def expand(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, error) for every file to lint: folders are walked for .docx/.txt/.md files,
    skipping hidden files and folders and Word's lock files (~$合同.docx)."""
    out: list[tuple[str, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")) or Path(name).suffix.lower() not in WALKED_SUFFIXES:
                        continue
                    found.append((display_path(Path(root) / name), None))
            if not found:
                out.append((display_path(path), "folder has no .docx, .txt or .md files"))
            out.extend(found)
        elif not path.exists():
            out.append((display_path(path), "no such file or folder"))
        else:
            out.append((display_path(path), None))
    return out


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as users expect in a report."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.normpath(path if path.is_absolute() else os.path.relpath(path))


def lint_file(path: str, rules: list[Rule], limits: Limits = DEFAULT_LIMITS) -> FileResult:
    try:
        document = read_path(path, limits)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    return FileResult(path, tuple(lint(document, rules)), None, document)


def lint_paths(paths: list[str], rules: list[Rule], limits: Limits = DEFAULT_LIMITS) -> list[FileResult]:
    results = []
    for path, error in expand(paths):
        results.append(FileResult(path, error=error) if error else lint_file(path, rules, limits))
    return results
