"""What start-up keeps between runs (compiled patterns, parsed rules), how option values are read
without pydantic, and how a batch is shared between worker processes. Nothing here is timed:
speed is measured in benchmarks/."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from contract_lint import diskstore, regexcache, runner
from contract_lint.cache import Cache
from contract_lint.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = "服务合同\n甲方：杭州某某科技有限公司\n第一条 服务\n乙方提供运营服务，服务费为人民币____元。\n"


def cli(*args: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "contract_lint", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def test_a_stored_pattern_is_the_pattern_re_compiles(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterns = [r"(?P<y>\d{4})[ \u3000_＿]*年", r"(?:甲方|乙方)(?=[：:])", r"(?i)roi(?![a-z])",
                r"[^，。；\n]{0,8}?签订"]
    texts = ["签订日期：_2026__年", "甲方：某公司；乙方:某人", "ROI不低于3，heroic", "本合同于2026年3月1日在杭州签订"]
    monkeypatch.setattr(regexcache, "_STORE", diskstore.Store("regex-cache", (2, "test")))
    for pattern in patterns:
        regexcache.regex(pattern)
    regexcache._STORE.save()
    # a new run: the store is read from disk, the patterns are not compiled again
    monkeypatch.setattr(regexcache, "_STORE", diskstore.Store("regex-cache", (2, "test")))
    monkeypatch.setattr(regexcache, "_program", lambda *a: pytest.fail("compiled again"))
    for pattern in patterns:
        stored, fresh = regexcache.regex(pattern), re.compile(pattern)
        assert (stored.pattern, stored.flags, stored.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
        for text in texts:
            assert [m.span() for m in stored.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_a_damaged_or_foreign_store_is_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    store = diskstore.Store("things", (1,))
    Path(store.path()).parent.mkdir(parents=True)
    Path(store.path()).write_bytes(b"not marshal")
    assert store.get("key") is None
    store.put("key", [1, 2])
    store.save()
    assert diskstore.Store("things", (1,)).get("key") == [1, 2]
    assert diskstore.Store("things", (2,)).get("key") is None  # another format or Python


def test_the_command_line_saves_its_stores_although_it_skips_teardown(tmp_path):
    (tmp_path / "合同.txt").write_text(CONTRACT, encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    first = cli("--format", "json", "--no-cache", "合同.txt", cwd=tmp_path, env=env)
    assert first.returncode == 1 and json.loads(first.stdout)["summary"]["findings"] >= 1
    assert (tmp_path / "cache" / "contract-lint" / "regex-cache.marshal").exists()
    assert (tmp_path / "cache" / "contract-lint" / "rule-files.marshal").exists()
    second = cli("--format", "json", "--no-cache", "合同.txt", cwd=tmp_path, env=env)
    assert second.stdout == first.stdout
    off = cli("--format", "json", "--no-cache", "合同.txt", cwd=tmp_path,
              env={**env, "CONTRACT_LINT_NO_STARTUP_CACHE": "1"})
    assert off.stdout == first.stdout


@pytest.mark.parametrize("args, message", [
    (("--jobs", "x"), "'x' is not an integer"),
    (("--fail-on", "loud"), "'loud' is not one of"),
])
def test_option_values_are_checked_without_pydantic(tmp_path, args, message):
    (tmp_path / "合同.txt").write_text(CONTRACT, encoding="utf-8")
    result = cli(*args, "合同.txt", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_payee_label_inside_a_word_needs_no_spacy(tmp_path):
    (tmp_path / "合同.txt").write_text(CONTRACT + "乙方应妥善保存客户名单。\n户名：杭州某某科技有限公司\n",
                                      encoding="utf-8")
    code = ("import sys\n"
            "sys.argv = ['contract-lint', '--format', 'json', '--no-cache', '--ignore', 'CL003', '合同.txt']\n"
            "import atexit\n"
            "atexit.register(lambda: print('spacy' in sys.modules, 'jieba' in sys.modules, file=sys.stderr))\n"
            "from contract_lint.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "False True"


def test_a_lint_run_does_not_import_pydantic(tmp_path):
    (tmp_path / "合同.txt").write_text(CONTRACT, encoding="utf-8")
    code = ("import sys; sys.argv = ['contract-lint', '--format', 'json', '--jobs', '1', '--no-cache', '合同.txt']\n"
            "import atexit\n"
            "atexit.register(lambda: print('pydantic' in sys.modules, 'rich' in sys.modules, file=sys.stderr))\n"
            "from contract_lint.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "False False"


def test_a_cached_rerun_starts_no_worker(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"合同{i}.txt").write_text(CONTRACT.replace("____", str(1000 + i)), encoding="utf-8")
    paths = [str(p) for p in sorted(tmp_path.glob("*.txt"))]
    rules = load_rules()
    options = runner.Options(cache=Cache(tmp_path / "cache", rules), jobs=2)
    first = runner.lint_paths(paths, rules, options)

    def no_workers(*args, **kwargs):
        raise AssertionError("a worker was started for cached files")

    monkeypatch.setattr(runner, "_in_workers", no_workers)
    assert runner.lint_paths(paths, rules, options) == first


def test_workers_take_the_largest_file_first_and_give_the_same_results(tmp_path):
    sizes = {"小.txt": 1, "大.txt": 40, "中.txt": 10}
    for name, repeat in sizes.items():
        (tmp_path / name).write_text(CONTRACT * repeat, encoding="utf-8")
    paths = [str(tmp_path / name) for name in sizes]
    assert sorted(paths, key=runner._size, reverse=True) == [paths[1], paths[2], paths[0]]
    rules = load_rules()
    assert runner.lint_paths(paths, rules, runner.Options(jobs=2)) == runner.lint_paths(paths, rules)


def test_the_domain_dictionary_keeps_common_and_domain_words_whole(tmp_path, monkeypatch):
    pytest.importorskip("spacy")
    from contract_lint import nlp

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for cached in (nlp.segmenter, nlp.pipeline, nlp.tokens, nlp.word_starts):
        cached.cache_clear()
    try:
        words = [w for w, _ in nlp.tokens("甲方提供的管理员账号及密码由乙方保管，客户名单由甲方所有")]
        assert list((tmp_path / "contract-lint").glob("jieba-*-top50000.txt"))
        for word in ("甲方", "提供", "管理员", "账号", "密码", "乙方", "保管", "客户", "名单"):
            assert word in words
        nlp.know(["千川账户"])
        assert "千川账户" in [w for w, _ in nlp.tokens("千川账户的密码由乙方保管")]
        assert nlp.word_starts("客户名单") == {0, 2}  # 客户 名单: 户名 (at 1) is no word of it
    finally:
        for cached in (nlp.segmenter, nlp.pipeline, nlp.tokens, nlp.word_starts):
            cached.cache_clear()
        nlp._known.clear()


def test_a_store_that_outgrows_its_limit_keeps_what_the_last_run_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(diskstore, "_MAX_ENTRIES", 5)
    first = diskstore.Store("things", (1,))
    for i in range(5):
        first.put(i, i)
    first.save()
    second = diskstore.Store("things", (1,))
    assert second.get(3) == 3
    second.put("new", 1)
    second.save()
    assert diskstore.Store("things", (1,))._load() == {3: 3, "new": 1}
