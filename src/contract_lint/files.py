"""Everything contract-lint writes (a report with -o, a baseline, a commented Word copy) is
written whole or not at all, and never over a file it reads.

The data goes to a temporary file in the same folder (so the rename stays on one file system),
is flushed to disk, and then replaces the target in one step: a CI step reading the file, or a
crash half-way, never sees a half-written one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def input_clash(output: str | os.PathLike, inputs: list[str]) -> str | None:
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


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path` atomically; raises OSError."""
    target = Path(os.path.realpath(path))  # through a symlink, like a plain write would
    mode = _mode_for(target)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
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
