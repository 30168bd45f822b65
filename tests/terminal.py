"""Running `contract-lint` as a user does: in a pipe, or on a terminal (a pseudo-terminal of a
given width), with a clean environment of colour variables."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

CLEARED = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "GITHUB_ACTIONS", "COLUMNS", "LINES",
           "SOURCE_DATE_EPOCH")


def environment(columns: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(COLUMNS=str(columns), PYTHONIOENCODING="utf-8", TERM="xterm-256color", **(extra or {}))
    return env


def run(*args: str | os.PathLike, cwd: Path, env: dict[str, str] | None = None, columns: int = 100,
        stdin: str | None = None) -> subprocess.CompletedProcess:
    """stdout and stderr are pipes."""
    return subprocess.run([sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd,
                          env=environment(columns, env), capture_output=True, text=True, encoding="utf-8",
                          input=stdin, timeout=300)


def run_in_terminal(*args: str | os.PathLike, cwd: Path, env: dict[str, str] | None = None, columns: int = 100,
                    stdout_tty: bool = True, stderr_tty: bool = False,
                    command: list[str] | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) with stdout and/or stderr on a pseudo-terminal `columns` wide.
    The terminal's CR LF line ends are read back as LF."""
    streams = {}
    fds = []
    for name, tty in (("stdout", stdout_tty), ("stderr", stderr_tty)):
        if tty:
            master, slave = pty.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
            streams[name] = slave
            fds.append((name, master, slave))
        else:
            streams[name] = subprocess.PIPE
    process = subprocess.Popen(command or [sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd,
                               env=environment(columns, env), stdin=subprocess.DEVNULL, **streams)
    for _, _, slave in fds:
        os.close(slave)
    # read every stream as it comes: a full pipe would block the process while we wait on another
    out = {name: b"" for name in ("stdout", "stderr")}
    readers = {master: name for name, master, _ in fds}
    for name in ("stdout", "stderr"):
        pipe = getattr(process, name)
        if pipe is not None:
            readers[pipe.fileno()] = name
    while readers:
        ready, _, _ = select.select(list(readers), [], [], 300)
        if not ready:
            break
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                chunk = b""
            if chunk:
                out[readers[fd]] += chunk
            else:
                if fd in {master for _, master, _ in fds}:
                    os.close(fd)
                del readers[fd]
    code = process.wait(timeout=300)

    def text(name: str) -> str:
        return out[name].decode("utf-8", errors="replace").replace("\r\n", "\n")

    return code, text("stdout"), text("stderr")
