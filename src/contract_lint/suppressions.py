"""Suppressions: a contract has no code comments, so they live where reviewers already write.

- In a .docx: a Word comment whose text starts with `contract-lint: disable=RULE[,RULE]`
  (optionally followed by `reason=…`) suppresses those rules for the text it is anchored on.
- In .txt/.md: `<!-- contract-lint: disable=RULE -->` … `<!-- contract-lint: enable=RULE -->`
  suppresses the rules between the two (to the end of the document without an `enable`).
- An ignore file (`.contract-lint-ignore.yaml`) lists finding fingerprints, each with a
  mandatory reason, for findings that are accepted as they are.

RULE is a rule id or code; `all` suppresses every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Finding
from .model import Document
from .regexcache import regex

IGNORE_FILE = ".contract-lint-ignore.yaml"
_DIRECTIVE = regex(r"^\s*contract-lint\s*:\s*(?P<verb>disable|enable)\s*=\s*(?P<rules>[A-Za-z0-9_\-]+"
                        r"(?:\s*,\s*[A-Za-z0-9_\-]+)*)(?:\s+reason\s*=\s*(?P<reason>.*))?", re.S)
_TEXT_DIRECTIVE = regex(r"<!--\s*(contract-lint\s*:.*?)-->", re.S)


class IgnoreFileError(Exception):
    pass


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    rules: frozenset[str]
    reason: str = ""
    at: tuple[int, int] = (0, 0)  # where the suppression itself is written (comment anchor or directive)

    def covers(self, finding: Finding) -> bool:
        if not ({"all", finding.rule, finding.code} & self.rules):
            return False
        start, end = finding.location.start, max(finding.location.end, finding.location.start + 1)
        return start < max(self.end, self.start + 1) and self.start < end


def parse_directive(text: str) -> tuple[str, frozenset[str], str] | None:
    m = _DIRECTIVE.match(text)
    if not m:
        return None
    rules = frozenset(r.strip() for r in m.group("rules").split(",") if r.strip())
    return m.group("verb"), rules, (m.group("reason") or "").strip()


def from_document(document: Document) -> list[Suppression]:
    found: list[Suppression] = []
    for comment in document.comments:
        directive = parse_directive(comment.text)
        if directive and directive[0] == "disable":
            found.append(Suppression(comment.start, comment.end, directive[1], directive[2],
                                     (comment.start, comment.end)))
    open_since: dict[str, tuple[int, str, tuple[int, int]]] = {}
    for m in _TEXT_DIRECTIVE.finditer(document.text):
        directive = parse_directive(m.group(1))
        if not directive:
            continue
        verb, rules, reason = directive
        for rule in rules:
            if verb == "disable":
                open_since.setdefault(rule, (m.end(), reason, m.span()))
            elif rule in open_since:
                start, why, at = open_since.pop(rule)
                found.append(Suppression(start, m.start(), frozenset({rule}), why, at))
    found.extend(Suppression(start, len(document.text), frozenset({rule}), why, at)
                 for rule, (start, why, at) in open_since.items())
    return found


def apply(findings: list[Finding], suppressions: list[Suppression],
          ran: set[str]) -> tuple[list[Finding], list[Suppression]]:
    """(findings kept, suppressions that suppressed nothing). A suppression naming a rule that
    did not run (not selected) cannot be judged, so it is never called unused."""
    if not suppressions:
        return findings, []
    used: set[int] = set()
    kept = []
    for finding in findings:
        covering = [i for i, s in enumerate(suppressions) if s.covers(finding)]
        used.update(covering)
        if not covering:
            kept.append(finding)
    unused = [s for i, s in enumerate(suppressions)
              if i not in used and ("all" in s.rules or s.rules <= ran)]
    return kept, unused


def unknown(written: list[Suppression], known: set[str]) -> list[tuple[Suppression, tuple[str, ...]]]:
    """Each suppression that names a rule nobody has (`disable=CL0001`, a misspelt id), with
    those names: it can never suppress anything."""
    out = []
    for suppression in written:
        names = tuple(sorted(n for n in suppression.rules if n != "all" and n not in known))
        if names:
            out.append((suppression, names))
    return out


def load_ignore_file(path: Path) -> dict[str, str]:
    """fingerprint -> reason, from an ignore file; every entry needs a reason."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise IgnoreFileError(f"{path}: invalid YAML: {exc}") from None
    entries = data.get("ignore", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise IgnoreFileError(f"{path}: expected a list of {{fingerprint, reason}}")
    ignored = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise IgnoreFileError(f"{path}: entry {number}: needs a 'fingerprint'")
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise IgnoreFileError(f"{path}: entry {number}: a 'reason' is mandatory (why is this finding accepted?)")
        ignored[entry["fingerprint"]] = reason.strip()
    return ignored
