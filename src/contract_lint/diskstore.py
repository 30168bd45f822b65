"""A small dictionary kept between runs in the user's cache folder, for work every run would
otherwise repeat at start-up: compiled regular expressions, parsed rule files.

Values must be plain data (marshal). The file is read on first use and written once at exit,
whole, only when something was added; a store of another format or Python version, or a damaged
or unwritable file, is simply empty. Setting CONTRACT_LINT_NO_STARTUP_CACHE disables every store.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys

from .locations import cache_dir

# A store that outgrows this keeps only what its last run used: reading it must stay cheap (a
# typical run uses ~350 patterns, 0.5 MB, 2 ms to read), and varied configurations or a test
# suite must not grow it forever.
_MAX_ENTRIES = 1000


class Store:
    def __init__(self, name: str, version: tuple) -> None:
        self.name = name
        self.version = (sys.version, *version)
        self._entries: dict | None = None
        self._added: dict = {}
        self._used: set = set()

    def get(self, key):
        entries = self._load()
        value = entries.get(key)
        if value is not None:
            self._used.add(key)
        return self._added.get(key) if value is None else value

    def put(self, key, value) -> None:
        self._load()
        self._added[key] = value

    def forget(self, key) -> None:
        self._load().pop(key, None)

    def path(self) -> str:
        return os.path.join(cache_dir(), f"{self.name}.marshal")

    def _load(self) -> dict:
        if self._entries is None:
            self._entries = {}
            if os.environ.get("CONTRACT_LINT_NO_STARTUP_CACHE"):
                return self._entries
            try:
                with open(self.path(), "rb") as handle:
                    version, entries = marshal.load(handle)
                if version == self.version and isinstance(entries, dict):
                    self._entries = entries
            except (OSError, EOFError, ValueError, TypeError):
                pass
            atexit.register(self.save)
        return self._entries

    def save(self) -> None:
        if not self._added or self._entries is None or os.environ.get("CONTRACT_LINT_NO_STARTUP_CACHE"):
            return
        if len(self._entries) + len(self._added) <= _MAX_ENTRIES:
            entries = dict(self._entries)
        else:
            entries = {key: self._entries[key] for key in self._used if key in self._entries}
        entries.update(self._added)
        target = self.path()
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            temporary = f"{target}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                marshal.dump((self.version, entries), handle)
            os.replace(temporary, target)
        except (OSError, ValueError):
            return
        self._entries.update(self._added)
        self._added.clear()
