"""contract-lint in a team's repository, as a user runs it: configuration, suppressions, the
ignore file, a baseline, the cache, workers, stdin and exit codes.

Like tests/test_cli.py, every test runs `python -m contract_lint` in a fresh process with an
explicit working directory and reads what it printed. Every file lives in tmp_path, and the
default cache folder is redirected into it (XDG_CACHE_HOME), so nothing leaks between tests or
into the user's home. Contract texts are short snippets written for these tests.

The assertions are about the rules these texts are written for (and the team rule below):
findings of other built-in rules are left out, and where an exit code or the whole output is
checked the selection is pinned, so that adding a rule to the tool does not change these tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.docxgen import Comment, Doc

# --------------------------------------------------------------------------- contracts

# Two blanks (errors, CL001) and a confidentiality duty with no period (a warning, CL002).
PRINTING = """印刷服务合同

甲方：白鹭文具有限公司
乙方：[印刷厂名称]

第一条 印刷内容
1.1 乙方为甲方印制产品手册五千册，纸张规格见附件。
第二条 价款
2.1 印刷费合计人民币________元，甲方收货后七日内付清。
第三条 保密
3.1 乙方对甲方的产品设计稿负有保密义务，不得外传。
"""

# Only the confidentiality warning (CL002).
WARNING_ONLY = """翻译服务合同

甲方：远帆进出口有限公司
乙方：译林语言服务有限公司

第一条 服务内容
1.1 乙方将甲方提供的产品说明书译成英文，十个工作日内交稿。
第二条 保密
2.1 乙方对翻译中接触的甲方技术参数负有保密义务。
"""

# No finding from any built-in rule; "口头承诺" is what the team's own rule looks for.
VERBAL = """摄影服务合同

甲方：晨曦婚礼策划有限公司
乙方：光影摄影工作室

第一条 服务内容
1.1 乙方为甲方承办的婚礼提供全程摄影，交付精修照片二百张。
1.2 乙方口头承诺婚礼结束后五日内交付全部底片。
第二条 费用
2.1 摄影费为人民币陆仟元，婚礼结束后十日内支付。
"""

TEAM_RULE = """\
id: verbal-promise
code: CL901
severity: info
title: 口头承诺
message: "合同提到口头承诺：{match}"
rationale: 口头承诺事后难以举证，应写入合同正文。
suggestion: 把承诺的内容写成合同条款。
check: pattern
params:
  patterns: ["口头(?:承诺|约定)"]
examples:
  fire: ["乙方口头承诺的交付日期。"]
  ok: ["乙方书面承诺的交付日期。"]
"""

# the rules these tests are about; other rules' findings are left out of found()
KNOWN = {"placeholder-unfilled", "confidentiality-period-missing", "verbal-promise", "unused-suppression"}
PINNED = ("--select", "CL001,CL002")  # where an exit code or the whole output is checked
PINNED_TOML = 'select = ["CL001", "CL002"]\n'


def run(*args: str | os.PathLike, cwd: Path, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "XDG_CACHE_HOME")}
    # the default cache folder, inside the test's own folder (hidden, so never walked)
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8", XDG_CACHE_HOME=str(cwd / ".xdg-cache"))
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    result = subprocess.run([sys.executable, "-m", "contract_lint", *map(str, args)], cwd=cwd, env=env,
                            capture_output=True, input=data, timeout=120)
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in result.stderr, result.stderr
    return result


def report(*args: str | os.PathLike, cwd: Path, stdin: str | bytes | None = None
           ) -> tuple[subprocess.CompletedProcess, dict]:
    result = run("--format", "json", *args, cwd=cwd, stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def found(*args: str | os.PathLike, cwd: Path) -> list[tuple[str, str, int]]:
    """(path, rule, line) of every finding of the KNOWN rules, in report order."""
    _, data = report(*args, cwd=cwd)
    return [(file["path"], f["rule"], f["location"]["line"]) for file in data["files"] for f in file["findings"]
            if f["rule"] in KNOWN]


def rules_found(*args: str | os.PathLike, cwd: Path) -> set[str]:
    return {rule for _, rule, _ in found(*args, cwd=cwd)}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def booth_docx(path: Path, note: str | None = None, before: tuple[str, ...] = (),
               fee: str = "1.1 搭建费为人民币[金额]元，展会结束后结清。") -> Path:
    """A Word contract: a bracketed blank for the contractor's name (with a Word comment `note`
    anchored on it when given), a blank fee and a confidentiality duty with no period."""
    doc = Doc()
    doc.para("展会搭建服务合同", bold=True, align="center")
    for text in before:
        doc.para(text)
    doc.para("甲方：锦程会展有限公司")
    doc.para("乙方：", Comment("[搭建公司名称]", note) if note else "[搭建公司名称]")
    doc.para("第一条 费用")
    doc.para(fee)
    doc.para("第二条 保密")
    doc.para("2.1 乙方对甲方的展位设计方案负有保密义务。")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def sarif_fingerprints(path: str, cwd: Path) -> list[tuple[str, int, str]]:
    """(ruleId, startLine, fingerprint) of every SARIF result (CL001 and CL002)."""
    sarif = json.loads(run("--format", "sarif", *PINNED, path, cwd=cwd).stdout)
    return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["partialFingerprints"]["contractLint/v1"]) for r in sarif["runs"][0]["results"]]


def finding_lines(stdout: str) -> list[str]:
    """The concise report's finding lines, without its summary line."""
    return [line for line in stdout.splitlines() if re.match(r"[^\s:]+:\d+:\d+: ", line)]


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --------------------------------------------------------------------------- config discovery


def test_contract_lint_toml_is_found_walking_up_from_the_linted_path(tmp_path):
    write(tmp_path / "legal" / "contract-lint.toml", 'select = ["CL002"]\n')
    write(tmp_path / "legal" / "deals" / "2025" / "printing.txt", PRINTING)
    write(tmp_path / "elsewhere" / "printing.txt", PRINTING)
    # from outside the project, from the file's own folder, and on a folder
    assert rules_found("legal/deals/2025/printing.txt", cwd=tmp_path) == {"confidentiality-period-missing"}
    assert rules_found("printing.txt", cwd=tmp_path / "legal" / "deals" / "2025") == {
        "confidentiality-period-missing"}
    assert rules_found("legal/deals", cwd=tmp_path) == {"confidentiality-period-missing"}
    # a file outside the project gets no configuration
    assert rules_found("elsewhere/printing.txt", cwd=tmp_path) == {
        "placeholder-unfilled", "confidentiality-period-missing"}


def test_pyproject_tool_section_is_used(tmp_path):
    write(tmp_path / "repo" / "pyproject.toml",
          '[project]\nname = "contracts"\n\n[tool.contract-lint]\nignore = ["placeholder-unfilled"]\n')
    write(tmp_path / "repo" / "contracts" / "printing.txt", PRINTING)
    assert rules_found("repo/contracts/printing.txt", cwd=tmp_path) == {"confidentiality-period-missing"}


def test_a_pyproject_without_the_section_does_not_stop_the_walk(tmp_path):
    write(tmp_path / "contract-lint.toml", 'select = ["CL002"]\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n\n[tool.ruff]\nline-length = 100\n')
    write(tmp_path / "pkg" / "printing.txt", PRINTING)
    assert rules_found("printing.txt", cwd=tmp_path / "pkg") == {"confidentiality-period-missing"}


def test_the_nearest_configuration_wins(tmp_path):
    write(tmp_path / "contract-lint.toml", 'select = ["CL002"]\n')
    write(tmp_path / "team" / "contract-lint.toml", 'select = ["CL001"]\n')
    write(tmp_path / "team" / "printing.txt", PRINTING)
    assert rules_found("team/printing.txt", cwd=tmp_path) == {"placeholder-unfilled"}


def test_explicit_config_file(tmp_path):
    write(tmp_path / "ci" / "strict.toml", '[tool.contract-lint]\nselect = ["CL001"]\n')
    write(tmp_path / "printing.txt", PRINTING)
    assert rules_found("--config", "ci/strict.toml", "printing.txt", cwd=tmp_path) == {"placeholder-unfilled"}


# --------------------------------------------------------------------------- configuration keys


@pytest.mark.parametrize("name", ["confidentiality-period-missing", "CL002", "cl002"])
def test_select_by_id_or_code(tmp_path, name):
    write(tmp_path / "contract-lint.toml", f'select = ["{name}"]\n')
    write(tmp_path / "printing.txt", PRINTING)
    assert rules_found("printing.txt", cwd=tmp_path) == {"confidentiality-period-missing"}


@pytest.mark.parametrize(("extend", "expected"), [
    ("placeholder-unfilled", {"placeholder-unfilled", "verbal-promise"}),  # by id
    ("CL001", {"placeholder-unfilled", "verbal-promise"}),                 # by code
    ("CL00", {"placeholder-unfilled", "confidentiality-period-missing", "verbal-promise"}),  # by prefix
])
def test_extend_select_adds_to_the_selection(tmp_path, extend, expected):
    write(tmp_path / "house-rules" / "verbal.yaml", TEAM_RULE)
    write(tmp_path / "contract-lint.toml",
          f'select = ["CL9"]\nextend-select = ["{extend}"]\nrule-paths = ["house-rules"]\n')
    write(tmp_path / "printing.txt", PRINTING + VERBAL)
    assert rules_found("printing.txt", cwd=tmp_path) == expected


def test_extend_select_without_select_keeps_every_rule(tmp_path):
    write(tmp_path / "contract-lint.toml", 'extend-select = ["CL002"]\n')
    write(tmp_path / "printing.txt", PRINTING)
    assert rules_found("printing.txt", cwd=tmp_path) == {"placeholder-unfilled", "confidentiality-period-missing"}


def test_severity_overrides_change_the_report_and_the_exit_code(tmp_path):
    write(tmp_path / "printing.txt", PRINTING)
    write(tmp_path / "contract-lint.toml",
          PINNED_TOML + '[severity]\nplaceholder-unfilled = "warning"\nCL002 = "info"\n')
    result, data = report("printing.txt", cwd=tmp_path)
    severities = {(f["rule"], f["severity"]) for f in data["files"][0]["findings"]}
    assert severities == {("placeholder-unfilled", "warning"), ("confidentiality-period-missing", "info")}
    assert data["summary"]["error"] == 0 and data["summary"]["info"] == 1
    assert result.returncode == 1  # a warning, with the default --fail-on warning
    write(tmp_path / "contract-lint.toml", PINNED_TOML + '[severity]\nCL00 = "info"\n')  # a code prefix
    result, data = report("printing.txt", cwd=tmp_path)
    assert {f["severity"] for f in data["files"][0]["findings"]} == {"info"}
    assert result.returncode == 0
    # SARIF carries the overridden level too
    sarif = json.loads(run("--format", "sarif", "printing.txt", cwd=tmp_path).stdout)
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"note"}


def test_per_file_ignores_globs(tmp_path):
    write(tmp_path / "contract-lint.toml",
          '[per-file-ignores]\n"templates/*.txt" = ["placeholder-unfilled"]\n"*-signed.txt" = ["all"]\n')
    write(tmp_path / "templates" / "printing.txt", PRINTING)
    write(tmp_path / "archive" / "printing-signed.txt", PRINTING)
    write(tmp_path / "deals" / "printing.txt", PRINTING)
    result = found(".", cwd=tmp_path)
    by_file: dict[str, set[str]] = {}
    for path, rule, _ in result:
        by_file.setdefault(path, set()).add(rule)
    assert by_file == {
        "deals/printing.txt": {"placeholder-unfilled", "confidentiality-period-missing"},
        "templates/printing.txt": {"confidentiality-period-missing"},
    }
    # the globs are relative to the configuration file, wherever the command runs
    assert rules_found("printing.txt", cwd=tmp_path / "templates") == {"confidentiality-period-missing"}


def test_exclude_in_the_configuration(tmp_path):
    write(tmp_path / "contract-lint.toml", 'exclude = ["drafts/**", "*.old.txt"]\n')
    write(tmp_path / "drafts" / "a.txt", PRINTING)
    write(tmp_path / "signed" / "b.txt", PRINTING)
    write(tmp_path / "signed" / "b.old.txt", PRINTING)
    assert {p for p, _, _ in found(".", cwd=tmp_path)} == {"signed/b.txt"}
    # anchored at the configuration, also when linting from a sub-folder
    assert {p for p, _, _ in found("..", cwd=tmp_path / "signed")} == {"b.txt"}


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_in_the_configuration(tmp_path, fail_on, code):
    write(tmp_path / "contract-lint.toml", PINNED_TOML + f'fail-on = "{fail_on}"\n')
    write(tmp_path / "translation.txt", WARNING_ONLY)
    result = run("translation.txt", cwd=tmp_path)
    assert result.returncode == code, result.stdout + result.stderr
    assert "CL002" in result.stdout


def test_a_team_rule_from_rule_paths(tmp_path):
    write(tmp_path / "house-rules" / "verbal.yaml", TEAM_RULE)
    write(tmp_path / "contract-lint.toml", 'select = ["CL001", "CL002", "CL9"]\nrule-paths = ["house-rules"]\n')
    write(tmp_path / "deals" / "photo.txt", VERBAL)
    result, data = report("deals/photo.txt", cwd=tmp_path)
    [finding] = data["files"][0]["findings"]
    assert (finding["rule"], finding["code"], finding["severity"]) == ("verbal-promise", "CL901", "info")
    assert finding["message"] == "合同提到口头承诺：口头承诺"
    assert finding["text"] == "口头承诺"
    assert finding["location"]["line"] == 8 and finding["location"]["clause"] == "第一条 1.2"
    assert result.returncode == 0  # info is below the default --fail-on warning
    # selectable and explainable like a built-in rule
    assert rules_found("--select", "CL9", "deals/photo.txt", cwd=tmp_path) == {"verbal-promise"}
    assert run("--fail-on", "info", "deals/photo.txt", cwd=tmp_path).returncode == 1
    sarif = json.loads(run("--format", "sarif", "deals/photo.txt", cwd=tmp_path).stdout)
    assert "CL901" in {d["id"] for d in sarif["runs"][0]["tool"]["driver"]["rules"]}


# --------------------------------------------------------------------------- flags win


def test_command_line_flags_win_over_the_configuration(tmp_path):
    write(tmp_path / "contract-lint.toml", 'select = ["CL002"]\nfail-on = "never"\n')
    write(tmp_path / "printing.txt", PRINTING)
    assert rules_found("--select", "CL001", "printing.txt", cwd=tmp_path) == {"placeholder-unfilled"}
    assert run("printing.txt", cwd=tmp_path).returncode == 0
    assert run("--fail-on", "warning", "printing.txt", cwd=tmp_path).returncode == 1
    write(tmp_path / "contract-lint.toml", 'ignore = ["CL002"]\n')
    assert rules_found("--ignore", "CL001", "printing.txt", cwd=tmp_path) == {"confidentiality-period-missing"}


def test_select_flag_is_not_extended_by_the_configuration(tmp_path):
    write(tmp_path / "contract-lint.toml", 'select = ["CL002"]\nextend-select = ["CL001"]\n')
    write(tmp_path / "printing.txt", PRINTING)
    assert rules_found("--select", "CL002", "printing.txt", cwd=tmp_path) == {"confidentiality-period-missing"}


# --------------------------------------------------------------------------- configuration errors


CONFIG_ERRORS = [
    pytest.param("contract-lint.toml", 'select = ["CL001"\n', "invalid TOML", id="bad-toml"),
    pytest.param("contract-lint.toml", 'selekt = ["CL001"]\n', "selekt", id="unknown-key"),
    pytest.param("pyproject.toml", '[tool.contract-lint]\nfailon = "error"\n', "failon", id="unknown-key-pyproject"),
    pytest.param("contract-lint.toml", 'select = "CL001"\n', "select", id="select-not-a-list"),
    pytest.param("contract-lint.toml", "exclude = 3\n", "exclude", id="exclude-not-a-list"),
    pytest.param("contract-lint.toml", "fail-on = 3\n", "fail-on", id="fail-on-not-a-string"),
    pytest.param("contract-lint.toml", 'fail-on = "sometimes"\n', "fail-on", id="fail-on-unknown"),
    pytest.param("contract-lint.toml", '[severity]\nCL001 = "fatal"\n', "severity", id="severity-unknown"),
    pytest.param("contract-lint.toml", '[per-file-ignores]\n"a/*" = "CL001"\n', "per-file-ignores",
                 id="per-file-ignores-not-a-list"),
    pytest.param("contract-lint.toml", 'rule-paths = ["house-rules"]\n', "rule-paths", id="missing-rule-folder"),
    *(pytest.param("contract-lint.toml", text, key, id=f"unknown-rule-in-{key}")
      for text, key in [('select = ["CL999"]\n', "select"), ('ignore = ["no-such-rule"]\n', "ignore"),
                        ('extend-select = ["CL7"]\n', "extend-select"), ('[severity]\nCL999 = "info"\n', "severity"),
                        ('[per-file-ignores]\n"*.txt" = ["CL999"]\n', "per-file-ignores")]),
]


@pytest.mark.parametrize(("name", "text", "key"), CONFIG_ERRORS)
def test_a_configuration_error_is_one_line_with_the_file_and_the_key(tmp_path, name, text, key):
    config = write(tmp_path / "project" / name, text)
    write(tmp_path / "project" / "printing.txt", PRINTING)
    line = one_line_error(run("project/printing.txt", cwd=tmp_path))
    assert str(config) in line or f"project/{name}" in line, line
    assert key in line, line


def test_a_broken_team_rule_is_reported_as_file_line_before_linting(tmp_path):
    write(tmp_path / "contract-lint.toml", 'rule-paths = ["house-rules"]\n')
    write(tmp_path / "printing.txt", PRINTING)
    rule = write(tmp_path / "house-rules" / "verbal.yaml", TEAM_RULE.replace('"口头(?:承诺|约定)"', '"口头(?:承诺"'))
    line = one_line_error(run("printing.txt", cwd=tmp_path))
    assert re.search(r"house-rules/verbal\.yaml:\d+: .*pattern", line), line
    rule.write_text(TEAM_RULE.replace("check: pattern", "check: pattern\n  oops: [\n"), encoding="utf-8")
    line = one_line_error(run("printing.txt", cwd=tmp_path))
    assert re.search(r"house-rules/verbal\.yaml:\d+: ", line), line
    assert str(rule) in line or "house-rules/verbal.yaml" in line


# --------------------------------------------------------------------------- walking folders


def test_exclude_flags_hidden_files_and_word_lock_files_are_skipped(tmp_path):
    booth_docx(tmp_path / "deals" / "booth.docx")
    booth_docx(tmp_path / "deals" / "~$booth.docx")  # Word's lock file next to an open document
    write(tmp_path / "deals" / "~$notes.txt", PRINTING)
    write(tmp_path / "deals" / ".draft.txt", PRINTING)
    write(tmp_path / ".archive" / "old.txt", PRINTING)
    write(tmp_path / "deals" / "printing.txt", PRINTING)
    write(tmp_path / "deals" / "printing.bak.txt", PRINTING)
    write(tmp_path / "scratch" / "notes.md", PRINTING)
    write(tmp_path / "deals" / "scan.pdf", "not a contract")
    assert {p for p, _, _ in found(".", cwd=tmp_path)} == {
        "deals/booth.docx", "deals/printing.txt", "deals/printing.bak.txt", "scratch/notes.md"}
    paths = {p for p, _, _ in found("--exclude", "scratch", "--exclude", "*.bak.txt", ".", cwd=tmp_path)}
    assert paths == {"deals/booth.docx", "deals/printing.txt"}


# --------------------------------------------------------------------------- suppressions


def test_a_word_comment_suppresses_only_the_finding_it_is_anchored_on(tmp_path):
    booth_docx(tmp_path / "plain.docx")
    booth_docx(tmp_path / "reviewed.docx", note="contract-lint: disable=CL001 reason=乙方签约前由采购部补全")
    plain = found("plain.docx", cwd=tmp_path)
    assert [(r, line) for _, r, line in plain] == [
        ("placeholder-unfilled", 3), ("placeholder-unfilled", 5), ("confidentiality-period-missing", 7)]
    assert [(r, line) for _, r, line in found("reviewed.docx", cwd=tmp_path)] == [
        ("placeholder-unfilled", 5), ("confidentiality-period-missing", 7)]


@pytest.mark.parametrize("note", [
    "contract-lint: disable=all reason=模板，签约时填写",
    "contract-lint: disable=placeholder-unfilled,CL002",
])
def test_a_word_comment_with_all_or_several_rules(tmp_path, note):
    booth_docx(tmp_path / "reviewed.docx", note=note)
    assert [(r, line) for _, r, line in found("reviewed.docx", cwd=tmp_path)] == [
        ("placeholder-unfilled", 5), ("confidentiality-period-missing", 7)]


@pytest.mark.parametrize(("note", "stale"), [
    ("请法务确认乙方名称", []),                                   # an ordinary review comment
    # a rule that has no finding under the comment: nothing suppressed, and the stale directive is reported
    ("contract-lint: disable=CL002 reason=另一个规则", [("unused-suppression", 3)]),
    ("备注 contract-lint: disable=CL001", []),                    # the directive must start the comment
])
def test_other_word_comments_suppress_nothing(tmp_path, note, stale):
    booth_docx(tmp_path / "reviewed.docx", note=note)
    assert [(r, line) for _, r, line in found("reviewed.docx", cwd=tmp_path)] == [
        ("placeholder-unfilled", 3), *stale, ("placeholder-unfilled", 5), ("confidentiality-period-missing", 7)]


DIRECTIVES = """咨询服务合同

甲方：[委托方名称]
<!-- contract-lint: disable=CL001 reason=乙方由招标确定 -->
乙方：[中标单位]
<!-- contract-lint: enable=CL001 -->

第一条 费用
1.1 咨询费为人民币[金额]元。
<!-- contract-lint: disable=placeholder-unfilled -->
1.2 付款账户见附件[编号]。
第二条 保密
2.1 乙方对咨询中知悉的甲方经营数据负有保密义务。
"""


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_directives_disable_and_enable_a_rule(tmp_path, suffix):
    write(tmp_path / f"consulting{suffix}", DIRECTIVES)
    result = [(r, line) for _, r, line in found(f"consulting{suffix}", cwd=tmp_path)]
    # [中标单位] is between disable and enable; [编号] is after a disable with no enable; the
    # confidentiality finding is inside that open region but of another rule
    assert result == [("placeholder-unfilled", 3), ("placeholder-unfilled", 9),
                      ("confidentiality-period-missing", 13)]
    everything = DIRECTIVES.replace("contract-lint:", "note:")
    write(tmp_path / f"plain{suffix}", everything)
    assert len(found(f"plain{suffix}", cwd=tmp_path)) == 5


def test_a_suppression_that_suppresses_nothing_is_reported(tmp_path):
    booth_docx(tmp_path / "reviewed.docx", note="contract-lint: disable=roi-undefined reason=旧批注")
    assert "unused-suppression" in rules_found("reviewed.docx", cwd=tmp_path)


# --------------------------------------------------------------------------- the ignore file


def test_the_ignore_file_accepts_fingerprints_with_a_reason(tmp_path):
    write(tmp_path / "contract-lint.toml", 'fail-on = "warning"\n')
    write(tmp_path / "deals" / "printing.txt", PRINTING)
    prints = sarif_fingerprints("deals/printing.txt", cwd=tmp_path)
    assert [(rule, line) for rule, line, _ in prints] == [("CL001", 4), ("CL001", 9), ("CL002", 11)]
    # the Python API gives the same fingerprints as SARIF
    from contract_lint import lint, load_rules, read_path
    from contract_lint.fingerprint import fingerprints
    pinned = [r for r in load_rules() if r.code in ("CL001", "CL002")]
    assert fingerprints(lint(read_path(tmp_path / "deals" / "printing.txt"), pinned)) == [
        fp for _, _, fp in prints]
    write(tmp_path / ".contract-lint-ignore.yaml",
          f"- fingerprint: {prints[0][2]}\n  reason: 印刷厂由招标确定，签约时填写\n"
          f"- fingerprint: {prints[2][2]}\n  reason: 设计稿已公开发布，无需保密期限\n")
    assert found("deals/printing.txt", cwd=tmp_path) == [("deals/printing.txt", "placeholder-unfilled", 9)]
    # found next to the configuration, wherever the command runs
    assert found("printing.txt", cwd=tmp_path / "deals") == [("printing.txt", "placeholder-unfilled", 9)]
    # the `ignore:` mapping form
    write(tmp_path / ".contract-lint-ignore.yaml",
          f"ignore:\n  - fingerprint: {prints[1][2]}\n    reason: 价款待报价后填写\n")
    assert [line for _, _, line in found("deals/printing.txt", cwd=tmp_path)] == [4, 11]


@pytest.mark.parametrize("entry", ["", "\n  reason: ''", "\n  reason: '   '"])
def test_an_ignore_entry_without_a_reason_is_an_error(tmp_path, entry):
    write(tmp_path / "contract-lint.toml", "")
    write(tmp_path / "printing.txt", PRINTING)
    [(_, _, fingerprint), *_] = sarif_fingerprints("printing.txt", cwd=tmp_path)
    ignore = write(tmp_path / ".contract-lint-ignore.yaml", f"- fingerprint: {fingerprint}{entry}\n")
    line = one_line_error(run("printing.txt", cwd=tmp_path))
    assert str(ignore) in line or ".contract-lint-ignore.yaml" in line, line
    assert "reason" in line and "mandatory" in line, line


# --------------------------------------------------------------------------- baseline


def test_baseline_of_a_text_contract(tmp_path):
    contract = write(tmp_path / "printing.txt", PRINTING)
    result = run(*PINNED, "--write-baseline", "baseline.json", "printing.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3" in result.stderr and "baseline.json" in result.stderr
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 3 and all(len(e["fingerprint"]) == 64 for e in entries)

    def with_baseline() -> subprocess.CompletedProcess:
        return run("--format", "concise", *PINNED, "--baseline", "baseline.json", "printing.txt", cwd=tmp_path)

    result = with_baseline()
    assert (result.returncode, finding_lines(result.stdout)) == (0, [])
    # a paragraph inserted above every finding: lines move, nothing new
    contract.write_text(PRINTING.replace("甲方：", "鉴于双方长期合作，经友好协商订立本合同。\n\n甲方：", 1),
                        encoding="utf-8")
    assert run("--format", "concise", *PINNED, "printing.txt", cwd=tmp_path).stdout.startswith("printing.txt:6:")
    result = with_baseline()
    assert (result.returncode, finding_lines(result.stdout)) == (0, [])
    # the finding's own sentence changes: reported again, the others still accepted
    contract.write_text(contract.read_text(encoding="utf-8").replace("七日内付清", "十日内付清"), encoding="utf-8")
    result = with_baseline()
    assert result.returncode == 1
    assert finding_lines(result.stdout) == [
        "printing.txt:11:13: error CL001 placeholder-unfilled 未填写的空白：________"]


def test_baseline_of_a_word_contract(tmp_path):
    booth_docx(tmp_path / "booth.docx")
    assert run(*PINNED, "--write-baseline", "b.json", "booth.docx", cwd=tmp_path).returncode == 0
    assert found("--baseline", "b.json", "booth.docx", cwd=tmp_path) == []
    booth_docx(tmp_path / "booth.docx", before=("合同编号：JC-2025-017", "签订地点：厦门"))
    assert [line for _, _, line in found("booth.docx", cwd=tmp_path)] == [5, 7, 9]
    assert found("--baseline", "b.json", "booth.docx", cwd=tmp_path) == []
    booth_docx(tmp_path / "booth.docx", before=("合同编号：JC-2025-017",),
               fee="1.1 搭建费为人民币[金额]元，展会开幕前支付一半。")
    assert found("--baseline", "b.json", "booth.docx", cwd=tmp_path) == [("booth.docx", "placeholder-unfilled", 6)]


def test_a_baseline_does_not_hide_the_same_findings_in_a_new_file(tmp_path):
    write(tmp_path / "printing.txt", PRINTING)
    assert run(*PINNED, "--write-baseline", "b.json", "printing.txt", cwd=tmp_path).returncode == 0
    write(tmp_path / "printing-2026.txt", PRINTING)  # next year's contract, from the same template
    assert len(found("--baseline", "b.json", ".", cwd=tmp_path)) == 3


@pytest.mark.parametrize(("content", "message"), [(None, "cannot read"), ("{}", "baseline"), ("[1, 2]", "baseline"),
                                                  ("not json", "baseline")])
def test_an_unusable_baseline_is_an_error(tmp_path, content, message):
    write(tmp_path / "printing.txt", PRINTING)
    if content is not None:
        write(tmp_path / "b.json", content)
    line = one_line_error(run("--baseline", "b.json", "printing.txt", cwd=tmp_path))
    assert "b.json" in line and message in line, line


# --------------------------------------------------------------------------- cache


def contracts_folder(folder: Path) -> Path:
    """A few contracts of every format, some in a sub-folder."""
    write(folder / "printing.txt", PRINTING)
    write(folder / "translation.md", WARNING_ONLY)
    write(folder / "team" / "photo.txt", VERBAL + "2.2 尾款在交付后[天数]日内付清。\n")
    write(folder / "team" / "consulting.md", DIRECTIVES)
    booth_docx(folder / "team" / "booth.docx")
    booth_docx(folder / "reviewed.docx", note="contract-lint: disable=CL001 reason=待定")
    return folder


def cache_entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json")) if folder.exists() else []


def test_a_second_run_with_the_same_cache_gives_identical_output(tmp_path):
    contracts_folder(tmp_path / "contracts")
    first = run("--format", "json", "--cache-dir", "cache", "contracts", cwd=tmp_path)
    assert len(cache_entries(tmp_path / "cache")) == 6
    second = run("--format", "json", "--cache-dir", "cache", "contracts", cwd=tmp_path)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    uncached = run("--format", "json", "--no-cache", "contracts", cwd=tmp_path)
    assert uncached.stdout == first.stdout
    for fmt in ("sarif", "concise"):
        assert run("--format", fmt, "--cache-dir", "cache", "contracts", cwd=tmp_path).stdout == \
            run("--format", fmt, "--no-cache", "contracts", cwd=tmp_path).stdout


def test_the_default_cache_folder_is_the_users_not_the_projects(tmp_path):
    contracts_folder(tmp_path / "contracts")
    run("contracts", cwd=tmp_path)
    assert len(cache_entries(tmp_path / ".xdg-cache" / "contract-lint")) == 6
    assert {p.name for p in tmp_path.iterdir()} == {"contracts", ".xdg-cache"}


def test_no_cache_writes_nothing(tmp_path):
    contracts_folder(tmp_path / "contracts")
    run("--no-cache", "--cache-dir", "cache", "contracts", cwd=tmp_path)
    run("--no-cache", "contracts", cwd=tmp_path)
    assert cache_entries(tmp_path / "cache") == []
    assert cache_entries(tmp_path / ".xdg-cache") == []


def test_a_severity_change_in_the_configuration_invalidates_the_cache(tmp_path):
    write(tmp_path / "printing.txt", PRINTING)
    _, data = report(*PINNED, "--cache-dir", "cache", "printing.txt", cwd=tmp_path)
    assert [f["severity"] for f in data["files"][0]["findings"]] == ["error", "error", "warning"]
    write(tmp_path / "contract-lint.toml", '[severity]\nconfidentiality-period-missing = "info"\n')
    _, data = report(*PINNED, "--cache-dir", "cache", "printing.txt", cwd=tmp_path)
    assert [f["severity"] for f in data["files"][0]["findings"]] == ["error", "error", "info"]
    assert data["summary"]["info"] == 1


def test_a_team_rule_edit_invalidates_the_cache(tmp_path):
    write(tmp_path / "contract-lint.toml", 'rule-paths = ["house-rules"]\n')
    rule = write(tmp_path / "house-rules" / "verbal.yaml", TEAM_RULE)
    write(tmp_path / "photo.txt", VERBAL)
    assert found("--cache-dir", "cache", "photo.txt", cwd=tmp_path) == [("photo.txt", "verbal-promise", 8)]
    rule.write_text(TEAM_RULE.replace("口头(?:承诺|约定)", "书面(?:承诺|约定)"), encoding="utf-8")
    assert found("--cache-dir", "cache", "photo.txt", cwd=tmp_path) == []


def test_project_decisions_apply_to_cached_results(tmp_path):
    write(tmp_path / "templates" / "printing.txt", PRINTING)
    assert len(found("--cache-dir", "cache", "templates", cwd=tmp_path)) == 3
    write(tmp_path / "contract-lint.toml", '[per-file-ignores]\n"templates/*" = ["CL001"]\n')
    assert found("--cache-dir", "cache", "templates", cwd=tmp_path) == [
        ("templates/printing.txt", "confidentiality-period-missing", 11)]


def test_a_corrupt_cache_entry_is_a_miss(tmp_path):
    contracts_folder(tmp_path / "contracts")
    first = run("--format", "json", "--cache-dir", "cache", "contracts", cwd=tmp_path)
    entries = cache_entries(tmp_path / "cache")
    garbage = ["", "{", '{"findings": 3}', '{"findings": [{"rule": 1}], "notes": []}', "\x00\xff", "[]"]
    for entry, text in zip(entries, garbage, strict=True):
        entry.write_text(text, encoding="utf-8", errors="surrogateescape")
    again = run("--format", "json", "--cache-dir", "cache", "contracts", cwd=tmp_path)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    for entry in cache_entries(tmp_path / "cache"):  # rewritten on the miss
        assert isinstance(json.loads(entry.read_text(encoding="utf-8"))["findings"], list)


def test_the_same_bytes_as_md_and_txt_are_cached_apart(tmp_path):
    # a Markdown table is read as cells (an empty cell beside a label is a blank); as .txt it is not
    table = "# 报名表\n\n| 项目 | 内容 |\n|---|---|\n| 甲方名称 |  |\n| 乙方名称 | 星河公司 |\n"
    write(tmp_path / "form.md", table)
    write(tmp_path / "form.txt", table)
    expected = found("--no-cache", "form.md", "form.txt", cwd=tmp_path)
    assert [p for p, _, _ in expected] == ["form.md"]
    assert found("--cache-dir", "cache", "form.md", cwd=tmp_path) == expected
    assert found("--cache-dir", "cache", "form.txt", cwd=tmp_path) == []
    assert found("--cache-dir", "cache", "form.md", cwd=tmp_path) == expected


# --------------------------------------------------------------------------- workers


def test_jobs_2_gives_byte_identical_json_to_jobs_1(tmp_path):
    folder = contracts_folder(tmp_path / "contracts")
    for i in range(4):
        write(folder / "more" / f"printing-{i}.txt", PRINTING.replace("五千册", f"{i + 2}千册"))
    one = run("--format", "json", "--no-cache", "--jobs", "1", "contracts", cwd=tmp_path)
    two = run("--format", "json", "--no-cache", "--jobs", "2", "contracts", cwd=tmp_path)
    assert len(json.loads(one.stdout)["files"]) == 10
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    sarif = [run("--format", "sarif", "--no-cache", "-j", jobs, "contracts", cwd=tmp_path).stdout for jobs in "12"]
    assert sarif[0] == sarif[1]


# --------------------------------------------------------------------------- stdin


def test_stdin_with_a_file_name(tmp_path):
    table = "# 报名表\n\n| 项目 | 内容 |\n|---|---|\n| 甲方名称 |  |\n"
    result, data = report(*PINNED, "-", "--stdin-filename", "forms/signup.md", cwd=tmp_path,
                          stdin=PRINTING + "\n" + table)
    [file] = data["files"]
    assert file["path"] == "forms/signup.md"
    rules = [(f["rule"], f["location"]["line"]) for f in file["findings"]]
    # the empty table cell is a blank only because the name says Markdown
    assert rules == [("placeholder-unfilled", 4), ("placeholder-unfilled", 9), ("confidentiality-period-missing", 11),
                     ("placeholder-unfilled", 17)]
    assert result.returncode == 1
    concise = run("--format", "concise", *PINNED, "-", "--stdin-filename", "x.md", cwd=tmp_path, stdin=WARNING_ONLY)
    assert concise.stdout.startswith("x.md:9:")


def test_stdin_without_a_name_and_a_word_document_on_stdin(tmp_path):
    result = run("--format", "concise", *PINNED, "-", cwd=tmp_path, stdin=WARNING_ONLY)
    assert result.stdout.startswith("-:9:") and result.returncode == 1
    data = booth_docx(tmp_path / "booth.docx").read_bytes()
    _, report_ = report(*PINNED, "-", "--stdin-filename", "booth.docx", cwd=tmp_path, stdin=data)
    assert [f["location"]["line"] for f in report_["files"][0]["findings"]] == [3, 5, 7]


# --------------------------------------------------------------------------- exit codes


INFO_ONLY = '[severity]\nCL002 = "info"\n'


@pytest.mark.parametrize(("contract", "config", "fail_on", "code"), [
    (PRINTING, "", "error", 1), (PRINTING, "", "warning", 1), (PRINTING, "", "info", 1), (PRINTING, "", "never", 0),
    (WARNING_ONLY, "", "error", 0), (WARNING_ONLY, "", "warning", 1), (WARNING_ONLY, "", "info", 1),
    (WARNING_ONLY, INFO_ONLY, "warning", 0), (WARNING_ONLY, INFO_ONLY, "info", 1),
    (WARNING_ONLY, INFO_ONLY, "never", 0), (WARNING_ONLY, INFO_ONLY, None, 0),
])
def test_fail_on(tmp_path, contract, config, fail_on, code):
    write(tmp_path / "contract-lint.toml", PINNED_TOML + config)
    write(tmp_path / "c.txt", contract)
    result = run("c.txt", *(("--fail-on", fail_on) if fail_on else ()), cwd=tmp_path)
    assert result.returncode == code, result.stdout + result.stderr
    assert "CL002" in result.stdout  # reported whatever the exit code


def test_fail_on_rejects_an_unknown_level(tmp_path):
    write(tmp_path / "c.txt", PRINTING)
    result = run("--fail-on", "fatal", "c.txt", cwd=tmp_path)
    assert result.returncode == 2 and "fatal" in result.stderr


def test_exit_zero(tmp_path):
    write(tmp_path / "c.txt", PRINTING)
    result = run("--exit-zero", "--fail-on", "info", "c.txt", cwd=tmp_path)
    assert result.returncode == 0 and "CL001" in result.stdout
    # an unreadable file is still exit 2
    result = run("--exit-zero", "c.txt", "missing.docx", cwd=tmp_path)
    assert result.returncode == 2 and "missing.docx" in result.stderr


def test_write_baseline_never_overwrites_an_input(tmp_path):
    write(tmp_path / "printing.txt", PRINTING)
    before = (tmp_path / "printing.txt").read_bytes()
    result = run("--write-baseline", "printing.txt", "printing.txt", cwd=tmp_path)
    assert result.returncode == 2 and "refusing to overwrite the input file" in result.stderr
    assert (tmp_path / "printing.txt").read_bytes() == before
