"""Project configuration: `[tool.contract-lint]` in pyproject.toml, or a contract-lint.toml.

Found by walking up from the linted path (the first one given) to the filesystem root; the
nearest file that has a contract-lint section wins. Command-line flags win over the file.

    [tool.contract-lint]
    select = ["CL001", "confidentiality-period-missing"]   # ids, codes or code prefixes
    ignore = ["roi-undefined"]
    extend-select = ["CL9"]                                  # added to the selection
    fail-on = "error"                                        # error | warning | info | never
    exclude = ["drafts/**", "*.tmp.docx"]
    rule-paths = ["contract-rules"]                          # folders of a team's own YAML rules
    [tool.contract-lint.severity]
    roi-undefined = "info"
    template = "templates/"                                   # compare each contract with its template
    [tool.contract-lint.per-file-ignores]
    "templates/*.docx" = ["placeholder-unfilled"]
    [tool.contract-lint.per-file-templates]                  # instead of matching by similarity
    "contracts/nda/*.docx" = "templates/保密协议.docx"
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, before it joined the standard library
    import tomli as tomllib

from .findings import SEVERITIES

FILE_NAMES = ("contract-lint.toml", "pyproject.toml")
KEYS = {"select", "ignore", "extend-select", "fail-on", "exclude", "rule-paths", "severity", "per-file-ignores",
        "template", "per-file-templates"}
FAIL_ON = (*SEVERITIES, "never")


class ConfigError(Exception):
    """str() is `file: key: what is wrong`."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()
    rule_paths: tuple[Path, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    template: Path | None = None  # a template, a playbook or a folder of them
    per_file_templates: dict[str, Path] = field(default_factory=dict)  # glob -> template

    @property
    def root(self) -> Path:
        """Where relative globs and paths in the file are anchored."""
        return self.path.parent if self.path else Path.cwd()


def find(start: Path) -> Path | None:
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in FILE_NAMES:
            path = candidate / name
            if path.is_file() and _section(path) is not None:
                return path
    return None


def load(path: Path | None) -> Config:
    if path is None:
        return Config()
    section = _section(path)
    if section is None:
        raise ConfigError(f"{path}: no [tool.contract-lint] section")

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}: {key}: {message}")

    unknown = sorted(set(section) - KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (known: {', '.join(sorted(KEYS))})")

    def names(key: str) -> tuple[str, ...] | None:
        value = section.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "expected a list of rule ids or codes, e.g. [\"CL001\"]")
        return tuple(value)

    fail_on = section.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise fail("fail-on", f"expected one of {', '.join(FAIL_ON)}, got {fail_on!r}")
    severity = section.get("severity", {})
    if not isinstance(severity, dict) or not all(v in SEVERITIES for v in severity.values()):
        raise fail("severity", f"expected a table of rule = severity ({', '.join(SEVERITIES)})")
    per_file = section.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(isinstance(v, list) for v in per_file.values()):
        raise fail("per-file-ignores", "expected a table of \"glob\" = [rules]")
    rule_paths = names("rule-paths") or ()
    for folder in rule_paths:
        if not (path.parent / folder).is_dir():
            raise fail("rule-paths", f"no such folder: {folder}")
    template = section.get("template")
    if template is not None:
        if not isinstance(template, str) or not template:
            raise fail("template", "expected the path of a template, a playbook or a folder of them")
        if not (path.parent / template).exists():
            raise fail("template", f"no such file or folder: {template}")
    per_template = section.get("per-file-templates", {})
    if not isinstance(per_template, dict) or not all(isinstance(v, str) and v for v in per_template.values()):
        raise fail("per-file-templates", "expected a table of \"glob\" = \"template\"")
    for target in per_template.values():
        if not (path.parent / target).is_file():
            raise fail("per-file-templates", f"no such file: {target}")
    return Config(
        path=path, select=names("select"), ignore=names("ignore") or (),
        extend_select=names("extend-select") or (), fail_on=fail_on, exclude=names("exclude") or (),
        rule_paths=tuple(path.parent / folder for folder in rule_paths), severity=dict(severity),
        per_file_ignores={glob: tuple(rules) for glob, rules in per_file.items()},
        template=path.parent / template if template else None,
        per_file_templates={glob: path.parent / target for glob, target in per_template.items()},
    )


def _section(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("contract-lint")
    else:
        section = data.get("tool", {}).get("contract-lint", data)
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.contract-lint] must be a table")
    return section
