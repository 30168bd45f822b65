"""Which files a run lints.

A file named on the command line is linted, whatever it is. A folder is walked for .docx, .txt
and .md files, passing over what a contracts repository holds besides contracts:

- hidden files and folders, Word's lock files (`~$合同.docx`);
- build and tool folders (`build/`, `dist/`, `node_modules/`, `*.egg-info/` …);
- whatever git ignores (`.gitignore`, `.git/info/exclude`, the global excludes file), when the
  folder is inside a git work tree: git itself answers, so its rules hold exactly;
- the configured `exclude` globs;
- a `.md` or `.txt` that does not look like a contract (a README, a changelog, meeting notes, a
  report contract-lint wrote): see `looks_like_contract`. These are counted, so the summary can
  say how many were skipped and `--verbose` can list them.

With `--force-exclude`, named files go through the same selection as walked ones (what
pre-commit, which names every changed file, needs).
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .readers import WALKED_SUFFIXES
from .regexcache import regex

# ruff's default exclusions that are not hidden, and `build`, which Python packaging writes
TOOL_FOLDERS = frozenset({"build", "dist", "node_modules", "site-packages", "__pycache__", "__pypackages__",
                          "venv", "_build", "buck-out", "htmlcov"})
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
HEAD_BYTES = 16 * 1024  # a contract shows what it is on its first page


@dataclass(frozen=True)
class Selection:
    files: tuple[tuple[str, str | None], ...]  # (display path, error or None), in the order given
    skipped: tuple[str, ...] = ()  # .md/.txt files passed over because they do not look like contracts


def select(paths: Iterable[str], exclude: tuple[str, ...] = (), root: Path | None = None,
           force_exclude: bool = False) -> Selection:
    files: list[tuple[str, str | None]] = []
    skipped: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            files.append(("-", None))
        elif path.is_dir():
            found, passed = _walk(path, exclude, root)
            skipped.extend(passed)
            if not found and not passed:
                files.append((display_path(path), "folder has no .docx, .txt or .md files"))
            files.extend((p, None) for p in found)
        elif not path.exists():
            files.append((display_path(path), "no such file or folder"))
        elif force_exclude and not _selected_file(path, exclude, root):
            continue
        elif force_exclude and path.suffix.lower() in TEXT_SUFFIXES and not _contract_file(path):
            skipped.append(display_path(path))
        else:
            files.append((display_path(path), None))
    return Selection(tuple(files), tuple(skipped))


def _walk(folder: Path, exclude: tuple[str, ...], root: Path | None) -> tuple[list[str], list[str]]:
    """(files to lint, text files that are not contracts) under a folder, sorted."""
    found, passed = [], []
    ignored = _GitIgnored(folder)
    for current, dirs, names in os.walk(folder):
        here = Path(current)
        ignored.enter(here, names, dirs)
        dirs[:] = sorted(d for d in dirs if not _skipped_folder(d) and not ignored(here / d)
                         and not excluded(here / d, exclude, root))
        for name in sorted(names):
            file = here / name
            if name.startswith((".", "~$")) or file.suffix.lower() not in WALKED_SUFFIXES \
                    or ignored(file) or excluded(file, exclude, root):
                continue
            if file.suffix.lower() in TEXT_SUFFIXES and not _contract_file(file):
                passed.append(display_path(file))
            else:
                found.append(display_path(file))
    return found, passed


def _skipped_folder(name: str) -> bool:
    return name.startswith(".") or name in TOOL_FOLDERS or name.endswith(".egg-info")


def _selected_file(path: Path, exclude: tuple[str, ...], root: Path | None) -> bool:
    """Would a folder walk have picked this named file? (--force-exclude)"""
    if path.name.startswith((".", "~$")) or excluded(path, exclude, root):
        return False
    folder = path.resolve().parent
    if any(_skipped_folder(part) for part in _parts_below(folder, root)):
        return False
    return not _GitIgnored(folder, named=False)(path)


def _parts_below(folder: Path, root: Path | None) -> tuple[str, ...]:
    """The folder names between the project root (or the working directory) and `folder`."""
    for base in filter(None, (root, Path.cwd())):
        try:
            return folder.relative_to(base.resolve()).parts
        except ValueError:
            continue
    return ()


def excluded(path: Path, globs: Iterable[str], root: Path | None) -> bool:
    candidates = {path.name, path.as_posix()}
    for base in filter(None, (root, Path.cwd())):
        try:
            candidates.add(path.resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            pass
    return any(fnmatch.fnmatch(c, g) or fnmatch.fnmatch(c, g.rstrip("/") + "/*") for g in globs for c in candidates)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as users expect in a report."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.normpath(path if path.is_absolute() else os.path.relpath(path))


# --------------------------------------------------------------------------- git


class _GitIgnored:
    """Answers "does git ignore this path?" for one walk. git lists what it ignores under a
    folder in one call (`ls-files --others --ignored --exclude-standard --directory`, a wholly
    ignored folder as one entry); a nested repository (a folder with its own .git) is asked
    again when the walk enters it. Outside a work tree, or without git, nothing is ignored."""

    def __init__(self, folder: Path, named: bool = True) -> None:
        self.paths: set[Path] = set()
        self._ask(folder, named)

    def enter(self, folder: Path, names: list[str], dirs: list[str]) -> None:
        if ".git" in names or ".git" in dirs:
            self._ask(folder, named=False)

    def __call__(self, path: Path) -> bool:
        """Whether git ignores the path or a folder it lies in (a walk never enters an ignored
        folder; a named file may lie in one)."""
        path = path.resolve()
        return path in self.paths or any(parent in self.paths for parent in path.parents)

    def _ask(self, folder: Path, named: bool) -> None:
        try:
            done = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--others", "--ignored",
                                   "--exclude-standard", "--directory"],
                                  capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return  # no git: nothing can be known about ignores
        if done.returncode != 0:
            return  # not inside a work tree
        entries = [os.fsdecode(e) for e in done.stdout.split(b"\0") if e]
        if named and "./" in entries:
            return  # the named folder is itself ignored: the user asked for it all the same
        base = folder.resolve()
        self.paths.update((base / e.rstrip("/")).resolve() for e in entries)


# --------------------------------------------------------------------------- is it a contract?

# a title is a short line that names the kind of agreement at its end, e.g. 网络推广服务合同,
# 保密协议（2026版）, 授权委托书; a sentence that ends in 合同 has punctuation or is long
_NOUNS = "合同书|合同|协议书|协议|契约|合约|确认书|委托书|承诺书|保证书|约定书|授权书|意向书"
_TITLE = regex(rf"^(?![-*+]\s|\d+[.)、]|本|这|此|以下|我们|请|该)[^，。；：:！？,;!?]{{2,48}}(?:{_NOUNS})\s*"
                    r"(?:[（(【\[][^）)】\]]{1,16}[）)】\]])?$")
_ROLES = ("甲方|乙方|丙方|委托方|受托方|委托人|受托人|出租方|承租方|出租人|承租人|买方|卖方|买受人|出卖人|"
          "供方|需方|发包方|承包方|发包人|承包人|转让方|受让方|许可方|被许可方|服务方|聘用方|受聘方")
_PARTY = regex(rf"^({_ROLES})\s*(?:[（(][^）)]{{0,16}}[）)])?\s*[：:]")
_ARTICLE = regex(r"^第[一二三四五六七八九十百零〇两\d]+条")
_MARKUP = regex(r"^(?:[#>\s]|\*\*|__)+|(?:\*\*|__|\s|#)+$")


def looks_like_contract(text: str) -> bool:
    """A contract's first page says what it is. Either
    - a title among the first 5 non-empty lines: a short line (no sentence punctuation) that
      ends with 合同, 协议, 协议书, 确认书, 委托书, 承诺书 … (a bracketed note such as （2026版）
      may follow), or
    - the parties: lines that start with two different roles (甲方 and 乙方, 委托方 and 受托方 …)
      followed by a colon, and an article heading (第一条 …) at the start of a line.
    Markdown headings, bold and quotes are looked through. A README, a changelog, meeting notes
    or a contract-lint report has neither."""
    lines = [_MARKUP.sub("", line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if any(_TITLE.match(line) for line in lines[:5]):
        return True
    roles = {m.group(1) for line in lines[:120] if (m := _PARTY.match(line))}
    return len(roles) >= 2 and any(_ARTICLE.match(line) for line in lines)


def _contract_file(path: Path) -> bool:
    """looks_like_contract on the head of a .md/.txt file. A file that cannot be read or decoded
    counts as a contract, so that linting it reports the problem."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return True
    text = _decode_head(head)
    return True if text is None else looks_like_contract(text)


def _decode_head(data: bytes) -> str | None:
    """The text of the first bytes of a file, which may end inside a character."""
    from .readers.text import BOMS, DecodeError, decode

    for bom, encoding in BOMS:
        if data.startswith(bom):
            return codecs.getincrementaldecoder(encoding)(errors="replace").decode(data[len(bom):])
    if b"\x00" in data:
        try:
            return decode(data)[0]  # UTF-16 without a BOM
        except DecodeError:
            return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return codecs.getincrementaldecoder(encoding)().decode(data)  # not final: a cut character waits
        except UnicodeDecodeError:
            continue
    return None
