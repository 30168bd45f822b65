"""`--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure, CircleCI).

One testsuite `contract-lint`, one testcase per file; a `<failure>` per finding and an
`<error>` for a file that could not be read. A file with no findings is a passing test.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import Finding
from ..regexcache import regex
from ..runner import FileResult

# XML 1.0 cannot hold these at all, even escaped; a contract's text can (a form feed from a
# page break), so they are dropped rather than producing a report no parser will read
_NOT_XML = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(results: list[FileResult], rules=None, info=None) -> str:
    counts = {"tests": str(len(results)),
              "failures": str(sum(1 for r in results if r.findings)),
              "errors": str(sum(1 for r in results if r.error))}
    suites = ET.Element("testsuites", name="contract-lint", **counts)
    suite = ET.SubElement(suites, "testsuite", name="contract-lint", **counts, skipped="0", time="0")
    for r in results:
        case = ET.SubElement(suite, "testcase", name=r.path, classname="contract-lint", file=r.path, time="0")
        if r.error:
            ET.SubElement(case, "error", message=_xml(r.error), type="unreadable").text = _xml(r.error)
        for f in r.findings:
            failure = ET.SubElement(case, "failure", message=_xml(f.message), type=f.rule)
            failure.text = _xml(_details(r.path, f))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _details(path: str, f: Finding) -> str:
    loc = f.location
    where = f"{path}:{loc.line}:{loc.column}" + (f" {loc.clause}" if loc.clause else "")
    lines = [f"{where} {f.code} {f.severity}", f.message]
    if f.context.strip():
        lines.append(f"原文：{f.context.strip()}")
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    return "\n".join(lines)


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
