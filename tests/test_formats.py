"""Output formats, `-o FILE`, `--statistics` and `--exit-zero`, as a user runs them.

Like tests/test_cli.py, every CLI test runs `python -m contract_lint` in a fresh process with
an explicit working directory, and reads what it printed or wrote. The JSON report is the
reference each other format is checked against. Contract texts are written for these tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest

from contract_lint.files import write_atomic
from contract_lint.reporters import default_format
from contract_lint.reporters.github import escape_data, escape_property

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# One finding of every rule: two blanks (one with a `|` inside), an undefined ROAS, a vague
# account keeper and a confidentiality duty without a period.
CONTRACT = """网店代运营服务协议

委托方（甲方）：松涛家居用品有限公司
受托方（乙方）：[乙方名称|统一社会信用代码]

第一条 合作范围
1.1 乙方负责甲方天猫店铺的商品上架、客服回复及日常活动策划。
第二条 服务报酬
2.1 每月基础服务费为人民币________元，甲方于次月五日前支付。
第三条 考核
3.1 乙方运营期间店铺的月度ROAS应不低于3，连续两个月未达到的，甲方有权解除本协议。
第四条 账号
4.1 甲方向乙方提供店铺子账号，账号及密码的保管责任由相关责任方承担。
第五条 保密
5.1 乙方对合作中知悉的甲方销售数据与供应商名单负有保密义务。
"""
RULES = {"placeholder-unfilled": "CL001", "roi-undefined": "CL004", "account-liability-ambiguous": "CL003",
         "confidentiality-period-missing": "CL002"}

# No rule fires.
CLEAN = """图书排版服务合同

甲方：澄江出版社有限公司
乙方：墨点排版工作室

第一条 服务内容
1.1 乙方按甲方提供的书稿完成内文排版，交付印刷用PDF文件。
第二条 费用
2.1 排版费为每页人民币捌元，甲方于交付验收后十日内支付。
"""


@pytest.fixture(autouse=True)
def core_rules_only(tmp_path):
    """These tests are about the command's mechanics, so they pin the rule set to the four core
    rules with a project configuration (flags still win); later rules have tests of their own."""
    (tmp_path / "contract-lint.toml").write_text(
        'select = ["CL001", "CL002", "CL003", "CL004"]\n', encoding="utf-8")


def run(*args: str | os.PathLike, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS")}
    base.update(COLUMNS="120", PYTHONIOENCODING="utf-8", **(env or {}))
    result = subprocess.run([sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd, env=base,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def findings(folder: Path, *paths: str) -> list[dict]:
    report = json.loads(run("--format", "json", *paths, cwd=folder).stdout)
    return [dict(f, path=file["path"]) for file in report["files"] for f in file["findings"]]


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    write(tmp_path / "协议.txt", CONTRACT)
    return tmp_path


# --------------------------------------------------------------------------- default format


def test_concise_is_the_default_when_piped(contract):
    result = run("协议.txt", cwd=contract)
    assert result.returncode == 1
    expected = [f"{f['path']}:{f['location']['line']}:{f['location']['column']}: {f['severity']} {f['code']} "
                f"{f['rule']} {f['message']}" for f in findings(contract, "协议.txt")]
    # one line per finding with its severity, then one summary line, as ruff ends its output
    assert result.stdout.splitlines() == [*expected, "✖ 5 个问题（错误 2，警告 3，提示 0），共 1 个文件"]
    assert len(expected) == 5
    assert {line.split()[3] for line in expected} == set(RULES)
    assert [line.split()[1] for line in expected] == ["error", "error", "warning", "warning", "warning"]


def test_concise_says_so_for_a_clean_file(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    result = run("clean.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "✓ 没有发现问题，共 1 个文件\n", "")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_text_is_the_default_on_a_terminal(contract):
    import pty

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    with subprocess.Popen([sys.executable, "-m", "contract_lint", "--no-color", "协议.txt"], cwd=contract, env=env,
                          stdout=slave, stderr=subprocess.PIPE) as proc:
        os.close(slave)
        out = b""
        while True:  # read while it runs, so a full pty buffer cannot block it
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=120)
    os.close(master)
    text = out.decode("utf-8")
    assert "建议：" in text and "个问题" in text  # the rich report, not one line per finding


def test_default_format_choice():
    assert default_format(to_terminal=True, environ={}) == "text"
    assert default_format(to_terminal=False, environ={}) == "concise"
    assert default_format(to_terminal=True, environ={"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format(to_terminal=False, environ={"GITHUB_ACTIONS": "false"}) == "concise"


# --------------------------------------------------------------------------- sarif


def sarif(folder: Path, *args: str) -> dict:
    result = run("--format", "sarif", *args, cwd=folder)
    assert result.returncode in (0, 1, 2), result.stderr
    return json.loads(result.stdout)


def test_sarif_validates_against_the_official_schema(contract):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA} (the shared/ folder beside the repository)")
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the 'test' extra")
    write(contract / "clean.txt", CLEAN)
    (contract / "旧合同.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for args in (["协议.txt"], ["clean.txt"], ["协议.txt", "旧合同.doc"]):
        log = sarif(contract, *args)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(log)]
        assert errors == [], errors


def test_sarif_rules_results_and_locations(contract):
    log = sarif(contract, "协议.txt")
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "contract-lint" and driver["version"]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert {rule["name"]: rule["id"] for rule in driver["rules"]} == RULES
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "法律依据：《民法典》" in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run_["invocations"][0]["executionSuccessful"] is True
    expected = findings(contract, "协议.txt")
    assert len(run_["results"]) == len(expected)
    for result, f in zip(run_["results"], expected, strict=True):
        assert result["ruleId"] == f["code"]
        assert driver["rules"][result["ruleIndex"]] == by_id[f["code"]]
        assert result["level"] == {"error": "error", "warning": "warning"}[f["severity"]]
        assert result["message"]["text"] == f["message"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": quote("协议.txt"), "uriBaseId": "%SRCROOT%"}
        loc = f["location"]
        assert physical["region"] == {"startLine": loc["line"], "startColumn": loc["column"],
                                      "endLine": loc["end_line"], "endColumn": loc["end_column"],
                                      "snippet": {"text": f["text"]}}
        assert location["logicalLocations"] == [{"name": loc["clause"], "kind": "module"}]
        assert re.fullmatch(r"[0-9a-f]{64}", result["partialFingerprints"]["contractLint/v1"])


def test_sarif_uri_is_relative_to_the_repository_root(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "合同" / "协议.txt", CONTRACT)
    log = sarif(repo / "合同", "协议.txt")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {quote("合同/协议.txt")}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"


def test_sarif_reports_an_unreadable_file_as_a_failed_execution(contract):
    (contract / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    log = sarif(contract, "协议.txt", "扫描件.pdf")
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert "PDF" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == quote("扫描件.pdf")
    assert len(log["runs"][0]["results"]) == 5  # the readable file is still reported


def test_sarif_keeps_reader_notes_as_notifications(tmp_path):
    (tmp_path / "国标.txt").write_bytes(CONTRACT.encode("gb18030"))
    log = sarif(tmp_path, "国标.txt")
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    notes = [n["message"]["text"] for n in invocation["toolExecutionNotifications"] if n["level"] == "note"]
    assert any("gb18030" in note for note in notes)


# --------------------------------------------------------------------------- fingerprints


def fingerprints(folder: Path, name: str) -> dict[str, tuple[str, int]]:
    """rule -> (fingerprint, start line)"""
    results = sarif(folder, name)["runs"][0]["results"]
    return {r["ruleId"] + ":" + r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]:
            (r["partialFingerprints"]["contractLint/v1"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results}


def test_fingerprints_survive_a_paragraph_inserted_elsewhere(contract):
    before = fingerprints(contract, "协议.txt")
    preface = "本协议依据双方友好协商订立。\n双方确认已阅读全部条款。\n"
    inserted = CONTRACT.replace("第一条 合作范围\n", "第一条 合作范围\n" + preface)
    write(contract / "协议.txt", inserted)
    after = fingerprints(contract, "协议.txt")
    assert before.keys() == after.keys()
    moved = [key for key in before if after[key][1] == before[key][1] + 2]
    assert len(moved) == 4  # every finding after the insertion moved down two lines...
    assert {key: fp for key, (fp, _) in after.items()} == {key: fp for key, (fp, _) in before.items()}  # ...same id


def test_fingerprint_changes_when_the_finding_sentence_changes(contract):
    before = fingerprints(contract, "协议.txt")
    edited = CONTRACT.replace("销售数据与供应商名单", "销售数据、客户名单与供应商名单")
    write(contract / "协议.txt", edited)
    after = fingerprints(contract, "协议.txt")
    changed = {key for key in before if before[key][0] != after[key][0]}
    assert changed == {key for key in before if key.startswith("CL002")}


def test_identical_findings_in_one_sentence_get_different_fingerprints(tmp_path):
    write(tmp_path / "两处.txt", "服务合同\n\n甲方：________，乙方：________。\n")
    fps = [r["partialFingerprints"]["contractLint/v1"] for r in sarif(tmp_path, "两处.txt")["runs"][0]["results"]]
    assert len(fps) == 2 and len(set(fps)) == 2


# --------------------------------------------------------------------------- github


def test_github_is_chosen_under_github_actions(contract):
    result = run("协议.txt", cwd=contract, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = findings(contract, "协议.txt")
    assert len(lines) == len(expected)
    for line, f in zip(lines, expected, strict=True):
        kind = {"error": "error", "warning": "warning"}[f["severity"]]
        loc = f["location"]
        assert line.startswith(f"::{kind} file=协议.txt,line={loc['line']},col={loc['column']},"
                               f"endLine={loc['end_line']},endColumn={loc['end_column']},"
                               f"title={f['rule']} ({f['code']})::")
        assert escape_data(f["message"]) in line and "%0A建议：" in line
    assert run("--format", "json", "协议.txt", cwd=contract, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("{")


def test_github_escapes_and_unreadable_files(tmp_path):
    write(tmp_path / "a,b:c.txt", CONTRACT.replace("ROAS应不低于3", "ROAS应不低于3（即300%）"))
    (tmp_path / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    result = run("--format", "github", "a,b:c.txt", "扫描件.pdf", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert all("file=a%2Cb%3Ac.txt," in line for line in lines[:-1])
    assert re.fullmatch(r"::error file=扫描件\.pdf::.*PDF.*", lines[-1])
    assert escape_data("50%\r\n") == "50%25%0D%0A"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


# --------------------------------------------------------------------------- junit


def test_junit_is_wellformed_with_a_failure_per_finding(contract):
    write(contract / "clean.txt", CLEAN.replace("第二条", "\f第二条"))  # a page break: not allowed in XML
    (contract / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    result = run("--format", "junit", "协议.txt", "clean.txt", "扫描件.pdf", cwd=contract)
    assert result.returncode == 2
    root = ET.fromstring(result.stdout)
    (suite,) = root.iter("testsuite")
    assert suite.get("name") == "contract-lint"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == ["协议.txt", "clean.txt", "扫描件.pdf"]
    failures = cases["协议.txt"].findall("failure")
    expected = findings(contract, "协议.txt")
    assert [(x.get("type"), x.get("message")) for x in failures] == [(f["rule"], f["message"]) for f in expected]
    for failure, f in zip(failures, expected, strict=True):
        assert failure.text.startswith(f"协议.txt:{f['location']['line']}:{f['location']['column']}")
        assert f"建议：{f['suggestion']}" in failure.text
    assert list(cases["clean.txt"]) == []
    (error,) = cases["扫描件.pdf"].findall("error")
    assert "PDF" in error.get("message")


# --------------------------------------------------------------------------- markdown


def test_markdown_table(contract):
    result = run("--format", "markdown", "协议.txt", cwd=contract)
    lines = result.stdout.splitlines()
    assert lines[0] == "### contract-lint：5 个问题（错误 2，警告 3，提示 0），共 1 个文件"
    assert lines[2] == "| 文件 | 位置 | 规则 | 严重程度 | 问题 | 建议 |"
    rows = [line for line in lines[4:] if line.startswith("| ")]
    assert len(rows) == 5
    for row, f in zip(rows, findings(contract, "协议.txt"), strict=True):
        cells = re.split(r"(?<!\\)\|", row)[1:-1]  # an escaped \| is not a column
        assert len(cells) == 6, row
        assert cells[1].strip() == f"{f['location']['clause']} · 第 {f['location']['line']} 行"
        assert f"`{f['rule']}`" in cells[2]
        assert cells[3].strip() == {"error": "错误", "warning": "警告", "info": "提示"}[f["severity"]]
    assert r"\[乙方名称\|统一社会信用代码\]" in rows[0]


def test_markdown_stays_under_githubs_comment_limit(tmp_path):
    blanks = "".join(f"{i}. 第{i}批货物的收货人为________，联系电话为________。\n" for i in range(1, 600))
    write(tmp_path / "清单.txt", "送货清单\n\n第一条 收货信息\n" + blanks)
    out = run("--format", "markdown", "清单.txt", cwd=tmp_path).stdout
    assert out.startswith("### contract-lint：1198 个问题")  # the heading still counts everything
    assert len(out) < 65_536
    shown = sum(1 for line in out.splitlines() if line.startswith("| 清单.txt"))
    assert f"另有 {1198 - shown} 个问题未列出" in out


def test_markdown_when_nothing_is_found(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    out = run("--format", "markdown", "clean.txt", cwd=tmp_path).stdout
    assert "✓ 没有发现问题" in out and "|" not in out


# --------------------------------------------------------------------------- -o FILE


@pytest.mark.parametrize("fmt", ["concise", "json", "sarif", "github", "junit", "markdown"])
def test_output_file_holds_what_stdout_would(contract, fmt):
    printed = run("--format", fmt, "协议.txt", cwd=contract)
    written = run("--format", fmt, "-o", "report.out", "协议.txt", cwd=contract)
    assert written.returncode == printed.returncode == 1
    assert written.stdout == ""
    assert (contract / "report.out").read_text(encoding="utf-8") == printed.stdout
    # no temporary file left
    assert sorted(p.name for p in contract.iterdir()) == ["contract-lint.toml", "report.out", "协议.txt"]


def test_output_replaces_the_file_in_one_step(contract):
    report = write(contract / "report.txt", "上一次的报告\n")
    old_inode = report.stat().st_ino
    run("--format", "concise", "--output", "report.txt", "协议.txt", cwd=contract)
    assert report.stat().st_ino != old_inode  # a new file renamed over it, not rewritten in place
    assert report.read_text(encoding="utf-8").startswith("协议.txt:4:9: error CL001")


def test_text_report_written_to_a_file_has_no_colour(contract):
    result = run("--format", "text", "-o", "report.txt", "协议.txt", cwd=contract, env={"FORCE_COLOR": "1"})
    assert result.returncode == 1 and result.stdout == ""
    text = (contract / "report.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "建议：" in text and "5 个问题" in text


@pytest.mark.parametrize("target", ["协议.txt", "./协议.txt", "合同夹/协议.txt"])
def test_output_refuses_to_overwrite_an_input(contract, target):
    write(contract / "合同夹" / "协议.txt", CONTRACT)
    inputs = ["合同夹"] if target.startswith("合同夹") else ["协议.txt"]
    result = run("-o", target, *inputs, cwd=contract)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "refusing to overwrite the input file" in result.stderr and "协议.txt" in result.stderr
    assert (contract / target).read_text(encoding="utf-8") == CONTRACT


def test_output_into_a_missing_folder_is_a_clear_error(contract):
    result = run("-o", "没有的目录/report.txt", "协议.txt", cwd=contract)
    assert result.returncode == 2
    assert result.stderr.startswith("contract-lint: --output: cannot write 没有的目录/report.txt")


def test_a_failed_write_leaves_the_old_report_and_no_temporary_file(tmp_path, monkeypatch):
    old = write(tmp_path / "report.json", "{}\n")

    def fail(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(str(old), '{"files": []}\n')
    assert old.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contract-lint.toml", "report.json"]


# --------------------------------------------------------------------------- --statistics, --exit-zero


def test_statistics_after_the_report(contract):
    write(contract / "第二份.txt", CONTRACT)
    result = run("--statistics", "协议.txt", "第二份.txt", cwd=contract)
    lines = result.stdout.splitlines()
    assert lines[-4:] == ["4  CL001  placeholder-unfilled", "2  CL002  confidentiality-period-missing",
                          "2  CL003  account-liability-ambiguous", "2  CL004  roi-undefined"]
    assert len(lines) == 10 + 1 + 4  # findings, the summary line, the counts


def test_statistics_keep_a_machine_format_parseable(contract):
    result = run("--format", "sarif", "--statistics", "协议.txt", cwd=contract)
    assert json.loads(result.stdout)["version"] == "2.1.0"
    assert "2  CL001  placeholder-unfilled" in result.stderr


def test_exit_zero_with_findings_but_2_for_unreadable_input(contract):
    assert run("--exit-zero", "协议.txt", cwd=contract).returncode == 0
    assert run("--exit-zero", "协议.txt", "不存在.txt", cwd=contract).returncode == 2
    assert run("--exit-zero", "--format", "nope", "协议.txt", cwd=contract).returncode == 2
