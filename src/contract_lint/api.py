"""The library API: lint a contract from Python with the settings the command line has.

    from contract_lint import lint_path, lint_text
    findings = lint_path("合同.docx", select=["CL001", "confidentiality-period-missing"])
    [f.to_dict() for f in findings]          # the JSON report's findings

Settings mean what the flags mean: `select`, `ignore` and `extend_select` take rule ids, codes
or code prefixes (a list, or one comma-separated string as on the command line); an explicit
`select` starts afresh, as --select does. `config` is a configuration file (--config); left out,
it is found as the command line finds it, walking up from the file (lint_path) or from the
working directory (lint_text, as for a contract read from standard input). The configuration's
severities, per-file ignores and ignore file apply, as they do on the command line.

`template` is what `--template` takes (a template, a playbook or a folder of them); left out,
the configuration's `template` applies, as on the command line.

A mistake in the settings raises UsageError (a ValueError), a broken configuration or template
ConfigError, a broken rule file RuleError, a file that cannot be read ReadError: each message is
the one line the command line prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from . import config as config_file
from . import project
from .config import ConfigError
from .engine import lint
from .findings import Finding
from .project import UsageError
from .readers import DOCX_SUFFIXES, MARKDOWN_SUFFIXES, document_from_text, read_path
from .rules import Rule
from .runner import FileResult

__all__ = ["ConfigError", "UsageError", "lint_path", "lint_text"]

Names = str | Iterable[str] | None


def lint_text(text: str, *, select: Names = None, ignore: Names = None, extend_select: Names = None,
              config: str | os.PathLike | None = None, name: str = "<text>",
              template: str | os.PathLike | None = None) -> list[Finding]:
    """The findings in a contract's text, as `contract-lint --stdin-filename NAME -` reports them.
    `name` ending in .md reads the text as Markdown (its tables become cells)."""
    if Path(name).suffix.lower() in DOCX_SUFFIXES:
        raise UsageError(f"name: {name}: lint_text takes text; lint a .docx with lint_path")
    cfg = _config(config, Path.cwd())
    rules, known = _rules(cfg, select, ignore, extend_select)
    fmt = "md" if Path(name).suffix.lower() in MARKDOWN_SUFFIXES else "txt"
    document = document_from_text(text.replace("\r\n", "\n").replace("\r", "\n"), name, fmt)
    return _accepted(name, lint(document, rules, _template(template, cfg, name, document), known=known), cfg)


def lint_path(path: str | os.PathLike, *, select: Names = None, ignore: Names = None, extend_select: Names = None,
              config: str | os.PathLike | None = None, template: str | os.PathLike | None = None) -> list[Finding]:
    """The findings in one contract file (.docx, .txt, .md), as `contract-lint FILE` reports them."""
    cfg = _config(config, Path(path))
    rules, known = _rules(cfg, select, ignore, extend_select)
    document = read_path(path)
    return _accepted(str(path), lint(document, rules, _template(template, cfg, str(path), document), known=known),
                     cfg)


def _template(option: str | os.PathLike | None, cfg: config_file.Config, name: str, document):
    """The template the contract is compared with, chosen as the command line chooses it."""
    if option is None and cfg.template is None and not cfg.per_file_templates:
        return None
    from .template.catalog import TemplateError, open_catalog

    spec = str(option) if option is not None else (str(cfg.template) if cfg.template else None)
    mapping = {} if option is not None else {g: str(p) for g, p in cfg.per_file_templates.items()}
    try:
        catalog = open_catalog(spec, mapping, cfg.root, project.available_rules(cfg), None)
        choice = catalog.choose(name, document)
        return catalog.template(choice.source) if choice.source is not None else None
    except TemplateError as exc:
        raise ConfigError(f"template {exc}") from None


def _config(explicit: str | os.PathLike | None, start: Path) -> config_file.Config:
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ConfigError(f"config: no such file: {explicit}")
        return config_file.load(Path(explicit))
    return config_file.load(config_file.find(start))


def _names(value: Names, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return project.split(value, option)
    names = tuple(value)
    if not names:
        raise UsageError(f"{option}: no rule named (see 'contract-lint rules')")
    return names


def _rules(cfg: config_file.Config, select: Names, ignore: Names,
           extend_select: Names) -> tuple[list[Rule], frozenset[str]]:
    available = project.available_rules(cfg)
    rules = project.choose_rules(cfg, _names(select, "select"), _names(ignore, "ignore"),
                                 _names(extend_select, "extend_select") or (), available=available)
    return rules, frozenset(name for r in available for name in (r.id, r.code))


def _accepted(path: str, findings: list[Finding], cfg: config_file.Config) -> list[Finding]:
    """What the project has not accepted (per-file ignores, the ignore file), as on the command line."""
    (result,) = project.accepted_filter([FileResult(path, tuple(findings))], cfg, None)
    return list(result.findings)
