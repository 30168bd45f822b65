"""Where a report says a file is: relative to the repository, as code-scanning tools expect.

GitHub resolves SARIF `artifactLocation.uri` and the `file=` of a workflow command against the
repository root, so a run started in a subfolder must not report paths relative to that
subfolder. Outside a git repository the working directory is the root.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def repo_root(cwd: Path | None = None) -> Path:
    """The nearest folder at or above the working directory holding `.git` (a folder, or the
    file a worktree or submodule has), else the working directory."""
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def relative_to_root(path: str, root: Path) -> str | None:
    """The path relative to the root with `/` separators, or None when it lies outside it."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def repo_path(path: str, root: Path) -> str:
    """For a workflow command: relative to the root when inside it, else as shown elsewhere."""
    return relative_to_root(path, root) or path


def artifact_location(path: str, root: Path, base_id: str) -> dict:
    """A SARIF artifactLocation: a relative URI against `base_id` when the file is inside the
    root, else an absolute file URI. URIs must be ASCII, so Chinese names are percent-encoded."""
    relative = relative_to_root(path, root)
    if relative is None:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(relative), "uriBaseId": base_id}
