"""CLI conventions as a user meets them (ruff, Vale and no-color.org are the reference):
colour switches, subcommands beside same-named folders, --help, `rules --format json`, an
empty file, a suppression naming an unknown rule, the progress bar, rich tables."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from contract_lint import load_rules
from terminal import run, run_in_terminal

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b["

CONTRACT = """软件咨询服务合同

甲方：青禾软件有限公司
乙方：[乙方名称]

第一条 服务内容
1.1 乙方为甲方提供架构咨询服务。
第二条 保密
2.1 乙方对履行本合同时获知的甲方技术资料负有保密义务。
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "contract-lint.toml").write_text('select = ["CL001", "CL002", "CL024"]\n', encoding="utf-8")
    (tmp_path / "合同.txt").write_text(CONTRACT, encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------- colour


def test_a_terminal_gets_colour(folder):
    code, out, _ = run_in_terminal("合同.txt", cwd=folder)
    assert code == 1 and "建议：" in out  # the text report, as on any terminal
    assert ESC in out


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color", "NO_COLOR and FORCE_COLOR"])
def test_no_color_means_no_escape_code_at_all(folder, how):
    env = {"NO_COLOR": "1"} if how.startswith("NO_COLOR") else {}
    if how.endswith("FORCE_COLOR"):
        env["FORCE_COLOR"] = "1"
    args = ["--no-color"] if how == "--no-color" else []
    code, out, _ = run_in_terminal(*args, "合同.txt", cwd=folder, env=env)
    assert code == 1 and "建议：" in out
    assert ESC not in out  # not even bold or underline


@pytest.mark.parametrize("command", [["rules"], ["explain", "CL001"]])
def test_no_color_holds_for_every_command(folder, command):
    _, coloured, _ = run_in_terminal(*command, cwd=folder)
    assert ESC in coloured
    _, plain, _ = run_in_terminal(*command, cwd=folder, env={"NO_COLOR": "1"})
    assert ESC not in plain and "CL001" in plain


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_force_color_colours_a_pipe(folder, fmt):
    assert ESC not in run("--format", fmt, "合同.txt", cwd=folder).stdout
    forced = run("--format", fmt, "合同.txt", cwd=folder, env={"FORCE_COLOR": "1"}).stdout
    assert ESC in forced
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced).count("合同.txt") >= 1


def test_a_report_written_to_a_file_has_no_colour_even_when_forced(folder):
    run("--format", "concise", "-o", "report.txt", "合同.txt", cwd=folder, env={"FORCE_COLOR": "1"})
    assert ESC not in (folder / "report.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- concise


def test_concise_carries_the_severity_and_ends_with_a_summary_line(folder):
    result = run("合同.txt", cwd=folder)  # a pipe: concise is the default
    *lines, summary = result.stdout.splitlines()
    assert lines == ["合同.txt:4:4: error CL001 placeholder-unfilled 未填写的空白：[乙方名称]",
                     "合同.txt:9:7: warning CL002 confidentiality-period-missing "
                     "约定了保密义务，但没有写明合同终止后保密义务持续多久"]
    assert summary == "✖ 2 个问题（错误 1，警告 1，提示 0），共 1 个文件"


# --------------------------------------------------------------------------- subcommands and paths


@pytest.fixture
def repo_with_rules_folder(folder):
    (folder / "rules").mkdir()
    shutil.move(folder / "合同.txt", folder / "rules" / "合同.txt")
    return folder


def test_the_subcommand_wins_with_a_hint(repo_with_rules_folder):
    result = run("rules", cwd=repo_with_rules_folder)
    assert result.returncode == 0
    assert "placeholder-unfilled" in result.stdout and "rules/合同.txt" not in result.stdout
    assert "contract-lint check rules" in result.stderr and "contract-lint rules/" in result.stderr


@pytest.mark.parametrize("args", [["check", "rules"], ["rules/"], ["./rules"]])
def test_the_folder_is_linted_when_asked_for_as_a_path(repo_with_rules_folder, args):
    result = run(*args, cwd=repo_with_rules_folder)
    assert result.returncode == 1
    assert result.stdout.startswith("rules/合同.txt:4:4: error CL001")
    assert result.stderr == ""


def test_a_subcommand_name_after_options_is_a_path_with_a_hint(repo_with_rules_folder):
    result = run("--format", "json", "rules", cwd=repo_with_rules_folder)
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["rules/合同.txt"]
    assert "read as a path" in result.stderr and "contract-lint rules" in result.stderr


def test_check_keeps_bare_paths_working(folder):
    assert run("check", "合同.txt", cwd=folder).stdout == run("合同.txt", cwd=folder).stdout


# --------------------------------------------------------------------------- --help


def test_help_has_readable_metavars_and_lists_the_choices(folder):
    result = run("--help", cwd=folder, columns=200)
    assert result.returncode == 0
    out = re.sub(r"\s*\n\s+", " ", result.stdout)  # help paragraphs are folded at 80 columns
    assert out.startswith("Usage: contract-lint check [OPTIONS] PATH...")
    assert "<str>" not in out and "<list" not in out and "<int>" not in out and "{" not in out
    formats = re.search(r"--format FORMAT\s+(.*)", out).group(1)
    for name in ("text", "concise", "json", "sarif", "github", "junit", "markdown", "html"):
        assert name in formats
    assert re.search(r"--fail-on LEVEL\s+.*error, warning, info, never", out)
    for option in ("--output FILE", "--select RULES", "--exclude GLOB", "--jobs N", "--config FILE"):
        assert option in out


def test_help_of_other_commands(folder):
    out = re.sub(r"\s*\n\s+", " ", run("rules", "--help", cwd=folder, columns=200).stdout)
    assert "--format FORMAT" in out and "text, json" in out


# --------------------------------------------------------------------------- rules


def test_rules_as_json(folder):
    result = run("rules", "--format", "json", cwd=folder)
    assert result.returncode == 0 and result.stderr == ""
    listed = json.loads(result.stdout)
    rules = sorted(load_rules(), key=lambda r: r.code)
    assert [r["code"] for r in listed] == [r.code for r in rules]
    assert {"code", "id", "severity", "title", "statute"} <= set(listed[0])
    assert [r["id"] for r in listed] == [r.id for r in rules]


@pytest.mark.parametrize("columns", [60, 100])
def test_rules_is_a_table_one_rule_per_row(folder, columns):
    from rich.cells import cell_len

    _, out, _ = run_in_terminal("rules", cwd=folder, columns=columns, env={"NO_COLOR": "1"})
    lines = out.splitlines()
    assert lines[0].split() == ["代码", "规则", "严重程度", "说明"]
    starts = [line for line in lines[1:] if re.match(r"CL\d{3} ", line)]
    assert len(starts) == len(load_rules())
    title_column = cell_len(lines[0][:lines[0].index("说明")])
    for line, rule in zip(starts, sorted(load_rules(), key=lambda r: r.code), strict=True):
        assert line.split()[:3] == [rule.code, rule.id, {"error": "错误", "warning": "警告", "info": "提示"}[
            rule.severity]]
        assert cell_len(line[:line.index(rule.title[:2])]) == title_column  # the titles line up
    assert max(cell_len(line) for line in lines) <= columns


def test_eval_prints_a_table(tmp_path):
    for name in ("cs04-network-maintenance.txt", "cs04-network-maintenance.expected.yaml"):
        shutil.copy(ROOT / "corpus" / name, tmp_path / name)
    result = run("eval", "--min-precision", "0", "--min-recall", "0", "--min-clause", "0", ".", cwd=tmp_path,
                 env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].rstrip() == "1 份文档"
    assert lines[1].split() == ["规则", "TP", "FP", "FN", "precision", "recall", "clause"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert set(rows) == {r.id for r in load_rules()}
    assert all(len(values) == 6 for values in rows.values())


# --------------------------------------------------------------------------- an empty file


@pytest.mark.parametrize("name", ["空白.txt", "空白.md", "空白.docx"])
def test_an_empty_file_is_a_note_not_a_read_error(folder, name):
    (folder / name).write_bytes(b"")
    result = run("--format", "text", name, cwd=folder)
    assert (result.returncode, result.stderr) == (0, "")
    assert "注：文件是空的（0 字节），没有可检查的内容" in result.stdout
    assert "✓ 没有发现问题，共 1 个文件" in result.stdout
    (entry,) = json.loads(run("--format", "json", name, cwd=folder).stdout)["files"]
    assert entry["error"] is None and entry["findings"] == [] and entry["notes"]


# --------------------------------------------------------------------------- unknown rules in suppressions


@pytest.mark.parametrize("name", ["CL0001", "placeholder-unfiled", "cl001"])
def test_a_suppression_naming_an_unknown_rule_is_a_finding(folder, name):
    (folder / "合同.txt").write_text(f"<!-- contract-lint: disable={name} -->\n" + CONTRACT, encoding="utf-8")
    found = json.loads(run("--format", "json", "合同.txt", cwd=folder).stdout)["files"][0]["findings"]
    by_rule = {f["rule"]: f for f in found}
    assert "placeholder-unfilled" in by_rule  # the suppression suppressed nothing
    unknown = by_rule["unused-suppression"]
    assert unknown["code"] == "CL024" and unknown["location"]["line"] == 1
    assert f"未知规则 {name}" in unknown["message"]


def test_a_known_rule_that_is_not_selected_is_not_unknown(folder):
    text = "<!-- contract-lint: disable=roi-undefined,CL019 -->\n" + CONTRACT
    (folder / "合同.txt").write_text(text, encoding="utf-8")
    found = json.loads(run("--format", "json", "合同.txt", cwd=folder).stdout)["files"][0]["findings"]
    assert "unused-suppression" not in {f["rule"] for f in found}


def test_a_teams_own_rule_is_known(folder):
    team = folder / "team-rules"
    team.mkdir()
    (team / "no-oral.yaml").write_text(
        "id: no-oral-agreement\ncode: CL901\nseverity: warning\ntitle: 口头约定\nmessage: 不要依赖口头约定\n"
        "rationale: 口头约定难以证明\nsuggestion: 写进合同\ncheck: pattern\nparams:\n  patterns: [口头约定]\n"
        "examples:\n  fire:\n    - 双方口头约定\n  ok:\n    - 双方书面约定\n", encoding="utf-8")
    (folder / "contract-lint.toml").write_text('select = ["CL001", "CL024"]\nrule-paths = ["team-rules"]\n',
                                               encoding="utf-8")
    (folder / "合同.txt").write_text("<!-- contract-lint: disable=CL901 -->\n" + CONTRACT, encoding="utf-8")
    found = json.loads(run("--format", "json", "合同.txt", cwd=folder).stdout)["files"][0]["findings"]
    assert "unused-suppression" not in {f["rule"] for f in found}, found


# --------------------------------------------------------------------------- progress


@pytest.fixture
def many(folder):
    contracts = folder / "contracts"
    contracts.mkdir()
    for n in range(35):
        (contracts / f"合同{n:02}.txt").write_text(CONTRACT.replace("青禾", f"青禾{n}"), encoding="utf-8")
    return folder


def test_a_long_run_on_a_terminal_shows_progress_on_stderr(many):
    code, out, err = run_in_terminal("--format", "json", "--no-cache", "contracts", cwd=many, stdout_tty=False,
                                     stderr_tty=True)
    assert code == 1
    assert len(json.loads(out)["files"]) == 35  # stdout stays the report alone
    assert "检查合同" in err and "35/35" in err


def test_no_progress_when_stderr_is_piped(many):
    result = run("--format", "json", "--no-cache", "contracts", cwd=many)
    assert result.returncode == 1 and result.stderr == ""


def test_no_progress_for_a_few_files(folder):
    code, _, err = run_in_terminal("--format", "json", "合同.txt", cwd=folder, stdout_tty=False, stderr_tty=True)
    assert code == 1 and err == ""
