"""A cache of results, so an unchanged contract costs only a hash on the next run.

The key is the file's content hash, the rule set's hash (every rule's id, severity and source,
the segmentation lexicon) and the tool's code (its version and its module files): change any of
them and the entry is simply not found. Entries are written to a temporary file and renamed, so
concurrent runs never read a half-written entry, and a corrupt entry is treated as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from . import __version__
from .findings import Finding
from .locations import cache_dir
from .rules import Rule, builtin_rules_dir


def default_dir() -> Path:
    """The user's cache folder (XDG), not the project: linting never litters a repository, and
    entries are keyed by content, so projects can share them safely."""
    return cache_dir()


def code_key() -> str:
    """The tool's own code as it is installed: its version, and the size and time of every module
    file, so that a changed check (an editable install between releases) misses the cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def ruleset_key(rules: list[Rule], known: frozenset[str] = frozenset()) -> str:
    """`known`: the names of every rule the project has, selected or not (a suppression naming
    an unknown rule is a finding, so adding a rule folder changes results)."""
    digest = hashlib.sha256(code_key().encode())
    digest.update("\0".join(sorted(known)).encode())
    for rule in sorted(rules, key=lambda r: r.id):
        digest.update(f"\0{rule.id}\0{rule.code}\0{rule.severity}\0".encode())
        with contextlib.suppress(OSError):
            digest.update(Path(rule.source).read_bytes())
    lexicon = builtin_rules_dir() / "lexicon.txt"
    if lexicon.exists():
        digest.update(lexicon.read_bytes())
    return digest.hexdigest()[:16]


class Cache:
    def __init__(self, folder: Path, rules: list[Rule], known: frozenset[str] = frozenset()) -> None:
        self.folder = folder / ruleset_key(rules, known)

    @staticmethod
    def key(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def get(self, key: str) -> tuple[list[Finding], list[str], dict | None] | None:
        """(findings, notes, the template used as {"path", "similarity"} or None), or None."""
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return [Finding.from_dict(f) for f in entry["findings"]], list(entry["notes"]), entry.get("template")
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, findings: list[Finding], notes: list[str], template: dict | None = None) -> None:
        """Only successful lints are stored: a read error may be gone on the next run."""
        entry = json.dumps({"findings": [f.to_dict() for f in findings], "notes": notes, "template": template},
                           ensure_ascii=False)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(entry)
            os.replace(temp, self.folder / f"{key}.json")
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temp)  # a cache that cannot be written only costs speed
