"""Benchmark contract-lint on a typical 10-page contract (not a test).

    .venv/bin/python benchmarks/bench.py [--runs 5] [--warm 20] [--profile]

Builds one long contract (~13,000 Chinese characters) by concatenating a fixed list of the
corpus's .docsrc sources (titles, headers and footers kept only from the first) into a .docx with
tools.build_corpus, and a UTF-8 .txt of the same text (Word's auto-numbers written out as
text), in a temporary folder. Then measures:

- cold: wall time of a fresh `contract-lint FILE` process (median of --runs, after one
  untimed run that fills the OS cache and jieba's dictionary cache), with all rules and with
  the rules that need no word segmentation; peak RSS of the child (wait4 ru_maxrss);
- warm: inside one process, after a warm-up, read_path + lint per document, and lint alone
  on a freshly read Document. The segmentation cache (`contract_lint.nlp.tokens`, keyed by
  sentence) is cleared before every timed lint, as a stream of *different* contracts would
  see it; the "same doc again" column keeps it, as a re-lint of an unchanged file does;
- warm memory: tracemalloc peak of one read+lint, and the process's ru_maxrss.

With --profile (or when a target is missed) prints the top functions (cProfile) of a cold
all-rules run and of the warm lint.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contract_lint import lint as lint_document  # noqa: E402
from contract_lint import (  # noqa: E402
    load_rules,
    nlp,
    read_path,
)
from tools.build_corpus import build_docx  # noqa: E402

TOKEN_RULES = "account-liability-ambiguous"  # the only rule whose check needs word segmentation
TARGET_CJK = 13_000
# A fixed list, so the document does not change as the corpus grows (any missing file is skipped).
SOURCES = ("ec01-parttime-ops-blank", "ec02-parttime-ops-filled", "ec03-parttime-ops-defects",
           "ec04-shop-daiyunying", "ec05-shop-daiyunying-clean", "ec06-livestream-promo",
           "ec10-ops-conflicting-account", "ec11-ops-mainsub-split", "ec13-short-ops-agreement",
           "ot01-tech-service", "ot02-consulting", "ot03-outsourcing", "ot04-nda",
           "ot06-labor-service-parttime", "ot09-sales-goods", "ot11-marketing-agency")
CJK = re.compile(r"[\u3400-\u9fff]")
TARGETS = {"cold_all": 1.5, "cold_no_tokens": 0.5, "warm": 0.030}


# --------------------------------------------------------------------------- the document


def long_source() -> str:
    """The SOURCES .docsrc files concatenated until the text holds TARGET_CJK Chinese characters."""
    out: list[str] = []
    count = 0
    paths = [ROOT / "corpus" / "src" / f"{name}.docsrc" for name in SOURCES]
    for i, path in enumerate(p for p in paths if p.exists()):
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        if i:
            lines = [x for x in lines if not x.strip().startswith(("@title:", "@header:", "@footer:"))]
        out.extend(lines)
        count += len(CJK.findall("\n".join(x for x in lines if not x.strip().startswith(";;"))))
        if count >= TARGET_CJK:
            break
    return "\n".join(out) + "\n"


def make_documents(folder: Path) -> tuple[Path, Path]:
    docx_path = folder / "long-contract.docx"
    docx_path.write_bytes(build_docx(long_source(), "long-contract"))
    document = read_path(docx_path)
    lines = []
    for block in document.blocks:
        text = document.text[block.start:block.end]
        lines.append(f"{block.label} {text}" if block.label else text)
    txt_path = folder / "long-contract.txt"
    txt_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docx_path, txt_path


# --------------------------------------------------------------------------- measurements


# Runs one command and prints "seconds exit-code ru_maxrss(child) VmHWM(self)". The benchmark's
# own process has spaCy loaded (hundreds of MiB), and on Linux a child's ru_maxrss includes the
# RSS high-water mark of the process image it replaced at exec (the forked copy of its parent):
# timing from a small launcher keeps that floor at the launcher's own size, reported as well.
LAUNCHER = """
import os, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.perf_counter() - start
sys.stderr.write(err.decode("utf-8", "replace"))
with open("/proc/self/status") as status_file:  # VmHWM: this image's own peak, not inherited
    own = next((int(x.split()[1]) for x in status_file if x.startswith("VmHWM:")),
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss, own)
"""


def cold(cmd: list[str], runs: int) -> tuple[float, float, int, int]:
    """(median seconds, min seconds, max peak RSS in KiB, launcher's own RSS in KiB) of a
    fresh process."""
    subprocess.run(cmd, capture_output=True, check=False)  # untimed: OS cache, jieba.cache
    times, rss, floor = [], [], []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], capture_output=True, text=True,
                              check=False)
        elapsed, code, child_rss, own_rss = proc.stdout.split()
        if int(code) not in (0, 1) or "Traceback" in proc.stderr:
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {proc.stderr}")
        times.append(float(elapsed))
        rss.append(int(child_rss))
        floor.append(int(own_rss))
    return statistics.median(times), min(times), max(rss), max(floor)


def warm(path: Path, rules, repeats: int) -> dict[str, float]:
    """Per-document seconds inside one process (medians)."""
    lint_document(read_path(path), rules)  # warm-up: imports, spaCy+jieba, regexes
    total, lint_only, same_doc = [], [], []
    for _ in range(repeats):
        nlp.tokens.cache_clear()
        start = time.perf_counter()
        lint_document(read_path(path), rules)
        total.append(time.perf_counter() - start)
    for _ in range(repeats):
        document = read_path(path)
        nlp.tokens.cache_clear()
        start = time.perf_counter()
        lint_document(document, rules)
        lint_only.append(time.perf_counter() - start)
    for _ in range(repeats):
        document = read_path(path)
        start = time.perf_counter()
        lint_document(document, rules)  # token cache kept from the previous round
        same_doc.append(time.perf_counter() - start)
    return {"total": statistics.median(total), "lint": statistics.median(lint_only),
            "read": statistics.median(total) - statistics.median(lint_only),
            "lint_same_doc": statistics.median(same_doc)}


def warm_memory(path: Path, rules) -> int:
    nlp.tokens.cache_clear()
    tracemalloc.start()
    lint_document(read_path(path), rules)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def profile_cold(cmd_args: list[str], top: int) -> str:
    """cProfile of a cold run in a fresh interpreter (imports included)."""
    code = ("import cProfile, pstats, sys, io\n"
            "from contract_lint.cli import main\n"
            f"sys.argv = ['contract-lint', *{cmd_args!r}]\n"
            "pr = cProfile.Profile(); pr.enable()\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "pr.disable(); s = io.StringIO()\n"
            f"pstats.Stats(pr, stream=s).sort_stats('cumulative').print_stats({top})\n"
            "sys.stderr.write(s.getvalue())\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return _trim(proc.stderr)


def profile_read(path: Path, top: int) -> str:
    read_path(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        read_path(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return _trim(out.getvalue())


def profile_warm(path: Path, rules, top: int) -> str:
    lint_document(read_path(path), rules)
    document = read_path(path)
    nlp.tokens.cache_clear()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        nlp.tokens.cache_clear()
        lint_document(document, rules)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return _trim(out.getvalue())


def _trim(report: str) -> str:
    lines = report.splitlines()
    start = next((i for i, x in enumerate(lines) if x.lstrip().startswith("ncalls")), 0)
    head = [x for x in lines[:start] if "function calls" in x]
    return "\n".join(head + lines[start:]).rstrip()


# --------------------------------------------------------------------------- report


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def verdict(value: float, target: float) -> str:
    return "ok" if value < target else "**MISSED**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs (median)")
    parser.add_argument("--warm", type=int, default=20, help="warm repetitions (median)")
    parser.add_argument("--profile", action="store_true", help="always print the profiles")
    parser.add_argument("--top", type=int, default=25, help="functions per profile")
    args = parser.parse_args()

    exe = Path(sys.executable).with_name("contract-lint")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "contract_lint"]
    rules = load_rules()
    no_token_rules = [r for r in rules if r.id not in TOKEN_RULES.split(",")]

    with tempfile.TemporaryDirectory(prefix="contract-lint-bench-") as tmp:
        docx_path, txt_path = make_documents(Path(tmp))
        doc = read_path(docx_path)
        cjk = len(CJK.findall(doc.text))
        findings = lint_document(doc, rules)

        cold_rows = []
        for label, path in (("docx", docx_path), ("txt", txt_path)):
            for rules_label, extra, target in (("all rules", [], TARGETS["cold_all"]),
                                               ("no tokens", ["--ignore", TOKEN_RULES],
                                                TARGETS["cold_no_tokens"])):
                # --no-cache: a cold run lints; the cache is measured by benchmarks/scale.py
                med, best, rss, launcher_rss = cold([*base, "--no-cache", str(path), *extra], args.runs)
                cold_rows.append((label, rules_label, med, best, rss, target))
        # the floor: starting the interpreter and the CLI without linting anything
        version_med, _, version_rss, launcher_rss = cold([*base, "--version"], args.runs)

        warm_rows = []
        for label, path in (("docx", docx_path), ("txt", txt_path)):
            for rules_label, chosen in (("all rules", rules), ("no tokens", no_token_rules)):
                w = warm(path, chosen, args.warm)
                warm_rows.append((label, rules_label, w))
        tm_peak = {label: warm_memory(path, rules) for label, path in (("docx", docx_path), ("txt", txt_path))}
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print("## contract-lint benchmark\n")
        print(f"- machine: {platform.machine()}, nproc {cpus}, {platform.system()} {platform.release()}")
        print(f"- python {platform.python_version()} ({sys.executable})")
        print(f"- document: {cjk:,} Chinese characters, {len(doc.text):,} characters in the text view, "
              f"{doc.text.count(chr(10)) + 1} lines, {len(doc.clauses)} clauses, {len(findings)} findings; "
              f".docx {docx_path.stat().st_size:,} bytes, .txt {txt_path.stat().st_size:,} bytes")
        print(f"- cold = fresh `{Path(base[0]).name} FILE` process, median of {args.runs} (min in brackets); "
              f"warm = median of {args.warm} in one process\n")

        print("| cold run | rules | wall (median) | min | peak RSS | target | |")
        print("|---|---|---:|---:|---:|---:|---|")
        for label, rules_label, med, best, rss, target in cold_rows:
            print(f"| {label} | {rules_label} | {med:.3f} s | {best:.3f} s | {rss / 1024:.0f} MiB | "
                  f"< {target} s | {verdict(med, target)} |")
        print(f"| `--version` (floor) | – | {version_med:.3f} s | | {version_rss / 1024:.0f} MiB | | |")
        print(f"\n(peak RSS is the child's ru_maxrss; it cannot read below the launcher's own "
              f"{launcher_rss / 1024:.0f} MiB)")

        print("\n| warm, per document | rules | read+lint | read | lint only | lint, same doc again | target | |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        for label, rules_label, w in warm_rows:
            print(f"| {label} | {rules_label} | {ms(w['total'])} | {ms(w['read'])} | {ms(w['lint'])} | "
                  f"{ms(w['lint_same_doc'])} | < {TARGETS['warm'] * 1000:.0f} ms | "
                  f"{verdict(w['total'], TARGETS['warm'])} |")

        print("\n| warm memory | value |")
        print("|---|---:|")
        for label, peak in tm_peak.items():
            print(f"| tracemalloc peak, one read+lint of the .{label} (all rules) | {peak / 2**20:.1f} MiB |")
        print(f"| ru_maxrss of the benchmark process (all warm loops) | {self_rss / 1024:.0f} MiB |")

        missed = [r for r in cold_rows if r[2] >= r[5]] or any(w["total"] >= TARGETS["warm"] for _, _, w in warm_rows)
        if args.profile or missed:
            print(f"\n### cProfile: cold run, all rules, .docx (cumulative, top {args.top})\n")
            print("```\n" + profile_cold([str(docx_path)], args.top) + "\n```")
            print(f"\n### cProfile: cold run, no-token rules, .docx (cumulative, top {args.top})\n")
            print("```\n" + profile_cold([str(docx_path), "--ignore", TOKEN_RULES], args.top) + "\n```")
            print(f"\n### cProfile: warm lint of the .docx, all rules, 5 runs (tottime, top {args.top})\n")
            print("```\n" + profile_warm(docx_path, rules, args.top) + "\n```")
            print(f"\n### cProfile: warm read_path of the .docx, 5 runs (tottime, top {args.top})\n")
            print("```\n" + profile_read(docx_path, args.top) + "\n```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
