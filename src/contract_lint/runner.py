"""From paths on disk to results: expand folders, read each file, lint it.

A file that cannot be read becomes a FileResult with an error; the other files are still
linted. This module does the I/O (reading, the cache, worker processes); `engine.lint` stays a
pure function. What a file's own content decides (its findings, the suppressions written in it)
is cached by content hash; what the project decides (per-file ignores, the ignore file, a
baseline) is applied afterwards, on every run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache
from .engine import lint, needs_tokens
from .findings import Finding
from .model import Document
from .readers import DEFAULT_LIMITS, WALKED_SUFFIXES, Limits, ReadError, read_bytes, read_data, read_file
from .rules import Rule
from .selection import display_path, excluded, select

if TYPE_CHECKING:
    from .template.catalog import Catalog

__all__ = ["FileResult", "Options", "UsedTemplate", "display_path", "excluded", "expand", "lint_file", "lint_paths",
           "lint_selected"]


@dataclass(frozen=True)
class UsedTemplate:
    """The template a contract was compared with, and how similar they are (0 to 1)."""

    path: str
    similarity: float

    def to_dict(self) -> dict:
        return {"path": self.path, "similarity": self.similarity}


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    document: Document | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()
    template: UsedTemplate | None = None


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
    templates: Catalog | None = None  # the templates contracts are compared with (--template)


def expand(paths: list[str], exclude: tuple[str, ...] = (), root: Path | None = None) -> list[tuple[str, str | None]]:
    """(path, error) for every file to lint: named files, and what a walk of each named folder
    selects (see `selection`)."""
    return list(select(paths, exclude, root).files)


def lint_file(path: str, rules: list[Rule], options: Options = Options()) -> FileResult:
    try:
        data = read_file(path, options.limits)
        key = _cache_key(path, data, options) if options.cache else ""
        if options.cache and not options.keep_documents:
            hit = options.cache.get(key)
            if hit is not None:
                return _from_cache(path, hit)
        document = read_data(path, data, options.limits)
        template, used, notes = _template_for(path, document, options)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    findings = lint(document, rules, template, known=options.known_rules or None)
    if options.cache:
        options.cache.put(key, findings, list(notes), used.to_dict() if used else None)
    return FileResult(path, tuple(findings), None, document if options.keep_documents else None, notes, used)


def _template_for(path: str, document: Document, options: Options):
    """(template, UsedTemplate, notes) for a contract: the catalog's choice, or a note saying why
    there is none."""
    if options.templates is None:
        return None, None, document.notes
    choice = options.templates.choose(path, document)
    if choice.source is None:
        return None, None, (*document.notes, choice.note)
    template = options.templates.template(choice.source)
    return template, UsedTemplate(choice.source.path, choice.similarity), document.notes


def _cached(path: str, options: Options) -> FileResult | None:
    assert options.cache is not None
    try:
        data = read_file(path, options.limits)
    except ReadError:
        return None  # the worker reports it
    hit = options.cache.get(_cache_key(path, data, options))
    return _from_cache(path, hit) if hit is not None else None


def _cache_key(path: str, data: bytes, options: Options) -> str:
    # .md/.txt differ; so does the same contract against other templates
    return Cache.key(Path(path).suffix.lower().encode() + b"\0" + data +
                     (b"\0" + options.templates.key.encode() if options.templates else b""))


def _from_cache(path: str, hit) -> FileResult:
    used = UsedTemplate(hit[2]["path"], hit[2]["similarity"]) if hit[2] else None
    return FileResult(path, tuple(hit[0]), notes=tuple(hit[1]), template=used)


def _in_workers(paths: list[str], rules: list[Rule], options: Options,
                progress: Callable[[], None] | None) -> dict[str, FileResult]:
    """Lint in worker processes. For a batch, word segmentation (over a second to load) is loaded
    here, once, before the workers fork, so that they share it instead of each loading its own. The largest
    files go first, one at a time, so that a long contract does not keep one worker busy while the
    other has finished."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() \
        and sys.platform != "darwin" else None  # macOS: fork is unsafe with system frameworks
    if context is not None and needs_tokens(rules) and len(paths) > 2 * options.jobs:
        from .nlp import tokens

        tokens("甲方")  # loads spaCy and the dictionary in this process
    order = sorted(paths, key=_size, reverse=True)
    done: dict[str, FileResult] = {}
    with ProcessPoolExecutor(max_workers=min(options.jobs, len(paths)), mp_context=context,
                             initializer=_start_worker, initargs=(rules, options)) as pool:
        for result in pool.map(_lint_in_worker, order, chunksize=1):
            done[result.path] = result
            if progress:
                progress()
    return done


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def lint_stdin(rules: list[Rule], options: Options) -> FileResult:
    name = options.stdin_name or "-"
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in WALKED_SUFFIXES else ".txt"
    data = sys.stdin.buffer.read(options.limits.max_file_bytes + 1)
    try:
        document = read_bytes(data, name, suffix, options.limits)
        template, used, notes = _template_for(name, document, options)
    except ReadError as exc:
        return FileResult(name, error=str(exc))
    findings = lint(document, rules, template, known=options.known_rules or None)
    return FileResult(name, tuple(findings), None, document if options.keep_documents else None, notes, used)


# The rules and options of a worker process, set once when it starts (inherited when forked).
_WORKER: tuple[list[Rule], Options] | None = None


def _start_worker(rules: list[Rule], options: Options) -> None:
    global _WORKER
    _WORKER = (rules, options)


def _lint_in_worker(path: str) -> FileResult:
    assert _WORKER is not None
    return lint_file(path, *_WORKER)


def lint_paths(paths: list[str], rules: list[Rule], options: Options = Options()) -> list[FileResult]:
    """Results in the order of `paths` (folders expanded), whatever the number of workers."""
    return lint_selected(expand(paths, options.exclude, options.exclude_root), rules, options)


def lint_selected(todo: list[tuple[str, str | None]], rules: list[Rule], options: Options = Options(),
                  progress: Callable[[], None] | None = None) -> list[FileResult]:
    """Results for (path, error) pairs as `selection.select` gives them, in that order;
    `progress` is called once per file linted."""
    readable = [path for path, error in todo if not error and path != "-"]
    done: dict[str, FileResult] = {}
    pending = readable
    if options.jobs > 1 and len(readable) > 1 and not options.keep_documents:
        if options.cache:  # a hit costs a read: answered here, a cached rerun starts no worker
            pending = []
            for path in readable:
                hit = _cached(path, options)
                if hit is None:
                    pending.append(path)
                    continue
                done[path] = hit
                if progress:
                    progress()
        if len(pending) > 1:
            done.update(_in_workers(pending, rules, options, progress))
            pending = []
    for path in pending:
        done[path] = lint_file(path, rules, options)
        if progress:
            progress()
    if any(path == "-" for path, _ in todo):
        done["-"] = lint_stdin(rules, options)
    return [FileResult(path, error=error) if error else done[path] for path, error in todo]
