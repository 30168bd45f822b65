"""The library API as a user calls it: a script of their own, in their own folder, importing
`lint_path` and `lint_text` from the installed package. Settings must mean what the flags mean,
so each call is compared with the command line's JSON report for the same settings."""

from __future__ import annotations

import importlib.resources
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from terminal import run

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = """网店运营服务合同

甲方：[甲方名称]
乙方：北辰网络科技有限公司

第一条 服务内容
1.1 乙方为甲方在京东开设的XX旗舰店提供日常运营。
1.2 店铺后台账号及密码的保管责任由[约定方]承担。
第二条 考核
2.1 乙方应使店铺月度ROI不低于2.5，未达到的，甲方可扣减当月服务费。
第三条 保密
3.1 乙方对甲方的客户资料负有保密义务。
"""


def user_script(folder: Path, body: str) -> subprocess.CompletedProcess:
    """Run `body` as the user's own script in `folder`; it prints JSON."""
    script = folder / "check_contracts.py"
    script.write_text("import json\nfrom contract_lint import lint_path, lint_text\n" + textwrap.dedent(body),
                      encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], cwd=folder, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def cli_findings(folder: Path, *args: str) -> list[dict]:
    result = run("--format", "json", *args, cwd=folder)
    assert "Traceback" not in result.stderr, result.stderr
    return [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "合同.txt").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "兼职合同.docx").write_bytes((ROOT / "corpus" / "ec03-parttime-ops-defects.docx").read_bytes())
    return tmp_path


@pytest.mark.parametrize("settings, flags", [
    ("", []),
    ("select=['CL001', 'roi-undefined']", ["--select", "CL001,roi-undefined"]),
    ("select='CL001,roi-undefined'", ["--select", "CL001,roi-undefined"]),
    ("ignore=['CL00']", ["--ignore", "CL00"]),
    ("select=['CL001'], extend_select=['CL002']", ["--select", "CL001", "--extend-select", "CL002"]),
])
@pytest.mark.parametrize("name", ["合同.txt", "兼职合同.docx"])
def test_lint_path_means_what_the_command_line_means(folder, settings, flags, name):
    result = user_script(folder, f"print(json.dumps([f.to_dict() for f in lint_path({name!r}, {settings})],"
                                 " ensure_ascii=False))")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == cli_findings(folder, *flags, name)


def test_lint_text_means_what_stdin_means(folder):
    result = user_script(folder, """
        text = open("合同.txt", encoding="utf-8").read()
        print(json.dumps([f.to_dict() for f in lint_text(text, select=["CL001", "CL004"])], ensure_ascii=False))
    """)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    stdin = run("--format", "json", "--select", "CL001,CL004", "-", cwd=folder, stdin=CONTRACT)
    assert found == json.loads(stdin.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in found] == ["placeholder-unfilled", "placeholder-unfilled", "placeholder-unfilled",
                                          "roi-undefined"]


def test_the_configuration_is_found_and_applied_as_on_the_command_line(folder):
    (folder / "contract-lint.toml").write_text(
        'select = ["CL001", "CL002"]\n[severity]\nplaceholder-unfilled = "info"\n'
        '[per-file-ignores]\n"兼职*.docx" = ["CL002"]\n', encoding="utf-8")
    result = user_script(folder, """
        out = {name: [f.to_dict() for f in lint_path(name)] for name in ("合同.txt", "兼职合同.docx")}
        out["text"] = [f.to_dict() for f in lint_text(open("合同.txt", encoding="utf-8").read())]
        print(json.dumps(out, ensure_ascii=False))
    """)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    for name in ("合同.txt", "兼职合同.docx"):
        assert found[name] == cli_findings(folder, name)
    assert {f["severity"] for f in found["合同.txt"] if f["rule"] == "placeholder-unfilled"} == {"info"}
    assert "confidentiality-period-missing" not in {f["rule"] for f in found["兼职合同.docx"]}
    assert {f["rule"] for f in found["text"]} == {"placeholder-unfilled", "confidentiality-period-missing"}


def test_an_explicit_config_file(folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("settings") / "team.toml"
    elsewhere.write_text('select = ["CL004"]\n', encoding="utf-8")
    result = user_script(folder, f"print(json.dumps([f.rule for f in lint_path('合同.txt', config={str(elsewhere)!r})"
                                 "]))")
    assert json.loads(result.stdout) == ["roi-undefined"]


def test_mistakes_raise_with_the_command_lines_message(folder):
    result = user_script(folder, """
        from contract_lint import ReadError, UsageError
        for call in (lambda: lint_path("合同.txt", select=["CL0001"]), lambda: lint_path("没有这个文件.txt")):
            try:
                call()
            except (UsageError, ReadError) as exc:
                print(type(exc).__name__, exc)
    """)
    assert result.stdout.splitlines() == [
        "UsageError --select: unknown rule CL0001 (see 'contract-lint rules')", "ReadError no such file"]
    assert "unknown rule CL0001" in run("--select", "CL0001", "合同.txt", cwd=folder).stderr


def test_finding_to_dict_is_the_json_reports_finding(folder):
    result = user_script(folder, """
        (f,) = lint_text("服务合同\\n乙方：[乙方名称]\\n", select="CL001")
        print(json.dumps({"dict": f.to_dict(), "attrs": [f.rule, f.code, f.severity, f.location.line,
                          f.location.column, f.text]}, ensure_ascii=False))
    """)
    out = json.loads(result.stdout)
    assert out["attrs"] == ["placeholder-unfilled", "CL001", "error", 2, 4, "[乙方名称]"]
    assert set(out["dict"]) == {"rule", "code", "severity", "message", "suggestion", "statute", "text", "context",
                                "context_offset", "location"}
    assert out["dict"]["location"]["start"] == len("服务合同\n乙方：")


def test_the_package_is_typed():
    assert importlib.resources.files("contract_lint").joinpath("py.typed").is_file()
    import contract_lint

    assert {"lint_path", "lint_text", "Finding"} <= set(contract_lint.__all__)
