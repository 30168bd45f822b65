"""Where the tool's own files are: the rules it ships, and the user's cache folder (XDG), never
the project's. A leaf module, so that any layer may ask."""

from __future__ import annotations

import os
from pathlib import Path


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the installed package, or the repository's `rules/` when
    running from a source checkout (an editable install maps nothing for a data folder)."""
    here = Path(__file__).resolve().parent
    installed = here / "builtin_rules"
    return installed if installed.is_dir() else here.parents[1] / "rules"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contract-lint"
