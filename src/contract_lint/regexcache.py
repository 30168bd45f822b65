"""Compiled regular expressions kept between runs.

Python compiles every regular expression again in each new process. This package's ~330 fixed
patterns (many with classes of Chinese characters, on which sre's optimiser is slow) cost a cold
run 100-150 ms: more than reading and linting a ten-page contract. `regex()` keeps what the
compiler produced (the sre program, a list of integers) in a store in the user's cache folder
(diskstore), keyed by the Python build, and hands it straight to `_sre` on the next run, as
`__pycache__` does for bytecode. The pattern object is the one `re.compile` would have made.

Only fixed patterns go through here: the module constants and the rules' patterns. A pattern
made from a document's own words is compiled with `re.compile` and never stored. Anything
unexpected (a damaged entry, changed `re` internals) falls back to `re.compile`.
"""

from __future__ import annotations

import array
import re

try:  # the compiler's parts: re._parser / re._compiler from 3.11, sre_parse / sre_compile before
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler
    import sre_parse as _parser
import _sre

from .diskstore import Store

# the program is stored as machine words: bytes load a hundred times faster than lists of ints
_WORD = {2: "H", 4: "I", 8: "Q"}.get(getattr(_sre, "CODESIZE", 4), "I")
_STORE = Store("regex-cache", (2, getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0)))


_compiled: dict[tuple[str, int], re.Pattern[str]] = {}  # this process's patterns, as re keeps its own


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the store when this Python has compiled it before."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is None:
        found = _compiled[key] = _load(pattern, key)
    return found


def _load(pattern: str, key: tuple[str, int]) -> re.Pattern[str]:
    flags = key[1]
    entry = _STORE.get(key)
    if entry is not None:
        try:
            final_flags, program, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, final_flags, array.array(_WORD, program).tolist(), groups, groupindex,
                                indexgroup)
        except Exception:  # a stale or damaged entry: compile it afresh
            _STORE.forget(key)
    try:
        final_flags, code, groups, groupindex, indexgroup = _program(pattern, int(flags))
        compiled = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
    except re.error:
        raise
    except Exception:  # re's internals are not what we expect: use re itself
        return re.compile(pattern, flags)
    _STORE.put(key, (final_flags, array.array(_WORD, code).tobytes(), groups, groupindex, indexgroup))
    return compiled


def _program(pattern: str, flags: int) -> tuple:
    """What re's compiler hands to _sre.compile (re._compiler.compile, unrolled)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
