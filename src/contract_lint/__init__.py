"""contract-lint: a deterministic, offline linter for Chinese service contracts.

Library use keeps linting a pure function of (document, rules):

    from contract_lint import load_rules, read_path, lint
    findings = lint(read_path("agreement.docx"), load_rules())
"""

__version__ = "0.1.0"

from .engine import lint
from .readers import ReadError, document_from_text, read_path
from .rules import load_rules

__all__ = ["ReadError", "__version__", "document_from_text", "lint", "load_rules", "read_path"]
