"""Rules as data: one YAML file per rule in `rules/`, validated when loaded.

A rule file names a check *kind* (a Python function in `contract_lint.checks`) and gives it
its parameters; everything a user reads (title, message, rationale, suggestion, statute) and
the examples that must fire / must not fire live in the same file, and the examples run as
tests. A broken rule file is reported as `file:line: what is wrong` before anything is linted.
"""

from __future__ import annotations

import hashlib
import marshal
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diskstore import Store
from .findings import SEVERITIES
from .locations import builtin_rules_dir
from .regexcache import regex

REQUIRED = ("id", "code", "severity", "title", "message", "rationale", "suggestion", "check", "examples")
OPTIONAL = ("statute", "params", "variants", "tags")
_ID = regex(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_CODE = regex(r"^CL\d{3}$")


# libyaml's loader when PyYAML was built with it: rule files are parsed on every start
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleError(Exception):
    """A rule file that cannot be used; str() is `file:line: message`."""


@dataclass(frozen=True)
class Example:
    text: str
    quote: str | None = None
    template: str | None = None  # the standard template the text is compared with (template rules)


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    severity: str
    title: str
    message: str
    rationale: str
    suggestion: str
    check: str
    statute: str | None = None
    params: dict = field(default_factory=dict, hash=False, compare=False)
    variants: dict = field(default_factory=dict, hash=False, compare=False)
    fire: tuple[Example, ...] = ()
    ok: tuple[Example, ...] = ()
    source: str = ""

    def texts(self, variant: str | None) -> tuple[str, str]:
        """(message, suggestion) templates for a hit's variant."""
        chosen = self.variants.get(variant or "", {})
        return chosen.get("message", self.message), chosen.get("suggestion", self.suggestion)


def rule_vocabulary(rule: Rule) -> dict[str, list[str]]:
    """What a rule understands, as its check kind describes it from the rule's own data (the kinds
    of account, the forms of a period, the metrics): for `explain`."""
    from .checks import CHECKS

    describe = getattr(CHECKS[rule.check], "describe", None)
    return describe(rule.params) if describe else {}


def load_rules(dirs: list[Path] | None = None) -> list[Rule]:
    """Load every *.yaml rule of the given folders (the built-in rules by default)."""
    from .checks import CHECKS  # the registry of check kinds, to validate `check:`

    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in dirs or [builtin_rules_dir()]:
        for path in sorted(Path(folder).glob("*.yaml")):
            rule = load_rule_file(path, CHECKS)
            for key in (rule.id, rule.code):
                if key in seen:
                    raise RuleError(f"{path}:1: '{key}' is already used by {seen[key]}")
                seen[key] = str(path)
            rules.append(rule)
    return rules


_PARSED = Store("rule-files", (1, yaml.__version__))


def _parsed(source: str):
    """The YAML of a rule file, parsed before when the same text was (a start-up store)."""
    key = hashlib.sha256(source.encode()).hexdigest()
    data = _PARSED.get(key)
    if data is None:
        data = yaml.load(source, Loader=_LOADER)
        try:
            marshal.dumps(data)
        except ValueError:
            return data  # not plain data (a date, a set): parsed every time
        _PARSED.put(key, data)
    return data


def load_rule_file(path: Path, checks: dict) -> Rule:
    source = path.read_text(encoding="utf-8")
    try:
        data = _parsed(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RuleError(f"{path}:{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}:1: a rule file must be a mapping of keys to values")

    def fail(key: str, message: str) -> RuleError:
        # the key's line, read again only for the message: composing every file costs each run
        node = yaml.compose(source, Loader=_LOADER)
        lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
        return RuleError(f"{path}:{lines.get(key, 1)}: {message}")

    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            raise fail(key, f"unknown key '{key}' (known: {', '.join(REQUIRED + OPTIONAL)})")
    for key in REQUIRED:
        if key not in data:
            raise RuleError(f"{path}:1: missing required key '{key}'")
    for key in ("id", "code", "severity", "title", "message", "rationale", "suggestion", "check"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise fail(key, f"'{key}' must be a non-empty string")
    if not _ID.match(data["id"]):
        raise fail("id", f"id '{data['id']}' must be kebab-case ascii")
    if not _CODE.match(data["code"]):
        raise fail("code", f"code '{data['code']}' must look like CL001")
    if data["severity"] not in SEVERITIES:
        raise fail("severity", f"severity must be one of {', '.join(SEVERITIES)}")
    if data["check"] not in checks:
        raise fail("check", f"unknown check kind '{data['check']}' (known: {', '.join(sorted(checks))})")
    params = data.get("params") or {}
    variants = data.get("variants") or {}
    if not isinstance(params, dict):
        raise fail("params", "'params' must be a mapping")
    if not isinstance(variants, dict) or not all(isinstance(v, dict) for v in variants.values()):
        raise fail("variants", "'variants' must map a name to {message, suggestion}")
    try:
        compiled = checks[data["check"]].prepare(params)
    except (re.error, ValueError, TypeError, KeyError) as exc:
        raise fail("params", f"bad params for check '{data['check']}': {exc}") from None
    fire, ok = _examples(data["examples"], fail)
    statute = data.get("statute")
    if isinstance(statute, list):
        statute = "；".join(str(s) for s in statute)
    return Rule(id=data["id"], code=data["code"], severity=data["severity"], title=data["title"].strip(),
                message=data["message"].strip(), rationale=_unfold(data["rationale"]),
                suggestion=data["suggestion"].strip(), check=data["check"], statute=statute,
                params=compiled, variants=variants, fire=fire, ok=ok, source=str(path))


_FOLD = regex(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def _unfold(text: str) -> str:
    """YAML's folded style joins source lines with a space, which Chinese does not put between
    words: drop a space that stands between two non-ASCII characters."""
    return _FOLD.sub("", text.strip())


def _examples(raw, fail) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(raw, dict) or not raw.get("fire") or not raw.get("ok"):
        raise fail("examples", "'examples' needs non-empty lists 'fire' and 'ok'")
    out = []
    for kind in ("fire", "ok"):
        items = []
        for item in raw[kind]:
            if isinstance(item, str):
                items.append(Example(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str) \
                    and set(item) <= {"text", "quote", "template"} \
                    and isinstance(item.get("template", ""), str):
                items.append(Example(item["text"], item.get("quote"), item.get("template")))
            else:
                raise fail("examples", f"each '{kind}' example is a string or {{text, quote, template}}")
        out.append(tuple(items))
    return out[0], out[1]
