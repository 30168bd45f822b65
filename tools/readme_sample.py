"""The README's sample runs: the `$ contract-lint …` blocks, and what the commands really print.

    python tools/readme_sample.py          # rewrite every block with today's output

tests/test_readme.py runs the same commands and compares, so the README cannot drift from the
tool (it did: it showed 3 findings where the command printed 6). The command runs as a reader
would run it: on a terminal (a pseudo-terminal, so the default format is the text report),
100 columns wide, without colour (NO_COLOR), from the repository's root.
"""

from __future__ import annotations

import os
import pty
import re
import select
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COLUMNS = 100
_BLOCK = re.compile(r"```\n\$ (contract-lint [^\n]*)\n(.*?)```", re.S)


def sample(readme: str) -> tuple[str, list[str]]:
    """(the command, the output lines the README shows) of its first sample."""
    found = samples(readme)
    if not found:
        raise ValueError("README.md has no ``` block starting with '$ contract-lint'")
    return found[0]


def samples(readme: str) -> list[tuple[str, list[str]]]:
    """Every sample: (the command, the output lines the README shows)."""
    return [(m.group(1), m.group(2).rstrip("\n").split("\n")) for m in _BLOCK.finditer(readme)]


def run(command: str) -> list[str]:
    """The command's output on a terminal COLUMNS wide, lines without trailing spaces."""
    import fcntl
    import termios

    args = command.split()[1:]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, COLUMNS, 0, 0))
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "GITHUB_ACTIONS", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    cache = tempfile.TemporaryDirectory()  # the reader's cache is theirs: leave it alone
    env.update(NO_COLOR="1", COLUMNS=str(COLUMNS), TERM="xterm", PYTHONIOENCODING="utf-8", XDG_CACHE_HOME=cache.name)
    process = subprocess.Popen([sys.executable, "-m", "contract_lint", *args], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 300)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    process.wait(timeout=300)
    cache.cleanup()
    text = out.decode("utf-8").replace("\r\n", "\n").rstrip("\n")
    return [line.rstrip() for line in text.split("\n")]


def main() -> None:
    readme = README.read_text(encoding="utf-8")
    for m in reversed(list(_BLOCK.finditer(readme))):  # from the end, so earlier offsets hold
        lines = run(m.group(1))
        readme = readme[:m.start(2)] + "\n".join(lines) + "\n" + readme[m.end(2):]
        print(f"README.md: the sample of '{m.group(1)}' now shows {len(lines)} lines")
    README.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
