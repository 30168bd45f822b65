"""`-o FILE`: write the report to a file, whole or not at all.

The report goes to a temporary file in the same folder (so the rename stays on one file
system), is flushed to disk, and then replaces FILE in one step: a CI step reading FILE, or a
crash half-way, never sees a half-written report.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def input_clash(output: str, inputs: list[str]) -> str | None:
    """The input file that `output` would overwrite, if any: contract-lint never writes to an
    input file, and a report written over a contract would destroy it."""
    for path in inputs:
        if _same_file(Path(path), Path(output)):
            return path
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # also catches a hard link or symlink to the input
    except OSError:
        return a.resolve() == b.resolve()


def write_atomic(path: str, text: str) -> None:
    target = Path(os.path.realpath(path))  # through a symlink, like a plain write would
    mode = _mode_for(target)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)  # mkstemp makes it private; a report should look like any new file
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(target.parent)


def _mode_for(target: Path) -> int:
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, so best effort."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def deliver(report: str, output: str | None) -> None:
    """Print the report, or write it to `output`; an empty report prints nothing."""
    if output is not None:
        write_atomic(output, report + "\n" if report else "")
    elif report:
        print(report)
