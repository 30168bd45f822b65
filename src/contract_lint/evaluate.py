"""`contract-lint eval DIR`: measure every rule against a corpus of expected findings.

Each `NAME.expected.yaml` names its document and lists expected findings: `rule`, `quote`
(a string or a list of acceptable strings), optional `clause` and `count`. An optional
`template` names the standard template (or playbook) the document is compared with, as
`--template` does, relative to the expected file. A finding
matches an expectation when the rule is the same and its span overlaps an occurrence of one
of the quotes in the document's text view. Matching is one-to-one: an expectation with
`count: 3` absorbs at most three findings; every finding left over is a false positive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .engine import lint
from .findings import Finding
from .readers import ReadError, read_path
from .rules import Rule


class CorpusError(Exception):
    pass


@dataclass
class RuleScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    clause_checked: int = 0
    clause_right: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def clause_accuracy(self) -> float:
        return self.clause_right / self.clause_checked if self.clause_checked else 1.0


@dataclass
class Report:
    scores: dict[str, RuleScore] = field(default_factory=dict)
    documents: int = 0
    problems: list[str] = field(default_factory=list)  # one line per FP / FN / wrong clause


@dataclass(frozen=True)
class Expected:
    rule: str
    quotes: tuple[str, ...]
    count: int = 1
    clause: str | None = None


def evaluate(folder: Path, rules: list[Rule]) -> Report:
    report = Report({r.id: RuleScore() for r in rules})
    files = sorted(folder.glob("*.expected.yaml"))
    if not files:
        raise CorpusError(f"{folder}: no *.expected.yaml files")
    templates: dict[Path, object] = {}
    for spec in files:
        document_path, expected, template_path = _load(spec, {r.id for r in rules})
        try:
            document = read_path(document_path)
        except ReadError as exc:
            raise CorpusError(f"{document_path}: {exc}") from None
        template = None
        if template_path is not None:
            if template_path not in templates:
                templates[template_path] = _template(template_path, rules)
            template = templates[template_path]
        findings = lint(document, rules, template)
        _score(document.text, document_path.name, expected, findings, report)
        report.documents += 1
    return report


def _template(path: Path, rules: list[Rule]):
    from .template.catalog import TemplateError, load

    try:
        return load(path, rules)
    except TemplateError as exc:
        raise CorpusError(f"template {exc}") from None


def _load(spec: Path, known_rules: set[str]) -> tuple[Path, list[Expected], Path | None]:
    data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
    if "document" not in data:
        raise CorpusError(f"{spec}: missing 'document'")
    expected = []
    for item in data.get("findings") or []:
        if item.get("rule") not in known_rules:
            raise CorpusError(f"{spec}: unknown rule {item.get('rule')!r}")
        quote = item.get("quote")
        quotes = tuple(quote) if isinstance(quote, list) else (quote,)
        if not all(isinstance(q, str) and q for q in quotes):
            raise CorpusError(f"{spec}: every expectation needs a quote")
        expected.append(Expected(item["rule"], quotes, int(item.get("count", 1)), item.get("clause")))
    template = data.get("template")
    if template is not None and not isinstance(template, str):
        raise CorpusError(f"{spec}: 'template' must name a template file")
    return spec.parent / data["document"], expected, spec.parent / template if template else None


def _score(text: str, name: str, expected: list[Expected], findings: list[Finding], report: Report) -> None:
    unmatched = list(findings)
    for exp in expected:
        score = report.scores[exp.rule]
        spans = [(m.start(), m.start() + len(q)) for q in exp.quotes for m in re.finditer(re.escape(q), text)]
        if not spans:
            report.problems.append(f"{name}: quote not in the text: {exp.rule} {exp.quotes}")
        matched = 0
        for finding in list(unmatched):
            if matched == exp.count:
                break
            loc = finding.location
            if finding.rule == exp.rule and any(_overlaps(loc.start, loc.end, s, e) for s, e in spans):
                unmatched.remove(finding)
                matched += 1
                if exp.clause:
                    score.clause_checked += 1
                    if normalize_clause(loc.clause) == normalize_clause(exp.clause):
                        score.clause_right += 1
                    else:
                        report.problems.append(f"{name}: wrong clause for {exp.rule} {finding.text!r}: "
                                               f"reported {loc.clause!r}, expected {exp.clause!r}")
        score.tp += matched
        score.fn += exp.count - matched
        if matched < exp.count:
            report.problems.append(f"{name}: missed {exp.rule} {exp.quotes[0]!r} "
                                   f"({exp.count - matched} of {exp.count})")
    for finding in unmatched:
        if finding.rule in report.scores:
            report.scores[finding.rule].fp += 1
            report.problems.append(f"{name}:{finding.location.line}: unexpected {finding.rule} {finding.text!r} "
                                   f"at {finding.location.clause}")


def _overlaps(start: int, end: int, quote_start: int, quote_end: int) -> bool:
    """A finding's span overlaps the quote; a finding with no words of its own (where a clause is
    missing) matches a quote it stands in or touches, at either end."""
    if end <= start:
        return quote_start <= start <= quote_end
    return start < quote_end and quote_start < end


def normalize_clause(label: str | None) -> str:
    """Compare labels the way a reader does: spacing, bracket width and trailing dots aside."""
    if not label:
        return ""
    label = label.translate(str.maketrans("（）．", "().")).replace(" ", "").replace("、", "")
    return re.sub(r"(?<!\d)\.|\.(?!\d)", "", label)  # keep only the dots inside "2.3"
