"""The Word copy with comments (`--annotate`, `--annotate-dir`).

Each test builds its .docx with tools.docxgen (split runs, tracked changes, tables, a header, a
text box, a merge field, an existing reviewer comment) and reads the copy back on its own: the
comment anchors are found in the copy's XML and turned into offsets of the copy's text view, so
"the comment is on exactly the finding's words" is checked independently of how annotate.py
placed them. The contract texts are written for these tests.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from contract_lint import lint, load_rules, read_path
from contract_lint.annotate import AnnotateError, annotate
from contract_lint.findings import SEVERITY_LABELS
from tools.docxgen import Blank, Comment, Del, Doc, Ins, Level, MergeField, Text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_INLINE = {W + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "sdt", "sdtContent", "customXml",
                           "fldSimple", "bdo", "dir")}
ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()


# --------------------------------------------------------------------------- fixtures


def build_contract(path: Path) -> Path:
    """A contract with a finding in every place a comment can go, and things that must survive."""
    d = Doc(title="店铺运营服务合同")
    num = d.numbering([Level("chineseCounting", "第%1条"), Level("decimal", "%1.%2", legal=True)])
    d.header("合同编号：[合同编号]")
    d.footer("第 1 页")
    d.para("店铺运营服务合同", bold=True, align="center")
    d.table([["甲方", "[甲方名称]"], ["联系电话", ""], ["乙方", MergeField("乙方名称")]])
    d.para("服务内容", num=(num, 0))
    d.para(Comment("乙方负责", "请法务确认服务范围"), "甲方在天猫开设的XX旗舰店的日常运营，"
           "包括商品上新和客服。", num=(num, 1))
    d.para("乙方应于", Blank(6), "日内交付首月运营方案", Del("及年度计划"), "。", num=(num, 1))
    d.para("店铺负责人为", Ins("[店长姓名]"), "，由甲方另行书面通知。", num=(num, 1))
    d.para("考核与保密", num=(num, 0))
    d.para("乙方应使店铺每季度ROI不低于3，未达到的甲方可扣减当季服务费。", num=(num, 1))
    d.para(Text("乙方对甲方的经营数据负有保密义务，", bold=True), "不得向第三方披露。", num=(num, 1))
    d.textbox("备注：交付清单见附件[附件编号]")
    d.para("甲方（盖章）：", Blank(10))
    d.save(path)
    return path


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    return build_contract(tmp_path / "合同.docx")


CORE = [r for r in RULES if r.code in ("CL001", "CL002", "CL003", "CL004")]


def lint_path(path: Path, rules=None):
    document = read_path(path)
    return document, lint(document, RULES if rules is None else rules)


def key(finding) -> tuple:
    loc = finding.location
    return finding.rule, finding.text, loc.clause, loc.line, loc.start, loc.end


# --------------------------------------------------------------------------- reading the copy back


def _walk(element):
    """Runs and comment range markers of a paragraph, in reading order, as the reader counts runs."""
    for child in element:
        if child.tag == W + "r":
            yield "run", child
        elif child.tag in (W + "commentRangeStart", W + "commentRangeEnd"):
            yield child.tag[len(W):], child
        elif child.tag in _INLINE:
            yield from _walk(child)
        elif child.tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                yield from _walk(choice)


def comment_anchors(path: Path) -> tuple[object, dict[int, tuple[int, int]], dict[int, object]]:
    """(text view of the copy, {comment id: (start, end) in it}, {comment id: python-docx Comment})."""
    document = read_path(path)
    word = docx.Document(str(path))
    main = str(word.part.partname).lstrip("/")
    runs: dict[tuple[int, int], tuple[int, int]] = {}  # (paragraph, run) -> span in the text view
    for block in document.blocks:
        for piece in block.runs:
            if piece.xml_part == main:
                start = piece.start - piece.offset
                old = runs.get((piece.paragraph, piece.run), (start, start))
                runs[(piece.paragraph, piece.run)] = (old[0], max(old[1], piece.end))
    found: dict[int, dict[str, int | None]] = {}
    body = word.element.find(W + "body")
    for i, paragraph in enumerate(body.iter(W + "p")):
        count = 0
        for kind, element in _walk(paragraph):
            if kind == "run":
                count += 1
                continue
            after = sorted(r for p, r in runs if p == i and r >= count)
            before = sorted(r for p, r in runs if p == i and r < count)
            if kind == "commentRangeStart":
                pos = runs[(i, after[0])][0] if after else runs[(i, before[-1])][1] if before else None
            else:
                pos = runs[(i, before[-1])][1] if before else runs[(i, after[0])][0] if after else None
            found.setdefault(int(element.get(W + "id")), {})[kind] = pos
    anchors = {cid: (a.get("commentRangeStart"), a.get("commentRangeEnd")) for cid, a in found.items()}
    return document, anchors, {c.comment_id: c for c in word.comments}


def ours(comments: dict) -> dict:
    return {cid: c for cid, c in comments.items() if c.author == "contract-lint"}


def assert_one_comment_per_finding(findings, copy_path: Path) -> None:
    document, anchors, comments = comment_anchors(copy_path)
    mine = ours(comments)
    assert len(mine) == len(findings)
    left = dict(mine)
    for f in findings:
        heading = f"{SEVERITY_LABELS[f.severity]} · {f.rule} ({f.code})"  # the header in Chinese
        match = [cid for cid, c in left.items() if c.text.startswith(heading) and f.message in c.text]
        if f.location.part in ("header", "footer"):
            place = "页眉" if f.location.part == "header" else "页脚"
            match = [cid for cid in match if place in left[cid].text and f.text in left[cid].text]
        else:
            match = [cid for cid in match if anchors[cid] == (f.location.start, f.location.end)]
            assert match, f"no comment on {f.text!r} ({f.rule})"
            start, end = anchors[match[0]]
            assert document.text[start:end] == f.text
        assert match, f"no comment for {f.text!r} ({f.rule})"
        del left[match[0]]


# --------------------------------------------------------------------------- tests


def test_every_finding_is_a_comment_on_exactly_its_words(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    parts = {f.location.part for f in findings}
    assert {"body", "table", "header", "textbox"} <= parts  # the fixture covers every place
    out = tmp_path / "审阅.docx"
    result = annotate(contract, document, findings, out)
    assert result.comments == len(findings)
    assert_one_comment_per_finding(findings, out)


def test_comments_sit_in_table_cells_and_inside_tracked_insertions(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    out = tmp_path / "审阅.docx"
    annotate(contract, document, findings, out)
    body = docx.Document(str(out)).element.body
    starts = {el.get(W + "id"): el for el in body.iter(W + "commentRangeStart")}
    _, anchors, comments = comment_anchors(out)
    by_text = {document.text[s:e]: cid for cid, (s, e) in anchors.items() if cid in ours(comments)}
    inserted = starts[str(by_text["[店长姓名]"])]
    assert inserted.getparent().tag == W + "ins"  # the range starts inside the tracked insertion
    cell = starts[str(by_text["[甲方名称]"])]
    assert any(a.tag == W + "tc" for a in cell.iterancestors())
    merge = starts[str(by_text["«乙方名称»"])]
    assert any(a.tag == W + "tc" for a in merge.iterancestors())
    # the reference mark is never inside someone's tracked change
    for ref in body.iter(W + "commentReference"):
        assert not any(a.tag in (W + "ins", W + "del") for a in ref.iterancestors())


def test_the_copy_lints_to_the_same_findings(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    out = tmp_path / "审阅.docx"
    annotate(contract, document, findings, out)
    copy_document, again = lint_path(out)
    assert copy_document.text == document.text
    assert [key(f) for f in again] == [key(f) for f in findings]


def test_existing_comments_and_tracked_changes_stay(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    out = tmp_path / "审阅.docx"
    annotate(contract, document, findings, out)

    def tracked(path: Path) -> list[tuple[str, str, str]]:
        body = docx.Document(str(path)).element.body
        return [(el.tag, el.get(W + "author"), "".join(el.itertext())) for el in body.iter(W + "ins", W + "del")]

    assert tracked(out) == tracked(contract)
    _, anchors, comments = comment_anchors(out)
    theirs = [c for c in comments.values() if c.author != "contract-lint"]
    assert [(c.author, c.text) for c in theirs] == [("审阅人", "请法务确认服务范围")]
    s, e = anchors[theirs[0].comment_id]
    assert document.text[s:e] == "乙方负责"
    ids = [int(el.get(W + "id")) for el in docx.Document(str(out)).comments._comments_elm.iter(W + "comment")]
    assert len(ids) == len(set(ids)) == len(findings) + 1


def test_comment_text_author_and_initials(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    out = tmp_path / "审阅.docx"
    annotate(contract, document, findings, out)
    word = docx.Document(str(out))
    mine = [c for c in word.comments if c.author == "contract-lint"]
    assert {c.initials for c in mine} == {"CL"}
    f = next(f for f in findings if f.rule == "confidentiality-period-missing")
    text = next(c.text for c in mine if "confidentiality-period-missing" in c.text)
    assert text.splitlines()[0] == f"警告 · confidentiality-period-missing ({f.code})"
    assert f.message in text and f"建议：{f.suggestion}" in text and f"依据：{f.statute}" in text
    header = next(c.text for c in mine if "[合同编号]" in c.text)
    assert "页眉" in header  # says where the words are


def test_split_runs_keep_their_formatting(tmp_path: Path) -> None:
    d = Doc(split=False)
    d.para("第一条 服务")
    d.para(Text("乙方为甲方的XX旗舰店提供运营服务。", bold=True))
    src = tmp_path / "a.docx"
    d.save(src)
    document, findings = lint_path(src, CORE)  # a two-line fragment: the whole-contract rules would fire too
    assert [f.text for f in findings] == ["XX"]
    out = tmp_path / "b.docx"
    annotate(src, document, findings, out)
    paragraph = docx.Document(str(out)).paragraphs[1]
    texts = [(r.text, r.bold) for r in paragraph.runs if r.text]
    assert texts == [("乙方为甲方的", True), ("XX", True), ("旗舰店提供运营服务。", True)]
    original = docx.Document(str(src)).paragraphs[1].runs[0]._r.find(W + "rPr")
    for run in paragraph.runs:
        if run.text:
            assert etree.tostring(run._r.find(W + "rPr")) == etree.tostring(original)
    assert_one_comment_per_finding(findings, out)


def test_underlined_fill_in_is_not_cut_into_a_blank(tmp_path: Path) -> None:
    """A value typed on an underlined line: cutting off its bare spaces would create a blank."""
    d = Doc(split=False)
    d.para("店铺名称：", Text("  XX旗舰店  ", underline=True))
    src = tmp_path / "a.docx"
    d.save(src)
    document, findings = lint_path(src)
    assert [f.text for f in findings] == ["XX"]
    out = tmp_path / "b.docx"
    result = annotate(src, document, findings, out)
    assert result.notes  # the reviewer is told the comment also covers the spaces
    copy_document, again = lint_path(out)
    assert copy_document.text == document.text and [key(f) for f in again] == [key(f) for f in findings]
    _, anchors, _ = comment_anchors(out)
    (s, e), = anchors.values()
    assert copy_document.text[s:e] == "  XX"


def test_a_finding_without_words_sits_on_its_clause_heading(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    f = next(f for f in findings if f.rule == "roi-undefined")
    at = f.location.start
    empty = dataclasses.replace(f, text="", location=dataclasses.replace(f.location, end=at))
    out = tmp_path / "审阅.docx"
    annotate(contract, document, [empty], out)
    _, anchors, comments = comment_anchors(out)
    (cid, (s, e)), = ((cid, a) for cid, a in anchors.items() if cid in ours(comments))
    clause = document.clause_at(at)
    assert s == clause.start and e > s
    assert document.text[s:e] == document.text[clause.start:e]
    assert "没有对应的具体文字" in comments[cid].text


def test_never_writes_over_an_input(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    before = contract.read_bytes()
    for target in (contract, tmp_path / "x" / ".." / contract.name):
        with pytest.raises(AnnotateError, match="refusing"):
            annotate(contract, document, findings, target)
    link = tmp_path / "link.docx"
    os.link(contract, link)
    with pytest.raises(AnnotateError, match="refusing"):
        annotate(contract, document, findings, link)
    assert contract.read_bytes() == before


def test_writes_atomically_and_replaces_an_old_copy(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    out = tmp_path / "out" / "审阅.docx"
    annotate(contract, document, findings, out)
    annotate(contract, document, findings, out)  # over an earlier copy: fine
    assert sorted(p.name for p in out.parent.iterdir()) == ["审阅.docx"]  # no temporary file left
    assert zipfile.ZipFile(out).testzip() is None
    assert len(ours(comment_anchors(out)[2])) == len(findings)  # not doubled


def test_refuses_a_text_file(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("第一条 乙方为甲方的XX旗舰店提供服务。\n", encoding="utf-8")
    document, findings = lint_path(src)
    with pytest.raises(AnnotateError, match="docx"):
        annotate(src, document, findings, tmp_path / "a.docx")


def test_edited_comment_suppresses_its_finding(contract: Path, tmp_path: Path) -> None:
    """A reviewer rewrites one of our comments as a directive: the next run drops that finding."""
    from contract_lint.runner import lint_file

    document, findings = lint_path(contract)
    out = tmp_path / "审阅.docx"
    annotate(contract, document, findings, out)
    word = docx.Document(str(out))
    target = next(c for c in word.comments if c.author == "contract-lint" and "[店长姓名]" not in c.text
                  and "roi-undefined" in c.text)
    target.paragraphs[0].runs[-1].text = "contract-lint: disable=roi-undefined reason=比例已在附件定义"
    edited = tmp_path / "已审阅.docx"
    word.save(str(edited))
    left = lint_file(str(edited), RULES).findings  # as the command lints it: suppressions applied
    assert [key(f) for f in left] == [key(f) for f in findings if f.rule != "roi-undefined"]
    assert [key(f) for f in lint_file(str(out), RULES).findings] == [key(f) for f in findings]


# --------------------------------------------------------------------------- the command


def run_cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_annotate(contract: Path, tmp_path: Path) -> None:
    proc = run_cli(contract.name, "--format", "json", "--annotate", "out/审阅.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "wrote out/审阅.docx" in proc.stderr
    _, findings = lint_path(contract)
    assert_one_comment_per_finding(findings, tmp_path / "out" / "审阅.docx")

    proc = run_cli(contract.name, "--annotate", contract.name, cwd=tmp_path)
    assert proc.returncode == 2 and "refusing to write over the input" in proc.stderr


def test_cli_annotate_dir(contract: Path, tmp_path: Path) -> None:
    folder = tmp_path / "contracts"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(contract, folder / "a.docx")
    shutil.copy(contract, folder / "sub" / "a.docx")  # same name in another folder
    (folder / "b.txt").write_text("店铺运营服务合同\n乙方为甲方的XX旗舰店提供服务。\n", encoding="utf-8")
    proc = run_cli("contracts", "--annotate-dir", "reviewed", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert (tmp_path / "reviewed/contracts/a.docx").exists() and (tmp_path / "reviewed/contracts/sub/a.docx").exists()
    assert "b.txt: no Word copy" in proc.stderr
    proc = run_cli("contracts", "--annotate", "one.docx", cwd=tmp_path)
    assert proc.returncode == 2 and "exactly one .docx" in proc.stderr
    proc = run_cli("contracts", "--annotate-dir", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "refusing" in proc.stderr


# --------------------------------------------------------------------------- the corpus and LibreOffice


CORPUS = sorted((ROOT / "corpus").glob("*.docx"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_copies(path: Path, tmp_path: Path) -> None:
    document, findings = lint_path(path)
    out = tmp_path / path.name
    annotate(path, document, findings, out)
    assert_one_comment_per_finding(findings, out)
    copy_document, again = lint_path(out)
    assert copy_document.text == document.text
    assert [key(f) for f in again] == [key(f) for f in findings]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed: "
                    "cannot check that the copy opens")
def test_libreoffice_opens_the_copy(contract: Path, tmp_path: Path) -> None:
    document, findings = lint_path(contract)
    out = tmp_path / "reviewed.docx"
    annotate(contract, document, findings, out)
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "pdf" / "reviewed.pdf"
    assert pdf.exists(), proc.stdout + proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):  # the comments stay comments: none of their text is on the page
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "店铺运营服务合同" in text and "«乙方名称»" in text
        assert "placeholder-unfilled" not in text and "建议：" not in text

