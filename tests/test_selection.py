"""File selection as a new user meets it: `contract-lint .` in a small git repository of
contracts that also holds a README, a changelog, meeting notes, build output and a report
contract-lint wrote itself. Only the contracts are linted; the rest is skipped and counted."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from contract_lint import read_path
from contract_lint.selection import looks_like_contract
from terminal import run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GIT = shutil.which("git")

CONTRACT = """网站维护服务合同

甲方：明川文化传媒有限公司
乙方：北辰网络科技有限公司

第一条 服务内容
1.1 乙方负责甲方官网的日常维护，服务费为人民币[金额]元。
"""

# --------------------------------------------------------------------------- what is not a contract

README = """# 公司合同库

本仓库存放公司对外签署的服务合同和合同范本的文字版。

## 目录

- contracts/：已签署的合同
- templates/：合同范本，甲方、乙方名称留空

## 使用

提交前运行 `contract-lint contracts/`；它会检查服务合同缺少的条款。
"""

README_EN = """# contract-lint

A deterministic, offline linter for Chinese service contracts (服务合同).

```
$ contract-lint corpus/ec03.docx
```
"""

CHANGELOG = """# 更新日志

## 2026-03-01

- 新增：网络推广服务合同范本
- 修改：保密协议第四条的期限改为两年
- 删除：旧版劳务合同
"""

MEETING_NOTES = """# 合同评审会议纪要

时间：2026年3月2日 14:00
地点：三楼会议室
参会人：甲方 王经理、乙方 李工、法务 张律师

## 议题

1. 服务合同第三条的付款节点：甲方希望分两期付款，乙方同意。
2. 保密条款：补充保密期限。

## 待办

- 乙方：下周一前提交修改稿
- 甲方：确认付款节点
"""

DOCS_GUIDE = """# 合同审阅指南

审阅服务合同时，请逐项核对：

1. 甲方、乙方名称与营业执照一致；
2. 第一条写明服务内容；
3. 金额大小写一致。
"""

NOT_CONTRACTS = {"README.md": README, "README-en.md": README_EN, "CHANGELOG.md": CHANGELOG,
                 "会议纪要.md": MEETING_NOTES, "审阅指南.md": DOCS_GUIDE,
                 "notes.txt": "待办：\n1. 给甲方回电话\n2. 乙方报价单\n"}


@pytest.mark.parametrize("name", list(NOT_CONTRACTS))
def test_non_contract_markdown_does_not_look_like_a_contract(name):
    assert not looks_like_contract(NOT_CONTRACTS[name])


def corpus_contracts() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".docx") and p.name != "README.md")


@pytest.mark.parametrize("path", corpus_contracts(), ids=lambda p: p.name)
def test_every_contract_in_the_corpus_looks_like_a_contract(path):
    assert looks_like_contract(read_path(path).text)


def test_the_corpus_readme_does_not():
    assert not looks_like_contract((CORPUS / "README.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "# 保密协议（2026版）\n\n协议编号：A-1\n",  # a bracketed note after the title
    "合同编号：HT-001\n\n软件开发合同\n\n甲方：",  # the number before the title
    "**授权委托书**\n\n委托人：",
    # no title (a web capture), but the parties and an article
    "示范文本库 - 首页\n\n使用说明……\n\n甲方（委托人）：\n\n乙方（受托人）：\n\n第一条 委托事务\n",
])
def test_titles_and_party_lines(text):
    assert looks_like_contract(text)


@pytest.mark.parametrize("text", [
    "本仓库存放公司的各类合同",  # a sentence, not a title
    "# 合同\n",  # a word, not a title
    "甲方：王经理\n乙方：李工\n\n议题：付款节点\n",  # speakers, no article
])
def test_near_misses(text):
    assert not looks_like_contract(text)


# --------------------------------------------------------------------------- a repository


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "contract-lint.toml").write_text('select = ["CL001"]\nexclude = ["archive/**"]\n', encoding="utf-8")
    for name, text in NOT_CONTRACTS.items():
        write(tmp_path / ("docs" if "指南" in name or "纪要" in name else ".") / name, text)
    write(tmp_path / "contracts" / "维护合同.txt", CONTRACT)
    write(tmp_path / "contracts" / "推广合同.md", "# 推广服务合同\n\n" + CONTRACT.split("\n", 1)[1])
    shutil.copy(CORPUS / "ec03-parttime-ops-defects.docx", tmp_path / "contracts" / "兼职合同.docx")
    # build output, tool folders, ignored and excluded files: each holds a contract, so only the
    # selection (not the contract check) can keep it out
    for folder in ("build/lib", "dist", "node_modules/pkg", "hetong_lint.egg-info", "venv/share", ".venv",
                   "drafts", "private", "archive/2020"):
        write(tmp_path / folder / "副本合同.txt", CONTRACT)
    write(tmp_path / "contracts" / "旧稿.tmp.txt", CONTRACT)
    write(tmp_path / ".gitignore", "drafts/\n*.tmp.txt\n")
    return tmp_path


@pytest.fixture
def git_repo(repo: Path) -> Path:
    if GIT is None:
        pytest.skip("git is not installed")
    git("init", "-q", cwd=repo)
    write(repo / ".git" / "info" / "exclude", "private/\n")
    return repo


CONTRACTS = ["contracts/兼职合同.docx", "contracts/推广合同.md", "contracts/维护合同.txt"]
SKIPPED = ["CHANGELOG.md", "README-en.md", "README.md", "notes.txt", "docs/会议纪要.md", "docs/审阅指南.md"]


def test_a_walk_lints_only_the_contracts(git_repo):
    result = run("--format", "json", ".", cwd=git_repo)
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == CONTRACTS, result.stderr
    assert report["skipped"] == SKIPPED
    assert report["summary"]["skipped"] == len(SKIPPED)
    assert result.stderr == ""


def test_the_summary_counts_what_was_skipped_and_verbose_lists_it(git_repo):
    result = run("--format", "text", ".", cwd=git_repo)
    assert f"共 3 个文件，跳过 {len(SKIPPED)} 个非合同文件" in result.stdout
    assert "README" not in result.stdout + result.stderr
    concise = run(".", cwd=git_repo).stdout.splitlines()[-1]
    assert concise.endswith(f"共 3 个文件，跳过 {len(SKIPPED)} 个非合同文件")
    verbose = run("--verbose", ".", cwd=git_repo)
    listed = [line.split()[2].rstrip(":") for line in verbose.stderr.splitlines()]
    assert listed == SKIPPED
    assert all("does not look like a contract" in line for line in verbose.stderr.splitlines())


def test_gitignore_counts_only_inside_a_git_work_tree(repo):
    paths = [f["path"] for f in json.loads(run("--format", "json", ".", cwd=repo).stdout)["files"]]
    # no git repository: .gitignore is just a file, and drafts/ and *.tmp.txt are contracts like others
    assert "drafts/副本合同.txt" in paths and "contracts/旧稿.tmp.txt" in paths and "private/副本合同.txt" in paths
    assert not any(p.startswith(("build/", "dist/", "node_modules/", "hetong_lint.egg-info/", "venv/", ".venv/",
                                 "archive/")) for p in paths)


def test_a_report_written_next_to_the_contracts_is_not_linted_next_time(git_repo):
    for fmt, name in (("text", "报告.txt"), ("markdown", "report.md"), ("concise", "lint.txt")):
        run("--format", fmt, "-o", f"contracts/{name}", "contracts", cwd=git_repo)
        assert (git_repo / "contracts" / name).exists()
    report = json.loads(run("--format", "json", "contracts", cwd=git_repo).stdout)
    assert [f["path"] for f in report["files"]] == CONTRACTS
    assert sorted(report["skipped"]) == ["contracts/lint.txt", "contracts/report.md", "contracts/报告.txt"]


def test_a_named_ignored_folder_is_walked_all_the_same(git_repo):
    paths = [f["path"] for f in json.loads(run("--format", "json", "drafts", cwd=git_repo).stdout)["files"]]
    assert paths == ["drafts/副本合同.txt"]


def test_a_nested_repository_has_its_own_gitignore(git_repo):
    nested = git_repo / "contracts" / "vendor"
    write(nested / "合同.txt", CONTRACT)
    write(nested / "草稿.txt", CONTRACT)
    git("init", "-q", cwd=nested)
    write(nested / ".gitignore", "草稿.txt\n")
    paths = [f["path"] for f in json.loads(run("--format", "json", "contracts", cwd=git_repo).stdout)["files"]]
    assert "contracts/vendor/合同.txt" in paths and "contracts/vendor/草稿.txt" not in paths


def test_named_files_are_always_linted(git_repo):
    named = ["README.md", "drafts/副本合同.txt", "build/lib/副本合同.txt", "archive/2020/副本合同.txt"]
    report = json.loads(run("--format", "json", *named, cwd=git_repo).stdout)
    assert [f["path"] for f in report["files"]] == named
    assert report["skipped"] == []


def test_force_exclude_selects_named_files_as_a_walk_would(git_repo):
    named = ["README.md", "contracts/维护合同.txt", "drafts/副本合同.txt", "build/lib/副本合同.txt",
             "archive/2020/副本合同.txt", "contracts/旧稿.tmp.txt", "private/副本合同.txt", "contracts/兼职合同.docx"]
    report = json.loads(run("--format", "json", "--force-exclude", *named, cwd=git_repo).stdout)
    assert [f["path"] for f in report["files"]] == ["contracts/维护合同.txt", "contracts/兼职合同.docx"]
    assert report["skipped"] == ["README.md"]


def test_force_exclude_with_nothing_left_exits_0(git_repo):
    result = run("--force-exclude", "README.md", "CHANGELOG.md", cwd=git_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "✓ 没有发现问题，共 0 个文件，跳过 2 个非合同文件"
