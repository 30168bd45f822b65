"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning uploads.

Columns count code points (`columnKind`), the unit of every Location. A result's region is in
the document's text view: for a `.docx` that is the text Word shows, not the zip's bytes,
which is why results carry content fingerprints (see fingerprint.py) rather than relying on
line hashes. Files that could not be read are tool notifications, not results.
"""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Finding
from ..fingerprint import VERSION_KEY, fingerprints
from ..rules import Rule
from ..runner import FileResult
from .paths import artifact_location, repo_root

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
BASE_ID = "%SRCROOT%"


def render(results: list[FileResult], rules: list[Rule], info=None) -> str:
    root = repo_root()
    descriptors = _descriptors(rules, results)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    run = {
        "tool": {"driver": {"name": "contract-lint", "version": __version__, "semanticVersion": __version__,
                            "rules": descriptors}},
        "originalUriBaseIds": {BASE_ID: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(results, root)],
        "results": [_result(r.path, f, fp, index, root)
                    for r in results for f, fp in zip(r.findings, fingerprints(r.findings), strict=True)],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _descriptors(rules: list[Rule], results: list[FileResult]) -> list[dict]:
    """Every selected rule, plus any rule a finding names that is not one of them (the engine's
    `internal-error`), so each result's ruleIndex points at a descriptor."""
    out = [_descriptor(rule) for rule in rules]
    known = {d["id"] for d in out}
    for f in (f for r in results for f in r.findings):
        if f.code not in known:
            known.add(f.code)
            out.append({"id": f.code, "name": f.rule, "shortDescription": {"text": f.rule},
                        "defaultConfiguration": {"level": LEVEL[f.severity]}})
    return out


def _descriptor(rule: Rule) -> dict:
    # ruff's convention: the short code is the id, the readable kebab-case id is the name
    help_text = rule.suggestion + (f"\n\n法律依据：{rule.statute}" if rule.statute else "")
    return {
        "id": rule.code,
        "name": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
    }


def _result(path: str, f: Finding, fingerprint: str, index: dict[str, int], root) -> dict:
    loc = f.location
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column}
    if f.text:
        region["snippet"] = {"text": f.text}
    location: dict = {"physicalLocation": {"artifactLocation": artifact_location(path, root, BASE_ID),
                                           "region": region}}
    if loc.clause:
        location["logicalLocations"] = [{"name": loc.clause, "kind": "module"}]
    return {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {VERSION_KEY: fingerprint},
    }


def _invocation(results: list[FileResult], root) -> dict:
    notifications = []
    for r in results:
        where = [{"physicalLocation": {"artifactLocation": artifact_location(r.path, root, BASE_ID)}}]
        if r.error:
            notifications.append({"level": "error", "message": {"text": r.error}, "locations": where})
        # reader notes (e.g. an encoding guessed) are worth keeping, but they are not failures
        for note in _notes(r):
            notifications.append({"level": "note", "message": {"text": note}, "locations": where})
    invocation: dict = {"executionSuccessful": not any(r.error for r in results)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _notes(result: FileResult) -> tuple[str, ...]:
    # the runner keeps a file's notes even when it drops the Document (e.g. a cache hit)
    return result.notes or (result.document.notes if result.document else ())
