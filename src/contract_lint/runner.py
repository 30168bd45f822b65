"""From paths on disk to results: expand folders, read each file, lint it.

A file that cannot be read becomes a FileResult with an error; the other files are still
linted. This module does the I/O (reading, the cache, worker processes); `engine.lint` stays a
pure function. What a file's own content decides (its findings, the suppressions written in it)
is cached by content hash; what the project decides (per-file ignores, the ignore file, a
baseline) is applied afterwards, on every run.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .engine import lint
from .findings import Finding
from .model import Document
from .readers import DEFAULT_LIMITS, WALKED_SUFFIXES, Limits, ReadError, read_bytes, read_data, read_file
from .rules import Rule


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    document: Document | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Options:
    limits: Limits = DEFAULT_LIMITS
    cache: Cache | None = None
    jobs: int = 1
    keep_documents: bool = False  # a Word copy or an HTML page needs the Document: no cache hits
    exclude: tuple[str, ...] = ()  # globs, matched against paths relative to exclude_root and names
    exclude_root: Path | None = None
    stdin_name: str | None = None  # the name of the contract read from "-" (its suffix picks the format)
    # ids and codes of every rule the project has, selected or not: a suppression naming none of
    # them is a mistake the unused-suppression rule reports (empty: the rules linted, plus the built-in ones)
    known_rules: frozenset[str] = frozenset()


def expand(paths: list[str], exclude: tuple[str, ...] = (), root: Path | None = None) -> list[tuple[str, str | None]]:
    """(path, error) for every file to lint: folders are walked for .docx/.txt/.md files,
    skipping hidden files and folders, Word's lock files (~$合同.docx) and excluded globs."""
    out: list[tuple[str, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            out.append(("-", None))
        elif path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not excluded(Path(folder) / d, exclude, root))
                for name in sorted(files):
                    file = Path(folder) / name
                    if name.startswith((".", "~$")) or file.suffix.lower() not in WALKED_SUFFIXES \
                            or excluded(file, exclude, root):
                        continue
                    found.append((display_path(file), None))
            if not found:
                out.append((display_path(path), "folder has no .docx, .txt or .md files"))
            out.extend(found)
        elif not path.exists():
            out.append((display_path(path), "no such file or folder"))
        else:
            out.append((display_path(path), None))
    return out


def excluded(path: Path, globs: Iterable[str], root: Path | None) -> bool:
    candidates = {path.name, path.as_posix()}
    for base in filter(None, (root, Path.cwd())):
        try:
            candidates.add(path.resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            pass
    return any(fnmatch.fnmatch(c, g) or fnmatch.fnmatch(c, g.rstrip("/") + "/*") for g in globs for c in candidates)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as users expect in a report."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.normpath(path if path.is_absolute() else os.path.relpath(path))


def lint_file(path: str, rules: list[Rule], options: Options = Options()) -> FileResult:
    try:
        data = read_file(path, options.limits)
        key = Cache.key(Path(path).suffix.lower().encode() + b"\0" + data) if options.cache else ""  # .md/.txt differ
        if options.cache and not options.keep_documents:
            hit = options.cache.get(key)
            if hit is not None:
                return FileResult(path, tuple(hit[0]), notes=tuple(hit[1]))
        document = read_data(path, data, options.limits)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    findings = lint(document, rules, known=options.known_rules or None)
    if options.cache:
        options.cache.put(key, findings, list(document.notes))
    return FileResult(path, tuple(findings), None, document if options.keep_documents else None,
                      document.notes)


def lint_stdin(rules: list[Rule], options: Options) -> FileResult:
    name = options.stdin_name or "-"
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in WALKED_SUFFIXES else ".txt"
    data = sys.stdin.buffer.read(options.limits.max_file_bytes + 1)
    try:
        document = read_bytes(data, name, suffix, options.limits)
    except ReadError as exc:
        return FileResult(name, error=str(exc))
    findings = lint(document, rules, known=options.known_rules or None)
    return FileResult(name, tuple(findings), None, document if options.keep_documents else None, document.notes)


def _lint_one(task: tuple[str, list[Rule], Options]) -> FileResult:
    return lint_file(*task)


def lint_paths(paths: list[str], rules: list[Rule], options: Options = Options()) -> list[FileResult]:
    """Results in the order of `paths` (folders expanded), whatever the number of workers."""
    todo = expand(paths, options.exclude, options.exclude_root)
    readable = [path for path, error in todo if not error and path != "-"]
    done: dict[str, FileResult] = {}
    if options.jobs > 1 and len(readable) > 1 and not options.keep_documents:
        # Each worker loads word segmentation once, lazily, when a rule first needs it.
        with ProcessPoolExecutor(max_workers=min(options.jobs, len(readable))) as pool:
            tasks = [(path, rules, options) for path in readable]
            done = {r.path: r for r in pool.map(_lint_one, tasks, chunksize=max(1, len(tasks) // (4 * options.jobs)))}
    else:
        done = {path: lint_file(path, rules, options) for path in readable}
    if any(path == "-" for path, _ in todo):
        done["-"] = lint_stdin(rules, options)
    return [FileResult(path, error=error) if error else done[path] for path, error in todo]
