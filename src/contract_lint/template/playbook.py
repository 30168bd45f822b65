"""Playbooks: a template's clauses and blanks as rules a team edits (`contract-lint derive`).

    # contract-lint playbook (contract-lint derive 标准合同.docx)
    template: 标准合同.docx          # the template, relative to this file
    default-policy: negotiable        # optional: the policy of every clause without its own
    clauses:
      - number: 第五条 5.2            # the template's clause, as contract-lint labels it
        heading: 保密条款
        text: 保密期限自乙方知悉商业秘密之日起……
        policy: locked                # locked | negotiable | required
    blanks:
      - clause: 第五条 5.2
        label: 保密年限
        kind: duration
        constraints: {min: 2年}       # min, max (with their unit), allowed: [..]

Policies: `locked`, any change is an error; `negotiable`, a change is information; `required`,
deleting the clause is an error. A clause's policy covers its sub-clauses unless they have their
own. `text` is the template's wording as derived: it is checked against the template, so a
playbook left behind by a changed template is an error, not a silent mismatch.

Every mistake is a PlaybookError reading `file:line: what is wrong`, like a broken rule file.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from ..readers import ReadError, read_path
from ..regexcache import regex
from . import from_document
from .build import POLICIES, Template
from .slots import KINDS, Constraint, measure

PLAYBOOK_SUFFIXES = (".yaml", ".yml")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP = {"template", "default-policy", "clauses", "blanks"}
_CLAUSE = {"number", "heading", "text", "policy"}
_BLANK = {"clause", "label", "kind", "unit", "constraints", "n"}
_CONSTRAINT = {"min", "max", "allowed"}


class PlaybookError(Exception):
    """str() is `file:line: what is wrong`."""


def is_playbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in PLAYBOOK_SUFFIXES


def template_of(path: Path) -> Path:
    """The template file a playbook names (without reading the template); it must exist."""
    data, lines = _parse(path)
    found = _template_path(path, data, lines)
    if not found.is_file():
        raise PlaybookError(f"{path}:{lines.get(('template',), 1)}: template {data['template']}: no such file")
    return found


def load(path: Path, rules) -> Template:
    """The template a playbook names, with the playbook's policies and constraints applied."""
    data, lines = _parse(path)
    template_path = _template_path(path, data, lines)
    try:
        document = read_path(template_path)
    except ReadError as exc:
        raise PlaybookError(f"{path}:{lines.get(('template',), 1)}: template {template_path}: {exc}") from None
    if not document.text.strip():
        raise PlaybookError(f"{path}:{lines.get(('template',), 1)}: template {template_path} is empty")
    template = from_document(document, rules, str(template_path))
    return apply(template, data, lines, path)


def apply(template: Template, data: dict, lines: dict, path: Path) -> Template:
    def fail(where: tuple, message: str) -> PlaybookError:
        return PlaybookError(f"{path}:{lines.get(where, 1)}: {message}")

    default = data.get("default-policy")
    if default is not None and default not in POLICIES:
        raise fail(("default-policy",), f"default-policy must be one of {', '.join(POLICIES)}, got {default!r}")
    paths = {p.unit.path: p for p in template.patterns}
    policies: dict[str, str] = {}
    for i, item in enumerate(_items(data, "clauses", fail)):
        where = ("clauses", i)
        _keys(item, _CLAUSE, where, fail, "clause")
        number = item.get("number")
        if not isinstance(number, str) or not number.strip():
            raise fail(where, "each clause needs a 'number' (the template's clause, e.g. 第五条 5.2)")
        number = " ".join(number.split())
        if number not in paths:
            raise fail((*where, "number"), f"the template {template.path} has no clause '{number}' "
                              f"(its clauses: {_sample(paths)})")
        text = item.get("text")
        if text is not None and _compared(str(text)) != _compared_template(template, number):
            raise fail((*where, "text"), f"text of clause '{number}' differs from the template {template.path} "
                              "(run `contract-lint derive` again after changing the template)")
        policy = item.get("policy")
        if policy is not None:
            if policy not in POLICIES:
                raise fail((*where, "policy"), f"policy must be one of {', '.join(POLICIES)}, got {policy!r}")
            policies[number] = policy
    slots = list(template.slots)
    for i, item in enumerate(_items(data, "blanks", fail)):
        where = ("blanks", i)
        _keys(item, _BLANK, where, fail, "blank")
        index = _find_slot(template, item, where, fail)
        slot = slots[index]
        kind = item.get("kind", slot.kind)
        if kind not in KINDS:
            raise fail((*where, "kind"), f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        unit = str(item.get("unit", slot.unit) or "")
        constraint = _constraint(item.get("constraints"), kind, unit, where, fail)
        slots[index] = dataclasses.replace(slot, kind=kind, unit=unit, constraint=constraint)
    return dataclasses.replace(template, slots=tuple(slots), policies=policies, default_policy=default,
                               playbook=str(path))


def _parse(path: Path) -> tuple[dict, dict]:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError(f"{path}:1: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        node = yaml.compose(source, Loader=_LOADER)
        data = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PlaybookError(f"{path}:{mark.line + 1 if mark else 1}: invalid YAML: "
                            f"{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or node is None:
        raise PlaybookError(f"{path}:1: a playbook is a mapping with 'template', 'clauses' and 'blanks'")
    lines: dict[tuple, int] = {}
    _lines(node, (), lines)
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise PlaybookError(f"{path}:{lines.get((unknown[0],), 1)}: unknown key '{unknown[0]}' "
                            f"(known: {', '.join(sorted(_TOP))})")
    return data, lines


def _lines(node, where: tuple, out: dict) -> None:
    """The line of every key and item, by its path: ("clauses", 3, "policy") -> 41."""
    out.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[(*where, key.value)] = key.start_mark.line + 1
            _lines(value, (*where, key.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[(*where, i)] = item.start_mark.line + 1
            _lines(item, (*where, i), out)


def _template_path(path: Path, data: dict, lines: dict) -> Path:
    name = data.get("template")
    if not isinstance(name, str) or not name.strip():
        raise PlaybookError(f"{path}:{lines.get(('template',), 1)}: 'template' must name the template file "
                            "(relative to the playbook)")
    return path.parent / name


def _items(data: dict, key: str, fail) -> list[dict]:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise fail((key,), f"'{key}' must be a list")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise fail((key, i), f"each item of '{key}' must be a mapping")
    return items


def _keys(item: dict, known: set[str], where: tuple, fail, what: str) -> None:
    unknown = sorted(set(item) - known)
    if unknown:
        raise fail((*where, unknown[0]), f"unknown key '{unknown[0]}' in a {what} (known: {', '.join(sorted(known))})")


def _sample(paths) -> str:
    names = list(paths)
    return ", ".join(names[:8]) + (", …" if len(names) > 8 else "")


def _compared(text: str) -> str:
    from .units import DROP_CHARS

    return "".join(ch for ch in text if ch not in DROP_CHARS)


def _compared_template(template: Template, number: str) -> str:
    return _compared(_clause_text(template, number))


def _find_slot(template: Template, item: dict, where: tuple, fail) -> int:
    clause, label = item.get("clause"), item.get("label")
    if not isinstance(clause, str) or not isinstance(label, str):
        raise fail(where, "each blank needs 'clause' and 'label' (as `contract-lint derive` writes them)")
    clause = " ".join(clause.split())
    found = [s.index for s in template.slots if s.clause == clause and s.label == label]
    if not found:
        raise fail((*where, "label"), f"the template {template.path} has no blank '{label}' in clause '{clause}' "
                          "(as `contract-lint derive` lists them)")
    n = item.get("n", 1)
    if not isinstance(n, int) or not 1 <= n <= len(found):
        raise fail((*where, "n"), f"'n' must be between 1 and {len(found)}: the clause has {len(found)} "
                                  f"blanks labelled '{label}'")
    return found[n - 1]


def _constraint(raw, kind: str, unit: str, where: tuple, fail) -> Constraint | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail((*where, "constraints"), "'constraints' must be a mapping of min, max and allowed")
    unknown = sorted(set(raw) - _CONSTRAINT)
    if unknown:
        raise fail((*where, "constraints", unknown[0]), f"unknown constraint '{unknown[0]}' "
                                                        f"(known: {', '.join(sorted(_CONSTRAINT))})")
    bounds = {}
    for key in ("min", "max"):
        if key in raw:
            text = str(raw[key])
            value = measure(kind, text, unit)
            if value is None:
                raise fail((*where, "constraints", key), f"cannot read {key}: {text!r} as a {kind} value "
                                                         "(write it as the contract would: 2年, 30%, 30日, 50000元)")
            bounds[key] = (text, value)
    allowed = raw.get("allowed", [])
    if not isinstance(allowed, list) or not all(isinstance(a, (str, int, float)) for a in allowed):
        raise fail((*where, "constraints", "allowed"), "'allowed' must be a list of values")
    return Constraint(bounds["min"][0] if "min" in bounds else None, bounds["max"][0] if "max" in bounds else None,
                      bounds["min"][1] if "min" in bounds else None, bounds["max"][1] if "max" in bounds else None,
                      tuple(str(a) for a in allowed))


# --------------------------------------------------------------------------- derive


def derive(template: Template, template_path: Path, output: Path | None) -> str:
    """The playbook of a template, as YAML text with comments, for the team to edit."""
    relative = _relative(template_path, output.parent if output else Path.cwd())
    out = ["# contract-lint playbook: the clauses and blanks of a standard template, as rules.",
           f"# Derived by `contract-lint derive {template_path.name}`; edit it and commit it next to the contracts.",
           "# policy: locked (any change is an error) | negotiable (a change is information) |",
           "#         required (deleting the clause is an error); without one, the default-policy below,",
           "#         or the rules' own severities.",
           "# constraints of a blank: min, max (written with their unit: 2年, 30%, 30日, 50000元), allowed: [..]",
           f"template: {_scalar(relative)}",
           "# default-policy: negotiable",
           "clauses:"]
    seen: set[str] = set()
    for pattern in template.patterns:
        unit = pattern.unit
        if unit.path in seen:
            continue
        seen.add(unit.path)
        text = _clause_text(template, unit.path)
        heading = _heading(template, unit)
        out.append(f"  - number: {_scalar(unit.path)}")
        if heading:
            out.append(f"    heading: {_scalar(heading)}")
        if text != heading:  # an article's own text is often its heading alone
            out.append(_text_item(text))
    out.append("blanks:" if template.slots else "blanks: []")
    counts: dict[tuple[str, str], int] = {}
    for slot in template.slots:
        counts[(slot.clause, slot.label)] = counts.get((slot.clause, slot.label), 0) + 1
        out.append(f"  - clause: {_scalar(slot.clause)}")
        out.append(f"    label: {_scalar(slot.label)}")
        if counts[(slot.clause, slot.label)] > 1:
            out.append(f"    n: {counts[(slot.clause, slot.label)]}")
        out.append(f"    kind: {slot.kind}")
        if slot.unit:
            out.append(f"    unit: {_scalar(slot.unit)}")
        if slot.options:
            out.append(f"    # options: {' / '.join(slot.options)}")
    return "\n".join(out) + "\n"


def _clause_text(template: Template, path: str) -> str:
    """A clause's wording in the template: its units, one line each (the preamble has many)."""
    units = [p.unit for p in template.patterns if p.unit.path == path]
    return "\n".join(" ".join(template.document.text[u.start:u.end].split()) for u in units)


def _text_item(text: str) -> str:
    if "\n" not in text:
        return f"    text: {_scalar(text)}"
    return "    text: |-\n" + "\n".join(f"      {line}" for line in text.splitlines())


def _heading(template: Template, unit) -> str:
    """The title of the article a clause belongs to."""
    if unit.article is None:
        return ""
    return template.document.clauses[unit.article].title


def _relative(target: Path, folder: Path) -> str:
    import os

    try:
        return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return target.resolve().as_posix()


_PLAIN = regex(r"[^\s:#'\"\[\]{},&*!|>%@`?-][^:#\n]*")


def _scalar(value: str) -> str:
    """A YAML scalar: plain when it reads back as the same string, else double-quoted."""
    if _PLAIN.fullmatch(value) and value == value.strip() and yaml.safe_load(value) == value:
        return value
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6).strip().removesuffix("...").strip()
