"""Benchmark contract-lint at repository scale: many contracts, workers, the cache (not a test).

    .venv/bin/python benchmarks/scale.py [-n 300] [--runs 1] [--keep DIR] [--profile]

Generates N typical contracts in a temporary folder by varying the corpus: every corpus source
(`corpus/src/*.docsrc` built with tools.build_corpus, and the corpus's own .txt/.md files) is
used in turn, and each copy gets a different contract number, party name and fee, so no two
files have the same content hash (the cache cannot share entries between them). Then runs
`contract-lint --format json --exit-zero -o REPORT FOLDER` in fresh processes and measures:

- cold, `--jobs 1 --no-cache`;
- cold, `--jobs 2 --no-cache`;
- first run with an empty `--cache-dir` (`--jobs 2`): linting plus writing every entry;
- fully cached second run, `--jobs 2` and `--jobs 1`: a hash per file.

For each: wall time (median of --runs), files per second, CPU time of the process and its
workers (other load on the machine inflates wall time, hardly CPU time), and peak memory, both the largest
single process (wait4 ru_maxrss, which on Linux is the maximum over the process and the
workers it reaped) and the whole process tree (the sum of VmRSS of the process and its
workers, sampled every 20 ms from /proc). The JSON reports of all runs must be identical, which
also checks that the cache and the workers change nothing.

Targets (issue 4, on a 2-core machine): cold `--jobs 2` under 15 s, fully cached under 2 s.
With --profile, or when a target is missed, prints where the time goes (cProfile of the
parent process, and of linting a sample of the files in one process).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import _trim, profile_cold  # noqa: E402  (the same fresh-interpreter profiler)

from contract_lint.readers.text import decode  # noqa: E402
from tools.build_corpus import build_docx  # noqa: E402

CORPUS = ROOT / "corpus"
TARGETS = {"cold --jobs 2": 15.0, "cached --jobs 2": 2.0}
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
FIRM = re.compile(r"(有限公司|工作室|有限责任公司)")

# Runs one command from a small process (so the benchmark's own memory does not count in the
# child's ru_maxrss, which on Linux starts at the forked parent's size), samples the RSS of the
# whole process tree, and prints "seconds exit-code ru_maxrss(KiB) tree-peak(KiB) cpu-seconds" (CPU time
# of the process and its reaped workers: a figure that other load on the machine barely changes).
LAUNCHER = r"""
import os, subprocess, sys, threading, time

def tree_rss(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next((int(x.split()[1]) for x in f if x.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak, done = [0], threading.Event()

def sample():
    while not done.is_set():
        peak[0] = max(peak[0], tree_rss(proc.pid))
        done.wait(0.02)

sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.perf_counter() - start
done.set()
sampler.join()
sys.stderr.write(err.decode("utf-8", "replace"))
print(elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss, peak[0], usage.ru_utime + usage.ru_stime)
"""


# --------------------------------------------------------------------------- the contracts


def sources() -> list[tuple[str, str, str]]:
    """(name, kind, text) of every corpus contract: kind is docsrc, txt or md."""
    out = [(p.stem, "docsrc", p.read_text(encoding="utf-8-sig")) for p in sorted((CORPUS / "src").glob("*.docsrc"))]
    built = {p.stem for p in (CORPUS / "src").glob("*.gbksrc")}
    for path in sorted([*CORPUS.glob("*.txt"), *CORPUS.glob("*.md")]):
        if path.stem in built:  # generated GB18030 file: read its UTF-8 source instead
            text = (CORPUS / "src" / f"{path.stem}.gbksrc").read_text(encoding="utf-8-sig")
        else:  # as the linter reads it: UTF-8 with or without BOM, UTF-16, GB18030
            text = decode(path.read_bytes())[0]
        out.append((path.stem, path.suffix.lstrip("."), text))
    return out


def vary(text: str, i: int) -> str:
    """A small textual variation: another contract number, party name and fee."""
    text = FIRM.sub(lambda m: f"{SURNAMES[i % len(SURNAMES)]}记{m.group(1)}", text, count=1)
    text = re.sub(r"人民币(\d[\d,]*)", lambda m: f"人民币{int(m.group(1).replace(',', '')) + i}", text, count=1)
    lines = text.splitlines()
    titles = [n for n, line in enumerate(lines) if line.startswith("@title")]
    at = titles[0] + 1 if titles else min(1, len(lines))  # after the title
    lines.insert(at, f"合同编号：SC-2025-{i:05d}")
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int) -> dict[str, int]:
    kinds: dict[str, int] = {}
    pool = sources()
    for i in range(count):
        name, kind, text = pool[i % len(pool)]
        sub = folder / f"team{i % 7}"  # a few sub-folders, as a repository has
        sub.mkdir(parents=True, exist_ok=True)
        varied = vary(text, i)
        if kind == "docsrc":
            (sub / f"{i:04d}-{name}.docx").write_bytes(build_docx(varied, name))
            kinds["docx"] = kinds.get("docx", 0) + 1
        else:
            (sub / f"{i:04d}-{name}.{kind}").write_text(varied, encoding="utf-8")
            kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


# --------------------------------------------------------------------------- measurements


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "contract_lint", "--format", "json", "--exit-zero", *args]


def measure(cmd: list[str], runs: int, before=None) -> dict:
    times, rss, tree, cpu = [], [], [], []
    for _ in range(runs):
        if before:
            before()
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], capture_output=True, text=True, check=False)
        try:
            elapsed, code, child_rss, tree_rss, cpu_seconds = proc.stdout.split()
        except ValueError:
            raise SystemExit(f"launcher failed: {proc.stdout}{proc.stderr}") from None
        if int(code) != 0 or "Traceback" in proc.stderr:
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {proc.stderr}")
        times.append(float(elapsed))
        rss.append(int(child_rss))
        tree.append(int(tree_rss))
        cpu.append(float(cpu_seconds))
    return {"seconds": statistics.median(times), "min": min(times), "rss": max(rss), "tree": max(tree),
            "cpu": statistics.median(cpu)}


def profile_parent(args: list[str], top: int) -> str:
    """cProfile of the parent process of one run (imports, walking, hashing, reporting)."""
    return profile_cold(args, top)


def profile_lint(files: list[Path], top: int) -> str:
    """cProfile of reading and linting files in this process, after one warm-up file."""
    from contract_lint import lint, load_rules, read_path

    rules = load_rules()
    lint(read_path(files[0]), rules)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        lint(read_path(path), rules)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return _trim(out.getvalue())



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--count", type=int, default=300, help="contracts to generate (default 300)")
    parser.add_argument("--runs", type=int, default=1, help="timed runs per measurement (median)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--profile", action="store_true", help="show where the time goes")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="contract-lint-scale-"))
    folder = args.keep or work / "contracts"
    try:
        start = time.perf_counter()
        kinds = generate(folder, args.count)
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in files)
        print(f"contract-lint scale benchmark — Python {platform.python_version()}, {os.cpu_count()} CPUs, "
              f"{platform.machine()}")
        print(f"{len(files)} contracts ({', '.join(f'{n} .{k}' for k, n in sorted(kinds.items()))}), "
              f"{size / 2**20:.1f} MiB, generated in {time.perf_counter() - start:.1f} s\n")

        cache = work / "cache"
        reports = {}

        def report(label: str) -> str:
            reports[label] = work / f"{re.sub(r'[^a-z0-9]+', '-', label)}.json"
            return str(reports[label])

        def empty_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        # untimed: the OS file cache, jieba's dictionary cache, Python's bytecode
        subprocess.run(command("--no-cache", "-o", str(work / "warmup.json"), str(folder)), check=False,
                       capture_output=True)
        plan = [
            ("cold --jobs 1", ["--jobs", "1", "--no-cache"], None),
            ("cold --jobs 2", ["--jobs", "2", "--no-cache"], None),
            ("first run, empty cache --jobs 2", ["--jobs", "2", "--cache-dir", str(cache)], empty_cache),
            ("cached --jobs 2", ["--jobs", "2", "--cache-dir", str(cache)], None),
            ("cached --jobs 1", ["--jobs", "1", "--cache-dir", str(cache)], None),
        ]
        results = {}
        print(f"{'run':<34} {'seconds':>8} {'files/s':>8} {'CPU s':>7} {'max process':>12} {'process tree':>13}")
        for label, extra, before in plan:
            result = measure(command(*extra, "-o", report(label), str(folder)), args.runs, before)
            results[label] = result
            print(f"{label:<34} {result['seconds']:>8.2f} {len(files) / result['seconds']:>8.1f} {result['cpu']:>7.2f} "
                  f"{result['rss'] / 1024:>9.0f} MiB {result['tree'] / 1024:>10.0f} MiB")
        entries = sum(1 for _ in cache.rglob("*.json"))
        print(f"\ncache: {entries} entries, {sum(p.stat().st_size for p in cache.rglob('*')) / 2**20:.1f} MiB")

        texts = {label: path.read_text(encoding="utf-8") for label, path in reports.items()}
        reference = texts["cold --jobs 1"]
        differ = [label for label, text in texts.items() if text != reference]
        import json

        summary = json.loads(reference)["summary"]
        print(f"reports: {'all identical' if not differ else 'DIFFERENT: ' + ', '.join(differ)}; summary {summary}")

        missed = [f"{label}: {results[label]['seconds']:.2f} s > {limit:.0f} s"
                  for label, limit in TARGETS.items() if results[label]["seconds"] > limit]
        print("targets: " + ("met (" + ", ".join(f"{k} < {v:.0f} s" for k, v in TARGETS.items()) + ")"
                             if not missed else "MISSED — " + "; ".join(missed)))
        if args.profile or missed:
            print("\nparent process of a fully cached run (cumulative):")
            print(profile_parent(["--format", "json", "--exit-zero", "-o", str(work / "p.json"), "--jobs", "1",
                                  "--cache-dir", str(cache), str(folder)], 25))
            print("\nreading + linting 40 files in one process (tottime):")
            print(profile_lint(files[:40], 25))
        return 1 if differ else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
