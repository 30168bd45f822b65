"""The documented CI set-up works as written.

- The README's pre-commit configuration is run by pre-commit itself on a fresh repository that
  holds a README, docs, a changelog and contracts: it passes on clean contracts, fails on a
  blank, and never on the non-contract files.
- The GitHub Actions workflows in docs/github-actions.md are checked against the workflow
  schema (SchemaStore's, as vendored by check-jsonschema: actionlint is neither in Debian nor on
  PyPI as a binary that installs offline), use upload-sarif@v4 with the permissions it needs, and
  their lint steps are run as written in a repository like the one they describe.
- The wheel they install is the one `pip wheel` builds (its name, and py.typed inside).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTIONS = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")

CLEAN = (ROOT / "corpus" / "cs13-freelance-clean.md").read_text(encoding="utf-8")  # no finding of any rule
BLANK = CLEAN.replace("**乙方**：沈予安", "**乙方**：[乙方姓名]")
BLANK_AT = "11:8"  # where the blank is


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, re.S)


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "GITHUB_ACTIONS")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", PRE_COMMIT_HOME=str(home / "pre-commit-home"),
               PYTHONIOENCODING="utf-8", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return env


def sh(*args: str, cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=600, check=check)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def contracts_repository(root: Path, env: dict[str, str]) -> Path:
    """A small repository as a legal team keeps one: contracts, and the usual other files."""
    repo = root / "contracts-repo"
    write(repo / "README.md", "# 公司合同库\n\n本仓库存放已签署的服务合同。提交前 contract-lint 会检查合同。\n")
    write(repo / "CHANGELOG.md", "# 更新日志\n\n- 新增：咨询服务合同\n")
    write(repo / "docs" / "会议纪要.md", "# 合同评审会议纪要\n\n参会人：甲方 王经理、乙方 李工\n\n1. 讨论服务合同\n")
    write(repo / "contracts" / "设计合同.md", CLEAN)
    write(repo / "contract-lint.toml", 'exclude = ["templates/**"]\n')
    write(repo / "templates" / "范本.md", BLANK)  # a template is full of blanks on purpose
    sh("git", "init", "-q", "-b", "main", cwd=repo, env=env)
    return repo


# --------------------------------------------------------------------------- pre-commit

PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
needs_pre_commit = pytest.mark.skipif(PRE_COMMIT is None or shutil.which("git") is None,
                                      reason="needs pre-commit (the test extras) and git")


def readme_pre_commit_config() -> str:
    (config,) = [block for block in yaml_blocks(README) if "repo: local" in block]
    return config


def test_the_readme_has_no_placeholder_and_no_tag():
    config = readme_pre_commit_config()
    hooks = yaml.safe_load(config)["repos"][0]["hooks"]
    assert "<owner>" not in README and "<owner>" not in ACTIONS
    assert "rev:" not in config
    assert "--force-exclude" in hooks[0]["entry"]


@needs_pre_commit
def test_the_readme_pre_commit_hook_runs_on_a_fresh_repository(tmp_path):
    env = environment(tmp_path)
    repo = contracts_repository(tmp_path, env)
    write(repo / ".pre-commit-config.yaml", readme_pre_commit_config())
    sh("git", "add", "-A", cwd=repo, env=env)
    assert sh(PRE_COMMIT, "validate-config", ".pre-commit-config.yaml", cwd=repo, env=env).returncode == 0

    passed = sh(PRE_COMMIT, "run", "--all-files", cwd=repo, env=env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"contract-lint\.+Passed", passed.stdout)

    write(repo / "contracts" / "新合同.md", BLANK)
    sh("git", "add", "-A", cwd=repo, env=env)
    failed = sh(PRE_COMMIT, "run", "--all-files", cwd=repo, env=env, check=False)
    assert failed.returncode == 1
    assert f"contracts/新合同.md:{BLANK_AT}: error CL001 placeholder-unfilled" in failed.stdout
    assert "README" not in failed.stdout and "范本" not in failed.stdout and "会议纪要" not in failed.stdout

    # and as a commit hook, where it stops the commit
    sh(PRE_COMMIT, "install", cwd=repo, env=env)
    commit = sh("git", "commit", "-q", "-m", "add a contract", cwd=repo, env=env, check=False)
    assert commit.returncode != 0 and "CL001" in commit.stdout + commit.stderr


@needs_pre_commit
def test_the_shipped_hook_manifest_is_valid(tmp_path):
    result = sh(PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=tmp_path,
                env=environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "--force-exclude" in hook["args"]


# --------------------------------------------------------------------------- GitHub Actions


def workflows() -> list[dict]:
    return [yaml.safe_load(block) for block in yaml_blocks(ACTIONS) if "jobs:" in block]


def test_the_workflows_match_the_github_workflow_schema(tmp_path):
    check = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if check is None:
        pytest.skip("check-jsonschema (the test extras) is not installed")
    files = []
    for n, block in enumerate(b for b in yaml_blocks(ACTIONS) if "jobs:" in b):
        path = tmp_path / ".github" / "workflows" / f"workflow{n}.yml"
        write(path, block)
        files.append(str(path))
    assert len(files) == 2
    result = subprocess.run([check, "--builtin-schema", "vendor.github-workflows", *files], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_scanning_uses_upload_sarif_v4_with_its_permissions():
    sarif, annotations = workflows()
    assert sarif["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    steps = sarif["jobs"]["contract-lint"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert "github/codeql-action/upload-sarif@v4" in uses
    assert all(re.fullmatch(r"[\w./-]+@v\d+", u) for u in uses)
    assert annotations["permissions"] == {"contents": "read"}


def build_wheel(tmp_path: Path) -> Path:
    """`python -m pip wheel --no-deps -w dist .` as the docs say, on a copy of the sources (a
    build writes build/ and *.egg-info beside them); offline, with the installed setuptools."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("src", "rules"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    return wheel


def test_the_documented_wheel_is_the_one_pip_builds(tmp_path):
    wheel = build_wheel(tmp_path)
    documented = set(re.findall(r"hetong_lint-[\w.]+-py3-none-any\.whl", ACTIONS))
    assert documented == {wheel.name}
    for workflow in workflows():
        installs = [s["run"] for s in workflow["jobs"]["contract-lint"]["steps"] if "pip install" in s.get("run", "")]
        assert installs == [f"pip install tools/{wheel.name}"]
    names = zipfile.ZipFile(wheel).namelist()
    assert "contract_lint/py.typed" in names  # type checkers see the library's annotations
    assert "contract_lint/builtin_rules/placeholder-unfilled.yaml" in names


def run_steps(workflow: dict, repo: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess]:
    """The workflow's `run:` steps that lint, run with bash as the runner would."""
    done = []
    for step in workflow["jobs"]["contract-lint"]["steps"]:
        script = step.get("run", "")
        if "contract-lint" in script and "pip install" not in script:
            step_env = {**env, **{k: str(v) for k, v in (step.get("env") or {}).items()}}
            done.append(sh("bash", "-eo", "pipefail", "-c", script, cwd=repo, env=step_env, check=False))
    return done


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_workflow_steps_run_as_written(tmp_path):
    env = environment(tmp_path)
    repo = contracts_repository(tmp_path, env)
    sh("git", "add", "-A", cwd=repo, env=env)
    sh("git", "commit", "-q", "-m", "base", cwd=repo, env=env)
    base = sh("git", "rev-parse", "HEAD", cwd=repo, env=env).stdout.strip()
    sarif, annotations = workflows()

    (lint,) = run_steps(sarif, repo, env)
    assert lint.returncode == 0, lint.stderr
    report = json.loads((repo / "contract-lint.sarif").read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0" and report["runs"][0]["results"] == []

    # a pull request that adds a contract with a blank and edits the README
    write(repo / "contracts" / "新合同.md", BLANK)
    write(repo / "README.md", "# 公司合同库\n\n新增了一份合同。\n")
    sh("git", "add", "-A", cwd=repo, env=env)
    sh("git", "commit", "-q", "-m", "change", cwd=repo, env=env)
    # `${{ github.event.pull_request.base.sha }}` is what the runner substitutes for BASE
    annotations["jobs"]["contract-lint"]["steps"][-1]["env"] = {"BASE": base}
    (changed,) = run_steps(annotations, repo, env)
    assert changed.returncode == 123, changed.stderr  # xargs: the command exited 1, so the job fails
    line, col = BLANK_AT.split(":")
    assert changed.stdout.startswith(f"::error file=contracts/新合同.md,line={line},col={col}")
    assert "README" not in changed.stdout
