"""`--format html`: the page is parsed back (html.parser) and checked against the findings.

Every finding must have exactly one highlight element (`<mark data-finding=…>`) whose text, with
any continuation marks of a crossing finding, is the finding's text at the finding's offset; the
panel and the text must link to each other with plain anchors; nothing may be fetched; and the
contract text must come back out of the page unchanged, whatever it contains.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contract_lint import document_from_text, lint, load_rules, read_path
from contract_lint.findings import Finding, Location
from contract_lint.reporters import html as html_reporter
from contract_lint.runner import FileResult
from tools.docxgen import Blank, Doc, Level

ROOT = Path(__file__).resolve().parent.parent
RULES = [r for r in load_rules() if r.code in ("CL001", "CL002", "CL003", "CL004")]  # the page, not the rules
VOID = {"meta", "br", "input", "link", "img", "hr"}

CONTRACT = """网店运营服务合同

甲方：[甲方名称]
乙方：<script>alert("乙方")</script> & 伙伴 "运营" 工作室

第一条 服务内容
1.1 乙方为甲方在京东开设的XX旗舰店提供日常运营。
1.2 店铺后台账号及密码的保管责任由[约定方]承担。
第二条 考核
2.1 乙方应使店铺月度ROI不低于2.5，未达到的，甲方可扣减当月服务费。
第三条 保密
3.1 乙方对甲方的客户资料负有保密义务。
"""


class Page(HTMLParser):
    """The page as the tests need it: the contract's text, marks with their offsets, links, ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.contract: list[str] = []  # text of each <pre class="contract">
        self.marks: list[dict] = []  # {finding|continues, start, end} in the contract's text
        self.scripts: list[str] = []
        self._open_marks: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "pre" and "contract" in (attrs.get("class") or ""):
            self.contract.append("")
        if tag == "mark":
            mark = {**attrs, "start": len(self.contract[-1])}
            self.marks.append(mark)
            self._open_marks.append(mark)
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> does not close {self.stack[-1:]}"
        self.stack.pop()
        if tag == "mark":
            self._open_marks.pop()["end"] = len(self.contract[-1])

    def handle_data(self, data):
        if any(t == "pre" for t, _ in self.stack):
            self.contract[-1] += data
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed: {parser.stack}"
    return parser


def highlighted(page: Page, n: int, key: str) -> tuple[str, int]:
    """The text of finding `key`'s highlight (and continuations) in file n's text, and where it starts."""
    text = page.contract[n]
    own = [m for m in page.marks if m.get("data-finding") == f"f{key}"]
    assert len(own) == 1, f"finding {key}: {len(own)} highlight elements"
    parts = own + [m for m in page.marks if m.get("data-continues") == f"f{key}"]
    parts.sort(key=lambda m: m["start"])
    for a, b in itertools.pairwise(parts):
        assert a["end"] == b["start"], "a highlight and its continuation must be contiguous"
    return text[parts[0]["start"]:parts[-1]["end"]], parts[0]["start"]


def check_page(page_html: str, results: list[FileResult]) -> Page:
    page = parse(page_html)
    assert len(page.contract) == sum(1 for r in results if r.document is not None)
    for n, result in enumerate(results):
        assert page.contract[n] == result.document.text  # the text comes back unchanged
        for k, f in enumerate(result.findings, 1):
            text, start = highlighted(page, n, f"{n + 1}-{k}")
            assert (text, start) == (f.text, f.location.start)
    assert len(page.ids) == len(set(page.ids))
    for href in page.hrefs:
        assert href.startswith("#") and href[1:] in page.ids, href
    return page


def result_for(path: Path, rules=None) -> FileResult:
    document = read_path(path)
    return FileResult(str(path), tuple(lint(document, RULES if rules is None else rules)), None, document)


def finding(text: str, start: int, end: int, rule: str = "placeholder-unfilled", severity: str = "error") -> Finding:
    return Finding(rule, "CL001", severity, f"message {start}", "suggestion", text[start:end], "",
                   Location(1, start + 1, 1, end + 1, "首部", "body", start, end), "《民法典》第470条")


# --------------------------------------------------------------------------- tests


def test_every_finding_has_one_highlight_on_its_words(tmp_path: Path) -> None:
    src = tmp_path / "合同.txt"
    src.write_text(CONTRACT, encoding="utf-8")
    result = result_for(src)
    assert {f.rule for f in result.findings} == {f.id for f in RULES}  # every rule fires
    check_page(html_reporter.render([result], RULES), [result])
    # findings nest ([约定方] inside the account phrase), each still one element
    inner = next(f for f in result.findings if f.text == "[约定方]")
    outer = next(f for f in result.findings if f.rule == "account-liability-ambiguous")
    assert outer.location.start <= inner.location.start < inner.location.end <= outer.location.end


def test_overlapping_findings() -> None:
    text = "甲乙双方应当在合同签订后的七日内完成交付。"
    cases = [(0, 10), (3, 6), (3, 6), (5, 14), (8, 8), (12, 20), (0, len(text))]
    findings = tuple(finding(text, s, e) for s, e in cases)
    result = FileResult("x.txt", findings, None, document_from_text(text))
    page = check_page(html_reporter.render([result], RULES), [result])
    empty = [m for m in page.marks if m.get("data-finding") == "f1-5"]
    assert empty[0]["start"] == empty[0]["end"] == 8


def test_everything_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / '<img src=x onerror="alert(1)">.txt'
    src.write_text(CONTRACT, encoding="utf-8")
    result = result_for(src)
    page_html = html_reporter.render([result], RULES)
    page = check_page(page_html, [result])
    assert sum(1 for tag, _ in page.tags if tag == "script") == 1  # only ours
    assert not any(tag == "img" for tag, _ in page.tags)
    assert "<script>alert" not in page_html


def test_self_contained_and_usable_without_javascript(tmp_path: Path) -> None:
    src = tmp_path / "合同.txt"
    src.write_text(CONTRACT, encoding="utf-8")
    result = result_for(src)
    page_html = html_reporter.render([result], RULES)
    page = parse(page_html)
    for tag, attrs in page.tags:
        assert "src" not in attrs and tag != "link", (tag, attrs)
    assert "http://" not in page_html and "https://" not in page_html and "url(" not in page_html
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp["content"]
    # the filter needs JavaScript, so it is hidden until the script shows it
    form = next(a for t, a in page.tags if t == "form")
    assert "hidden" in form
    # panel item -> words, words -> panel item: plain anchors
    for k in range(1, len(result.findings) + 1):
        assert f"#f1-{k}" in page.hrefs and f"#p1-{k}" in page.hrefs


def test_panel_groups_by_clause_and_severity_with_counts(tmp_path: Path) -> None:
    src = tmp_path / "合同.txt"
    src.write_text(CONTRACT, encoding="utf-8")
    result = result_for(src)
    page_html = html_reporter.render([result], RULES)
    for f in result.findings:
        assert html_reporter.esc(f.message) in page_html
        assert html_reporter.esc(f.suggestion) in page_html
        assert html_reporter.esc(f.statute) in page_html
    clauses = [f.location.clause for f in result.findings]
    for clause in dict.fromkeys(clauses):
        assert f"{html_reporter.esc(clause)} <span class=\"count\">{clauses.count(clause)}</span>" in page_html


def test_docx_with_labels_headers_and_several_files(tmp_path: Path) -> None:
    d = Doc()
    num = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.header("编号：[合同编号]")
    d.para("服务内容", num=(num, 0))
    d.para("乙方应于", Blank(6), "日内交付运营方案。", num=(num, 1))
    d.save(tmp_path / "a.docx")
    clean = tmp_path / "b.txt"
    clean.write_text("第一条 服务\n1.1 乙方按月提交报告。\n", encoding="utf-8")
    results = [result_for(tmp_path / "a.docx"), result_for(clean), FileResult("c.docx", error="no such file")]
    page_html = html_reporter.render(results, RULES)
    check_page(page_html, [r for r in results if r.document])
    assert 'data-label="第一条"' in page_html and 'data-tag="页眉"' in page_html
    assert "没有发现问题" in page_html and "no such file" in page_html


def run_cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_writes_the_page(tmp_path: Path) -> None:
    (tmp_path / "合同.txt").write_text(CONTRACT, encoding="utf-8")
    proc = run_cli("合同.txt", "--select", "CL001,CL002,CL003,CL004", "--format", "html", "-o", "report.html",
                   cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    result = result_for(tmp_path / "合同.txt")
    check_page((tmp_path / "report.html").read_text(encoding="utf-8"), [result])


CORPUS = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".docx", ".txt", ".md"))


def test_corpus_pages() -> None:
    every_rule = load_rules()  # many rules, many overlapping findings: each still one highlight
    results = [result_for(p, every_rule) for p in CORPUS]
    check_page(html_reporter.render(results, every_rule), results)


@pytest.mark.skipif(not shutil.which("chromium"), reason="Chromium is not installed (apt-get install chromium): "
                    "cannot render the page")
def test_chromium_renders_the_page(tmp_path: Path) -> None:
    result = result_for(ROOT / "corpus" / "ec03-parttime-ops-defects.docx")
    page = tmp_path / "report.html"
    page.write_text(html_reporter.render([result], RULES), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", *flags, "--window-size=1200,900", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    # After the script ran: the filter is shown, and every finding is highlighted in the DOM.
    dom = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    rendered = parse(dom)
    form = next(a for t, a in rendered.tags if t == "form")
    assert "hidden" not in form
    assert {m["data-finding"] for m in rendered.marks if "data-finding" in m} == \
        {f"f1-{k}" for k in range(1, len(result.findings) + 1)}
