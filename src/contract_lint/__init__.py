"""contract-lint: a deterministic, offline linter for Chinese service contracts.

With the settings the command line has (see `contract_lint.api`):

    from contract_lint import lint_path, lint_text
    findings = lint_path("agreement.docx", select=["CL001"])
    [f.to_dict() for f in findings]

Lower down, linting is a pure function of (document, rules):

    from contract_lint import load_rules, read_path, lint
    findings = lint(read_path("agreement.docx"), load_rules())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from .engine import lint
from .findings import Finding, Location
from .readers import ReadError, document_from_text, read_path
from .rules import RuleError, load_rules

if TYPE_CHECKING:
    from .api import ConfigError, UsageError, lint_path, lint_text

__all__ = ["ConfigError", "Finding", "Location", "ReadError", "RuleError", "UsageError", "__version__",
           "document_from_text", "lint", "lint_path", "lint_text", "load_rules", "read_path"]


def __getattr__(name: str):
    # the API brings the project layer (configuration, baseline, runner); the command imports this
    # package first, so it is loaded when used, not on every start
    if name in ("lint_path", "lint_text", "UsageError", "ConfigError"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'contract_lint' has no attribute {name!r}")
