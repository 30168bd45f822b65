"""The HTML report on paper: printed to PDF by headless Chromium, every finding's text must be in
the PDF's text (pdftotext), each file must start a new page, and the page must say when and how
it was made. Skipped where Chromium, pdftotext or a Chinese font is missing (.ci/run installs
them: apt-get install chromium poppler-utils fonts-wqy-microhei)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from contract_lint import __version__, load_rules
from terminal import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("ho03-wechat-store-ops.docx", "ec01-parttime-ops-blank.docx", "ec08-parttime-customer-service.md",
           "ec03-parttime-ops-defects.docx")


def _chinese_font() -> bool:
    fc = shutil.which("fc-list")
    return bool(fc and subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip())


needs_printing = pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("pdftotext") and _chinese_font()),
    reason="needs chromium, pdftotext and a Chinese font (apt-get install chromium poppler-utils fonts-wqy-microhei)")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[dict, str, int]:
    """(the JSON report, the PDF's text, its page count) for a folder of four contracts."""
    folder = tmp_path_factory.mktemp("print")
    contracts = folder / "contracts"
    contracts.mkdir()
    for name in SAMPLES:
        shutil.copy(ROOT / "corpus" / name, contracts / name)
    (folder / "README.md").write_text("# 合同库\n\n这里放合同。\n", encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z
    run("--format", "html", "-o", "report.html", ".", cwd=folder, env=env)
    report = json.loads(run("--format", "json", ".", cwd=folder, env=env).stdout)
    pdf = folder / "report.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={folder / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (folder / "report.html").as_uri()],
                   capture_output=True, timeout=180)
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", timeout=60).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return report, text, pages


@needs_printing
def test_every_finding_is_in_the_printed_report(printed):
    report, text, _ = printed
    flat = squeeze(text)
    findings = [f for file in report["files"] for f in file["findings"]]
    assert len(findings) > 40  # far more than one screen of the side panel holds
    missing = [f"{f['code']} {f['message']}" for f in findings if squeeze(f["message"]) not in flat]
    assert missing == []
    for f in findings:
        assert squeeze(f["suggestion"])[:30] in flat


@needs_printing
def test_each_file_starts_a_new_page(printed):
    report, text, pages = printed
    assert pages >= len(report["files"]) + 1
    starts = [page for page in text.split("\f") if page.strip()]
    for file in report["files"][1:]:
        assert any(page.lstrip().startswith(file["path"]) for page in starts), file["path"]


@needs_printing
def test_the_printed_report_says_when_and_how_it_was_made(printed):
    _, text, _ = printed
    flat = squeeze(text)
    assert "生成时间2026-01-0100:00:00+00:00" in flat
    assert f"contract-lint{__version__}" in flat
    assert f"规则{len(load_rules())}条：CL001" in flat
    assert "跳过" in flat and "1个非合同文件：README.md" in flat


def test_the_page_has_the_metadata_and_per_file_counts(tmp_path):
    for name in SAMPLES[:2]:
        shutil.copy(ROOT / "corpus" / name, tmp_path / name)
    (tmp_path / "contract-lint.toml").write_text('select = ["CL001", "CL002"]\n', encoding="utf-8")
    run("--format", "html", "-o", "report.html", ".", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1767225600"})
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-01-01T00:00:00+00:00">' in page
    assert f"contract-lint {__version__}" in page
    assert "2 条：CL001、CL002" in page
    assert str(tmp_path / "contract-lint.toml") in page
    report = json.loads(run("--format", "json", ".", cwd=tmp_path).stdout)
    nav = re.search(r'<nav class="files">(.*?)</nav>', page, re.S).group(1)
    for file in report["files"]:
        counts = {s: sum(1 for f in file["findings"] if f["severity"] == s) for s in ("error", "warning", "info")}
        item = re.search(rf'<li><a href="#file\d+">{re.escape(file["path"])}</a>(.*?)</li>', nav).group(1)
        assert f"错误 {counts['error']}" in item and f"警告 {counts['warning']}" in item
        assert f"提示 {counts['info']}" in item
    assert "@media print" in page and ".panel{position:static;max-height:none;overflow:visible" in page
