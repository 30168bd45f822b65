"""What a project decides around linting: which rules, at which severity, for which files, and
which findings it has already accepted (per-file ignores, the ignore file, a baseline).

Command-line flags win over the configuration file; both are merged here, once, into plain
values the runner and the reporters use.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import Path

from . import config as config_file
from .baseline import load as load_baseline
from .baseline import new_findings
from .fingerprint import fingerprints
from .rules import Rule, builtin_rules_dir, load_rules
from .runner import FileResult
from .suppressions import IGNORE_FILE, load_ignore_file


class UsageError(ValueError):
    """A mistake in flags or configuration; str() is the one line to print."""


def names_rule(rule: Rule, name: str) -> bool:
    """A name is a rule id, or a code or code prefix ("CL0")."""
    return rule.id == name or rule.code.startswith(name.upper())


def split(value: str | None, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    if not names:
        raise UsageError(f"{option}: no rule named (see 'contract-lint rules')")
    return names


def available_rules(cfg: config_file.Config) -> list[Rule]:
    """Every rule the project knows: the built-in ones and its own (rule-paths)."""
    return load_rules([builtin_rules_dir(), *cfg.rule_paths])


def choose_rules(cfg: config_file.Config, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
                 extend_select: tuple[str, ...] = (), available: list[Rule] | None = None) -> list[Rule]:
    """The rules to run: built-in and the project's own, selected, with severities applied.

    A flag replaces the same key of the file; an explicit --select starts afresh (the file's
    select, extend-select and ignore are dropped); --extend-select adds to the file's."""
    rules = available if available is not None else available_rules(cfg)
    _check_names(rules, {"select": cfg.select or (), "ignore": cfg.ignore, "extend-select": cfg.extend_select,
                         "severity": tuple(cfg.severity),
                         "per-file-ignores": tuple(n for v in cfg.per_file_ignores.values() for n in v)},
                 where=f"{cfg.path}: " if cfg.path else "")
    _check_names(rules, {"--select": select or (), "--ignore": ignore or (), "--extend-select": extend_select})
    if select is not None:  # an explicit selection on the command line is what the user asked for
        chosen_select, extend, chosen_ignore = select, extend_select, tuple(ignore or ())
    else:
        chosen_select, extend = cfg.select, (*cfg.extend_select, *extend_select)
        chosen_ignore = ignore if ignore is not None else cfg.ignore
    chosen = rules
    if chosen_select is not None:
        chosen = [r for r in rules if any(names_rule(r, n) for n in (*chosen_select, *extend))]
    chosen = [r for r in chosen if not any(names_rule(r, n) for n in chosen_ignore)]
    return [dataclasses.replace(r, severity=_severity(r, cfg.severity)) for r in chosen]


def _check_names(rules: list[Rule], named: dict[str, tuple[str, ...]], where: str = "") -> None:
    for key, names in named.items():
        unknown = sorted(n for n in names if n != "all" and not any(names_rule(r, n) for r in rules))
        if unknown:
            raise UsageError(f"{where}{key}: unknown rule {', '.join(unknown)} (see 'contract-lint rules')")


def _severity(rule: Rule, overrides: dict[str, str]) -> str:
    for name, severity in overrides.items():
        if names_rule(rule, name):
            return severity
    return rule.severity


def accepted_filter(results: list[FileResult], cfg: config_file.Config, baseline: str | None) -> list[FileResult]:
    """Drop what the project has accepted: per-file ignores, the ignore file, the baseline."""
    if cfg.per_file_ignores:
        results = [dataclasses.replace(r, findings=tuple(f for f in r.findings
                                                         if not _ignored_here(r.path, f.rule, f.code, cfg)))
                   for r in results]
    ignore_file = cfg.root / IGNORE_FILE
    if ignore_file.is_file():
        accepted = load_ignore_file(ignore_file)
        results = [dataclasses.replace(r, findings=tuple(f for f, fp in zip(r.findings, fingerprints(r.findings),
                                                                              strict=True) if fp not in accepted))
                   for r in results]
    if baseline:
        results = new_findings(results, load_baseline(baseline))
    return results


def _ignored_here(path: str, rule: str, code: str, cfg: config_file.Config) -> bool:
    relative = _relative(path, cfg.root)
    for glob, names in cfg.per_file_ignores.items():
        if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(Path(path).name, glob):
            if any(n == rule or code.startswith(n.upper()) or n == "all" for n in names):
                return True
    return False


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
