"""The `contract-lint` command as a user runs it: a fresh process, real files, real output.

Every test runs `python -m contract_lint` in a subprocess with an explicit working directory
and COLUMNS=120, and checks what a user sees: the exit code, stdout, stderr. Contract texts
are short snippets written for these tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from contract_lint import load_rules, read_path
from tools.docxgen import Blank, Doc

RULE_IDS = ("placeholder-unfilled", "confidentiality-period-missing", "account-liability-ambiguous", "roi-undefined")

# --------------------------------------------------------------------------- contracts

# No finding from any rule.
CLEAN = """软件咨询服务合同

甲方：青禾软件有限公司
乙方：远山数据咨询有限公司

第一条 服务内容
1.1 乙方为甲方的数据平台提供架构咨询服务，每月提交一份书面咨询报告。
第二条 服务费用
2.1 咨询服务费为人民币叁万元整，甲方于验收合格后十日内一次性支付。
第三条 争议解决
3.1 因本合同产生的争议，提交甲方所在地人民法院诉讼解决。
"""

# Only a warning: a confidentiality duty without a period.
WARN_ONLY = CLEAN + """第四条 保密
4.1 乙方对履行本合同时获知的甲方技术资料负有保密义务，不得向第三方透露。
"""

# One finding of every rule: an error (blank) and three warnings.
ALL_RULES = WARN_ONLY.replace("人民币叁万元整", "人民币________元") + """第五条 推广考核
5.1 乙方负责的线上推广，每季度ROI不得低于1:4，未达标的甲方可扣减服务费。
第六条 账号管理
6.1 店铺后台账号及密码的安全由双方共同负责。
"""


@pytest.fixture(autouse=True)
def core_rules_only(tmp_path):
    """These tests are about the command's mechanics, so they pin the rule set to the four core
    rules with a project configuration (flags still win); later rules have tests of their own."""
    (tmp_path / "contract-lint.toml").write_text(
        'select = ["CL001", "CL002", "CL003", "CL004"]\n', encoding="utf-8")


def run(*args: str | os.PathLike, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE",
                                                                "GITHUB_ACTIONS")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def run_json(*args: str | os.PathLike, cwd: Path) -> tuple[subprocess.CompletedProcess, dict]:
    result = run("--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result, json.loads(result.stdout)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def make_docx(path: Path) -> Path:
    """A Word contract with an underlined blank (drawn with spaces) and a confidentiality clause."""
    doc = Doc()
    doc.para("网站维护服务合同", bold=True, align="center")
    doc.para("甲方：明川文化传媒有限公司")
    doc.para("乙方：北辰网络科技有限公司")
    doc.para("第一条 服务内容")
    doc.para("1.1 乙方负责甲方官网的日常维护与安全巡检。")
    doc.para("第二条 费用")
    doc.para("2.1 年度维护费为人民币", Blank(8), "元，甲方按季度支付。")
    doc.para("第三条 保密")
    doc.para("3.1 乙方对维护过程中接触的甲方用户数据负有保密义务。")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def no_space(text: str) -> str:
    """Text without whitespace (and the ⏎ that `explain` shows for a line break): Rich folds
    long Chinese lines at the terminal width, the YAML rule texts fold with spaces."""
    return re.sub(r"[\s⏎]+", "", text)


def findings_of(report: dict) -> list[dict]:
    return [f for file in report["files"] for f in file["findings"]]


# --------------------------------------------------------------------------- exit codes


def test_clean_contract_exits_0(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    result = run("--format", "text", "clean.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert "clean.txt" in result.stdout
    assert "没有发现问题" in result.stdout


def test_findings_exit_1_by_default(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    result = run("bad.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""


def test_warning_alone_exits_1_with_default_fail_on(tmp_path):
    write(tmp_path / "warn.txt", WARN_ONLY)
    result = run("warn.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "confidentiality-period-missing" in result.stdout


def test_fail_on_error_with_only_warnings_exits_0(tmp_path):
    write(tmp_path / "warn.txt", WARN_ONLY)
    result = run("warn.txt", "--fail-on", "error", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "confidentiality-period-missing" in result.stdout  # still reported


def test_fail_on_error_with_an_error_exits_1(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    assert run("bad.txt", "--fail-on", "error", cwd=tmp_path).returncode == 1


def test_fail_on_never_exits_0(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    result = run("bad.txt", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0
    assert "placeholder-unfilled" in result.stdout


def test_missing_file_exits_2(tmp_path):
    result = run("nowhere.txt", cwd=tmp_path)
    assert result.returncode == 2


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_name_exits_2(tmp_path, option):
    write(tmp_path / "clean.txt", CLEAN)
    result = run("clean.txt", option, "no-such-rule", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no-such-rule" in result.stderr
    assert option in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- bad input

BAD_INPUTS = {
    # name: (create it under tmp_path, words the stderr line must contain)
    "missing": (lambda d: d / "gone.txt", ["gone.txt", "no such file"]),
    "docx-not-zip": (lambda d: write(d / "notes.docx", "这其实是一段纯文本，不是Word文件。"),
                     ["notes.docx", "zip"]),
    "docx-broken-zip": (lambda d: _bytes(d / "broken.docx", b"PK\x03\x04" + b"\x00garbage" * 40),
                        ["broken.docx", "docx"]),
    "legacy-doc": (lambda d: _bytes(d / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
                   ["old.doc", "legacy Word"]),
    "pdf": (lambda d: _bytes(d / "scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), ["scan.pdf", "PDF"]),
    "empty-folder": (lambda d: _folder_without_contracts(d / "inbox"), ["inbox", "folder"]),
}


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder_without_contracts(path: Path) -> Path:
    path.mkdir()
    (path / "readme.rst").write_text("不是合同", encoding="utf-8")
    (path / "scan.pdf").write_bytes(b"%PDF-1.4\n")  # unsupported types are not picked up by a walk
    return path


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_one_clear_line_exit_2(tmp_path, kind):
    make, words = BAD_INPUTS[kind]
    path = make(tmp_path)
    result = run(path.name, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"contract-lint: {path.name}: ")
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_next_to_a_good_file_still_lints_the_good_one(tmp_path, kind):
    make, _ = BAD_INPUTS[kind]
    path = make(tmp_path)
    write(tmp_path / "good.txt", WARN_ONLY)
    result = run("--format", "text", path.name, "good.txt", cwd=tmp_path)
    assert result.returncode == 2  # an unreadable file wins over findings
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "good.txt" in result.stdout
    assert "confidentiality-period-missing" in result.stdout
    assert "1 个文件无法读取" in result.stdout

    _, report = run_json("good.txt", path.name, cwd=tmp_path)
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path["good.txt"]["error"] is None
    assert [f["rule"] for f in by_path["good.txt"]["findings"]] == ["confidentiality-period-missing"]
    assert by_path[path.name]["error"]
    assert by_path[path.name]["findings"] == []
    assert report["summary"]["files_with_errors"] == 1


# --------------------------------------------------------------------------- inputs are read-only


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_input_files_are_never_modified(tmp_path, fmt):
    txt = write(tmp_path / "合同.txt", ALL_RULES, "gb18030")
    docx = make_docx(tmp_path / "合同.docx")
    old_time = 1_600_000_000_000_000_000
    before = {}
    for path in (txt, docx):
        os.utime(path, ns=(old_time, old_time))
        before[path] = (path.read_bytes(), path.stat().st_mtime_ns)
    result = run("--format", fmt, txt.name, docx.name, cwd=tmp_path)
    assert result.returncode == 1
    for path, (data, mtime) in before.items():
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == mtime == old_time
    # no stray files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contract-lint.toml", "合同.docx", "合同.txt"]


# --------------------------------------------------------------------------- --format json

FINDING_KEYS = {"rule", "code", "severity", "message", "suggestion", "text", "context", "location"}
LOCATION_KEYS = {"line", "column", "clause", "part", "start", "end"}


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def test_json_schema_and_offsets_for_a_txt_file(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    result, report = run_json("bad.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert set(report) >= {"files", "summary"}
    (file,) = report["files"]
    assert file["path"] == "bad.txt"
    assert file["error"] is None
    findings = file["findings"]
    assert {f["rule"] for f in findings} == set(RULE_IDS)
    for f in findings:
        assert set(f) >= FINDING_KEYS
        assert set(f["location"]) >= LOCATION_KEYS
        assert f["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"CL\d{3}", f["code"])
        assert f["message"] and f["suggestion"]
        loc = f["location"]
        assert 0 <= loc["start"] < loc["end"] <= len(ALL_RULES)
        # A UTF-8 .txt with "\n" line ends: the text view is the file's own text.
        assert f["text"] == ALL_RULES[loc["start"]:loc["end"]]
        assert (loc["line"], loc["column"]) == _line_col(ALL_RULES, loc["start"])
        assert f["text"] in f["context"]
        assert loc["part"] == "body"
        assert loc["clause"]
    clauses = {f["rule"]: f["location"]["clause"] for f in findings}
    assert clauses == {"placeholder-unfilled": "第二条 2.1", "confidentiality-period-missing": "第四条 4.1",
                       "roi-undefined": "第五条 5.1", "account-liability-ambiguous": "第六条 6.1"}
    summary = report["summary"]
    assert summary["files"] == 1
    assert summary["files_with_errors"] == 0
    assert summary["findings"] == len(findings) == 4
    assert (summary["error"], summary["warning"], summary["info"]) == (1, 3, 0)


def test_json_offsets_for_a_docx_file_point_into_the_text_view(tmp_path):
    path = make_docx(tmp_path / "维护合同.docx")
    result, report = run_json(path.name, cwd=tmp_path)
    assert result.returncode == 1
    (file,) = report["files"]
    assert file["path"] == "维护合同.docx"
    view = read_path(path).text
    rules = [f["rule"] for f in file["findings"]]
    assert rules == ["placeholder-unfilled", "confidentiality-period-missing"]
    for f in file["findings"]:
        loc = f["location"]
        assert f["text"] == view[loc["start"]:loc["end"]]
        assert (loc["line"], loc["column"]) == _line_col(view, loc["start"])
    assert file["findings"][0]["text"] == "_" * 8  # the underlined blank drawn with spaces


def test_json_for_a_clean_file(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    result, report = run_json("clean.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert report["files"] == [{"path": "clean.txt", "error": None, "notes": [], "template": None, "findings": []}]
    assert report["summary"]["findings"] == 0


# --------------------------------------------------------------------------- text report


def test_text_report_shows_clause_rule_message_suggestion_and_summary(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    _, report = run_json("bad.txt", cwd=tmp_path)
    result = run("--format", "text", "bad.txt", cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout
    flat = no_space(out)
    assert out.splitlines()[0] == "bad.txt"
    for f in findings_of(report):
        assert f["location"]["clause"] in out
        assert f"{f['rule']} ({f['code']})" in out
        assert f"{f['location']['line']}:{f['location']['column']}" in out
        assert no_space(f["message"]) in flat
        assert no_space("建议：" + f["suggestion"]) in flat
    assert out.count("建议：") == 4
    summary = re.search(r"(\d+) 个问题（错误 (\d+)，警告 (\d+)，提示 (\d+)），共 (\d+) 个文件", out)
    assert summary, out
    assert summary.groups() == ("4", "1", "3", "0", "1")
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_text_report_lines_fit_the_terminal(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    from rich.cells import cell_len

    out = run("--format", "text", "bad.txt", cwd=tmp_path).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 120


# --------------------------------------------------------------------------- folders


def _tree(root: Path) -> Path:
    folder = root / "contracts"
    write(folder / "a.txt", WARN_ONLY)
    make_docx(folder / "sub" / "deeper" / "b.docx")
    write(folder / "sub" / "c.md", CLEAN)
    _bytes(folder / "~$b.docx", b"\x05lock-file-owner")  # Word's lock file: garbage, must be skipped
    _bytes(folder / "sub" / "deeper" / "~$lock.docx", b"\x05lock")
    write(folder / ".draft.txt", ALL_RULES)  # hidden file
    write(folder / ".history" / "old.txt", ALL_RULES)  # hidden folder
    write(folder / "notes.rst", ALL_RULES)  # not a contract format
    return folder


EXPECTED_WALK = ["contracts/a.txt", "contracts/sub/c.md", "contracts/sub/deeper/b.docx"]


def test_folder_is_walked_recursively_skipping_lock_and_hidden_files(tmp_path):
    _tree(tmp_path)
    result, report = run_json("contracts", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # a lock file read as .docx would make it 2
    assert result.stderr == ""
    assert [f["path"] for f in report["files"]] == EXPECTED_WALK
    assert all(f["error"] is None for f in report["files"])
    rules = {f["path"]: [x["rule"] for x in f["findings"]] for f in report["files"]}
    assert rules == {"contracts/a.txt": ["confidentiality-period-missing"], "contracts/sub/c.md": [],
                     "contracts/sub/deeper/b.docx": ["placeholder-unfilled", "confidentiality-period-missing"]}


def test_folder_given_as_absolute_path_is_shown_relative_to_cwd(tmp_path):
    folder = _tree(tmp_path)
    _, report = run_json(folder.resolve(), cwd=tmp_path)
    assert [f["path"] for f in report["files"]] == EXPECTED_WALK
    text = run("--format", "text", folder.resolve(), cwd=tmp_path).stdout
    for path in EXPECTED_WALK:
        assert path in text
    assert str(tmp_path) not in text


def test_folder_walked_from_inside_a_subfolder(tmp_path):
    _tree(tmp_path)
    _, report = run_json(".", cwd=tmp_path / "contracts" / "sub")
    assert [f["path"] for f in report["files"]] == ["c.md", "deeper/b.docx"]


def test_text_report_for_a_folder(tmp_path):
    _tree(tmp_path)
    out = run("--format", "text", "contracts", cwd=tmp_path).stdout
    for path in EXPECTED_WALK:
        assert path in out
    assert "~$" not in out and ".draft" not in out and ".history" not in out and "notes.rst" not in out
    assert re.search(r"3 个问题（错误 1，警告 2，提示 0），共 3 个文件", out), out


# --------------------------------------------------------------------------- rules and explain


def test_rules_lists_every_rule_with_its_code(tmp_path):
    from contract_lint import load_rules

    result = run("rules", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    header, *lines = result.stdout.strip().splitlines()
    assert header.split() == ["代码", "规则", "严重程度", "说明"]
    assert len([line for line in lines if re.match(r"CL\d{3} ", line)]) == len(load_rules())
    for rule_id, code in zip(RULE_IDS, ("CL001", "CL002", "CL003", "CL004"), strict=True):
        (line,) = [x for x in lines if rule_id in x.split()]
        assert line.startswith(code)


@pytest.mark.parametrize("name", ["placeholder-unfilled", "CL002"])
def test_explain_prints_rationale_statute_and_examples(tmp_path, name):
    rule = next(r for r in load_rules() if name in (r.id, r.code))
    result = run("explain", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert out.splitlines()[0].startswith(f"{rule.id} ({rule.code})")
    flat = no_space(out)
    assert no_space(rule.rationale) in flat
    assert "《民法典》" in out
    assert no_space(rule.statute) in flat
    assert no_space(rule.suggestion) in flat
    assert "会报告的例子" in out and "不会报告的例子" in out
    assert rule.fire and rule.ok
    for example in (*rule.fire, *rule.ok):
        assert no_space(example.text) in flat


def test_explain_unknown_rule_exits_2(tmp_path):
    result = run("explain", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "nope" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- encodings

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-le-bom": lambda t: t.encode("utf-16"),  # Python writes a BOM, little-endian here
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
}


def test_same_findings_in_every_encoding(tmp_path):
    for name, encode in ENCODINGS.items():
        (tmp_path / f"{name}.txt").write_bytes(encode(ALL_RULES))
    result, report = run_json(*(f"{name}.txt" for name in ENCODINGS), cwd=tmp_path)
    assert result.returncode == 1
    seen = {}
    for file in report["files"]:
        assert file["error"] is None, file
        seen[file["path"]] = [(f["rule"], f["text"], f["location"]["line"], f["location"]["column"],
                               f["location"]["clause"]) for f in file["findings"]]
    reference = seen["utf-8.txt"]
    assert len(reference) == 4
    for path, found in seen.items():
        assert found == reference, path


# --------------------------------------------------------------------------- --select / --ignore


@pytest.mark.parametrize("select", ["CL001", "placeholder-unfilled"])
def test_select_reports_only_that_rule(tmp_path, select):
    write(tmp_path / "bad.txt", ALL_RULES)
    result, report = run_json("bad.txt", "--select", select, cwd=tmp_path)
    assert result.returncode == 1
    assert [f["rule"] for f in findings_of(report)] == ["placeholder-unfilled"]


def test_select_several_rules(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    _, report = run_json("bad.txt", "--select", "CL002, roi-undefined", cwd=tmp_path)
    assert sorted(f["rule"] for f in findings_of(report)) == ["confidentiality-period-missing", "roi-undefined"]


@pytest.mark.parametrize("ignore", ["placeholder-unfilled", "CL001"])
def test_ignore_drops_that_rule(tmp_path, ignore):
    write(tmp_path / "bad.txt", ALL_RULES)
    result, report = run_json("bad.txt", "--ignore", ignore, cwd=tmp_path)
    rules = [f["rule"] for f in findings_of(report)]
    assert "placeholder-unfilled" not in rules
    assert sorted(rules) == sorted(set(RULE_IDS) - {"placeholder-unfilled"})
    assert result.returncode == 1
    text = run("bad.txt", "--ignore", ignore, cwd=tmp_path).stdout
    assert "placeholder-unfilled" not in text
    assert "________" not in text


def test_ignoring_the_only_error_with_fail_on_error_exits_0(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    assert run("bad.txt", "--ignore", "CL001", "--fail-on", "error", cwd=tmp_path).returncode == 0


def test_select_with_an_id_prefix_never_silently_selects_nothing(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    result = run("bad.txt", "--select", "placeholder", cwd=tmp_path)
    # a partial id is not a rule name: a usage error, never a silent "no problems"
    assert result.returncode == 2
    assert "unknown rule placeholder" in result.stderr


def test_empty_select_is_a_usage_error(tmp_path):
    write(tmp_path / "bad.txt", ALL_RULES)
    result = run("bad.txt", "--select", ",", cwd=tmp_path)
    assert result.returncode == 2
