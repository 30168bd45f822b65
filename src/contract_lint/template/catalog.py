"""The templates a run compares contracts with, and which one each contract gets.

`--template PATH` (or `template = "PATH"` in the configuration) names one template (.docx, .txt,
.md), one playbook (.yaml) or a folder of them; `[per-file-templates]` maps globs to templates
when auto-matching is not wanted. Each contract is matched to the most similar template:
similarity is the Dice coefficient of the two texts' sets of 4-character shingles (the compared
characters of their units: no numbering, punctuation or spacing), so a filled copy of a template
scores near 1 and another contract of the same kind far lower. Under MIN_SIMILARITY the contract
gets no template, and one note saying so.

A template's fingerprint is computed once and kept in the result cache's folder (keyed by the
template's bytes and the tool's code), so matching against a folder of templates costs a set
intersection per template. The template itself is read and built once per process, when a
contract first needs it.
"""

from __future__ import annotations

import array
import fnmatch
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..model import Document
from ..readers import ReadError, read_path
from . import from_document
from .build import Template
from .playbook import PlaybookError, is_playbook, template_of
from .units import units_of

TEMPLATE_SUFFIXES = (".docx", ".txt", ".md")
MIN_SIMILARITY = 0.4
_SHINGLE = 4


class TemplateError(Exception):
    """A template or playbook that cannot be used; str() names the file and the problem."""


@dataclass(frozen=True)
class Source:
    """One template file (or playbook) a run may compare contracts with."""

    path: str  # as the user named it (a playbook: the playbook)
    digest: str  # its content (and a playbook's template's), for caches

    @property
    def playbook(self) -> bool:
        return is_playbook(self.path)


@dataclass(frozen=True)
class Choice:
    source: Source | None
    similarity: float
    note: str | None = None


@dataclass(frozen=True)
class Catalog:
    sources: tuple[Source, ...]
    mapping: tuple[tuple[str, str], ...] = ()  # (glob, template path), relative to root
    root: str = "."
    cache_dir: str | None = None  # where fingerprints are kept (None: computed in memory)
    rules: tuple = ()  # the placeholder and guidance rules a template is read with

    @property
    def key(self) -> str:
        """What the templates contribute to a contract's result-cache key."""
        parts = [f"{s.path}\0{s.digest}" for s in self.sources] + [f"{g}\0{t}" for g, t in self.mapping]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def choose(self, path: str, document: Document) -> Choice:
        """The template for a contract: the mapping's, else the most similar one."""
        candidates = self.sources
        mapped = self._mapped(path)
        if mapped is not None:
            candidates = (mapped,)
        mine = fingerprint(document)
        scored = [(similarity(mine, self.fingerprint(s)), s) for s in candidates]
        best, source = max(scored, key=lambda pair: pair[0])
        best = round(best, 3)
        if best >= MIN_SIMILARITY:
            return Choice(source, best)
        if len(candidates) == 1:
            note = (f"与模板 {source.path} 的相似度只有 {best:.2f}（低于 {MIN_SIMILARITY:.2f}），"
                    "不像是用这个模板起草的，未与模板比对")
        else:
            note = (f"{len(candidates)} 个模板中没有足够相似的（最接近的是 {source.path}，相似度 {best:.2f}，"
                    f"低于 {MIN_SIMILARITY:.2f}），未与模板比对")
        return Choice(None, best, note)

    def _mapped(self, path: str) -> Source | None:
        relative = _relative(path, Path(self.root))
        for glob, target in self.mapping:
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(Path(path).name, glob):
                return next(s for s in self.sources if s.path == target)
        return None

    def fingerprint(self, source: Source) -> frozenset[int]:
        return _fingerprint_of(self, source)

    def template(self, source: Source) -> Template:
        """The template itself, read and built once per process."""
        key = (source.path, source.digest)
        found = _TEMPLATES.get(key)
        if found is None:
            found = _TEMPLATES[key] = load(Path(source.path), list(self.rules))
        return found


_TEMPLATES: dict[tuple[str, str], Template] = {}
_FINGERPRINTS: dict[str, frozenset[int]] = {}


def load(path: Path, rules) -> Template:
    """A template file or a playbook, read; TemplateError names the file and what is wrong."""
    if is_playbook(path):
        from .playbook import load as load_playbook

        try:
            return load_playbook(path, rules)
        except PlaybookError as exc:
            raise TemplateError(str(exc)) from None
    document = _read(path)
    return from_document(document, rules, str(path))


def _read(path: Path) -> Document:
    try:
        document = read_path(path)
    except ReadError as exc:
        raise TemplateError(f"{path}: {exc}") from None
    if not document.text.strip():
        raise TemplateError(f"{path}: the template is empty")
    return document


def open_catalog(spec: str | None, mapping: dict[str, str], root: Path, rules,
                 cache_dir: Path | None) -> Catalog | None:
    """The templates named by `--template` / `template` and `[per-file-templates]`; every one is
    read (or found in the cache) now, so that a bad template stops the run before any contract
    is linted."""
    paths: list[Path] = []
    if spec:
        paths += _expand(Path(spec))
    for target in mapping.values():
        candidate = Path(target)
        if candidate not in paths:
            paths += _expand(candidate)
    if not paths:
        return None
    # in a folder, a playbook stands for the template it names: that file is no candidate of its own
    named = set()
    for path in paths:
        if is_playbook(path):
            try:
                named.add(template_of(path).resolve())
            except PlaybookError as exc:
                raise TemplateError(str(exc)) from None
    given = {Path(spec).resolve()} if spec else set()
    given |= {Path(t).resolve() for t in mapping.values()}
    paths = [p for p in paths if p.resolve() not in named or p.resolve() in given]
    chosen_rules = tuple(r for r in rules if r.check == "placeholder" or r.id == "template-guidance-left")
    sources = []
    for path in paths:
        source = Source(str(path), _digest(path))
        sources.append(source)
    catalog = Catalog(tuple(sources), tuple((glob, str(Path(t))) for glob, t in mapping.items()), str(root),
                      str(cache_dir) if cache_dir else None, chosen_rules)
    for source in sources:
        if source.playbook:
            catalog.template(source)  # a playbook is checked against its template before linting
        catalog.fingerprint(source)  # read (or found in the cache): a bad template stops the run here
    return catalog


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".")
                       for part in p.relative_to(path).parts) and not p.name.startswith("~$")
                       and p.suffix.lower() in (*TEMPLATE_SUFFIXES, ".yaml", ".yml"))
        if not found:
            raise TemplateError(f"{path}: no templates in this folder (.docx, .txt, .md or playbook .yaml)")
        return found
    if not path.exists():
        raise TemplateError(f"{path}: no such file")
    if path.suffix.lower() not in (*TEMPLATE_SUFFIXES, ".docm", ".yaml", ".yml"):
        raise TemplateError(f"{path}: a template is a .docx, .txt or .md file, or a playbook .yaml")
    return [path]


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        digest.update(path.read_bytes())
        if is_playbook(path):
            digest.update(b"\0" + template_of(path).read_bytes())
    except PlaybookError as exc:
        raise TemplateError(str(exc)) from None
    except OSError as exc:
        raise TemplateError(f"{exc.filename or path}: cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()


# --------------------------------------------------------------------------- similarity


def fingerprint(document: Document) -> frozenset[int]:
    """A contract's 4-character shingles of compared text, hashed (crc32: stable across runs)."""
    cached = document.__dict__.get("_template_fingerprint")
    if cached is None:
        cached = document.__dict__["_template_fingerprint"] = _shingles(u.key for u in units_of(document))
    return cached


def template_fingerprint(template: Template) -> frozenset[int]:
    """A template's shingles, of its fixed wording only: what it asks to be filled in is not
    what a filled copy will say."""
    return _shingles(part.text for pattern in template.patterns for part in pattern.parts if not part.wild)


def _shingles(texts) -> frozenset[int]:
    return frozenset(zlib.crc32(text[i:i + _SHINGLE].encode())
                     for text in texts for i in range(len(text) - _SHINGLE + 1))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _fingerprint_of(catalog: Catalog, source: Source) -> frozenset[int]:
    found = _FINGERPRINTS.get(source.digest)
    if found is not None:
        return found
    stored = Path(catalog.cache_dir) / f"template-{source.digest[:32]}.fp" if catalog.cache_dir else None
    if stored is not None:
        try:
            values = array.array("I")
            values.frombytes(stored.read_bytes())
            found = frozenset(values)
        except (OSError, ValueError):
            found = None
    if found is None:
        found = template_fingerprint(catalog.template(source))
        if stored is not None:
            _store(stored, array.array("I", sorted(found)).tobytes())
    _FINGERPRINTS[source.digest] = found
    return found


def _store(path: Path, data: bytes) -> None:
    import contextlib
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temp)  # a cache that cannot be written only costs speed


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
