"""The speed table of issue 14, each figure against baselines run in the same call (not a test).

    .venv/bin/python benchmarks/speed.py [--peer /tmp/peer/bin/contract-lint] [-n 300] [--runs 5]

Baselines, measured here and now, so that a busy or a faster machine moves both sides:
- `python -c pass`: the interpreter's floor;
- reading alone: a fresh process that opens the .docx zip and parses word/document.xml with lxml;
- the peer, when installed (`--peer`, default /tmp/peer/bin/contract-lint): the English
  `contract-lint` from PyPI, a stdlib-only regex linter with 3 rules, run as `lint FILE...`.
  Install it apart: `python -m venv /tmp/peer && /tmp/peer/bin/pip install contract-lint==0.2.6`.

Figures (wall time, median of --runs; CPU time of the process and its workers beside it, which
other load on the machine barely changes):
1. one .docx, cold, no segmentation needed (`--ignore CL003`), against the peer on the same file;
2. one .docx that needs segmentation (all rules, account clauses present), cold;
3. warm: read + lint of the typical 10-page .docx and its .txt inside one process;
4. N .docx (default 300), default jobs, no cache, against the peer linting the same files;
5. the cached rerun of the same N, against the peer's time;
6. a 1000-page contract: read + lint, and the growth exponent from 100 pages (1.0 is linear).

"Cold" is a fresh process of the installed package, with its bytecode and start-up stores in
place, as on a user's second run; the first run after installing is shown apart.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402
import scale  # noqa: E402
import size  # noqa: E402

from contract_lint import load_rules  # noqa: E402
from tools.build_corpus import build_docx  # noqa: E402

DEFAULT_PEER = "/tmp/peer/bin/contract-lint"
READ_ALONE = ("import sys, zipfile\nfrom lxml import etree\n"
              "with zipfile.ZipFile(sys.argv[1]) as z:\n    etree.fromstring(z.read('word/document.xml'))\n")


def run(cmd: list[str], runs: int, ok=(0, 1)) -> dict:
    """Median wall and CPU seconds of a fresh process (the launcher of benchmarks/scale.py)."""
    subprocess.run(cmd, capture_output=True, check=False)  # untimed: the OS cache
    times, cpu = [], []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", scale.LAUNCHER, *cmd], capture_output=True, text=True,
                              check=False)
        elapsed, code, _rss, _tree, cpu_seconds = proc.stdout.split()
        if int(code) not in ok or "Traceback" in proc.stderr:
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {proc.stderr}")
        times.append(float(elapsed))
        cpu.append(float(cpu_seconds))
    return {"wall": statistics.median(times), "cpu": statistics.median(cpu)}


def docx_batch(folder: Path, count: int) -> list[Path]:
    """N varied .docx built from the corpus's Word sources (no two with the same content)."""
    pool = [(name, text) for name, kind, text in scale.sources() if kind == "docsrc"]
    paths = []
    for i in range(count):
        name, text = pool[i % len(pool)]
        path = folder / f"team{i % 7}" / f"{i:04d}-{name}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_docx(scale.vary(text, i), name))
        paths.append(path)
    return paths


def row(label: str, ours: dict, base: dict | None, base_label: str, target: str) -> str:
    ratio = f"{ours['wall'] / base['wall']:.2f}× {base_label}" if base else "–"
    cpu_ratio = f"{ours['cpu'] / base['cpu']:.2f}×" if base and base["cpu"] else "–"
    return (f"| {label} | {ours['wall']:.3f} s | {ours['cpu']:.3f} s | {ratio} | {cpu_ratio} | {target} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", default=DEFAULT_PEER, help="the peer linter's executable")
    parser.add_argument("-n", type=int, default=300, help="files in the batch")
    parser.add_argument("--runs", type=int, default=5, help="cold runs per figure (median)")
    parser.add_argument("--warm", type=int, default=20, help="warm repetitions (median)")
    args = parser.parse_args()

    exe = Path(sys.executable).with_name("contract-lint")
    ours = [str(exe)] if exe.exists() else [sys.executable, "-m", "contract_lint"]
    peer = args.peer if args.peer and Path(args.peer).exists() else None
    env_note = "" if not os.environ.get("PYTHONDONTWRITEBYTECODE") else \
        " (PYTHONDONTWRITEBYTECODE is set: every import compiles its module again; unset it to measure)"
    rules = load_rules()
    rows = []
    with tempfile.TemporaryDirectory(prefix="contract-lint-speed-") as tmp:
        tmp_path = Path(tmp)
        docx_path, txt_path = bench.make_documents(tmp_path)
        floor = run([sys.executable, "-c", "pass"], args.runs, ok=(0,))
        read_alone = run([sys.executable, "-c", READ_ALONE, str(docx_path)], args.runs, ok=(0,))
        peer_one = run([peer, "lint", str(docx_path)], args.runs) if peer else None

        cache_home = tmp_path / "fresh-cache"
        first = run([*ours, "--no-cache", str(docx_path), "--ignore", bench.TOKEN_RULES], 1)
        env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
        start = time.perf_counter()
        subprocess.run([*ours, "--no-cache", str(docx_path), "--ignore", bench.TOKEN_RULES], env=env,
                       capture_output=True, check=False)
        first_install = time.perf_counter() - start
        no_tokens = run([*ours, "--no-cache", "--format", "json", str(docx_path), "--ignore", bench.TOKEN_RULES],
                        args.runs)
        tokens = run([*ours, "--no-cache", "--format", "json", str(docx_path)], args.runs)
        rows.append(row("1. one .docx, cold, no segmentation", no_tokens, peer_one, "peer", "≤ 2× peer"))
        rows.append(row("   the same, against `python -c pass`", no_tokens, floor, "floor", ""))
        rows.append(row("   the same, against reading the zip and XML alone", no_tokens, read_alone, "read", ""))
        rows.append(row("2. one .docx needing segmentation, cold", tokens, floor, "floor", "≤ 0.6 s"))

        warm_docx = bench.warm(docx_path, rules, args.warm)
        warm_txt = bench.warm(txt_path, rules, args.warm)

        batch = tmp_path / "batch"
        files = docx_batch(batch, args.n)
        cache_dir = tmp_path / "result-cache"
        peer_batch = run([peer, "lint", *map(str, files)], 1) if peer else None
        cold_batch = run([*ours, "--format", "json", "--exit-zero", "--no-cache", str(batch)], 1)
        shutil.rmtree(cache_dir, ignore_errors=True)
        run([*ours, "--format", "json", "--exit-zero", "--cache-dir", str(cache_dir), str(batch)], 1)
        cached = run([*ours, "--format", "json", "--exit-zero", "--cache-dir", str(cache_dir), str(batch)], 1)
        rows.append(row(f"4. {args.n} .docx, default jobs, no cache", cold_batch, peer_batch, "peer",
                        "≤ 0.67× peer (1.5× faster)"))
        rows.append(row(f"5. cached rerun of the {args.n}", cached, peer_batch, "peer", "≤ 0.15× peer"))

        size_rules = load_rules()
        size.measure(size.contract(10), size_rules)  # warm-up: segmentation, patterns
        hundred = size.measure(size.contract(100), size_rules)
        thousand = size.measure(size.contract(1000), size_rules)
        t100, t1000 = hundred[0] + hundred[1], thousand[0] + thousand[1]

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("## contract-lint speed (issue 14)\n")
    print(f"- machine: {platform.machine()}, {cpus} CPUs, {platform.system()} {platform.release()}, "
          f"load average {os.getloadavg()[0]:.2f} at the end; python {platform.python_version()}{env_note}")
    print(f"- peer: {peer or 'not installed (--peer)'}")
    print(f"- baselines: `python -c pass` {floor['wall']:.3f} s; reading the zip and XML alone "
          f"{read_alone['wall']:.3f} s" + (f"; the peer on one .docx {peer_one['wall']:.3f} s" if peer_one else ""))
    print(f"- first run with empty start-up stores (a new install): {first_install:.3f} s; "
          f"an ordinary first run: {first['wall']:.3f} s\n")
    print("| figure | wall | CPU | wall ratio | CPU ratio | target |")
    print("|---|---:|---:|---:|---:|---|")
    for line in rows:
        print(line)
    print(f"| 3. warm, typical 10-page .docx, all rules | {warm_docx['total'] * 1000:.1f} ms | | | | ≤ 25 ms |")
    print(f"| 3. warm, the same as .txt, all rules | {warm_txt['total'] * 1000:.1f} ms | | | | ≤ 15 ms |")
    print(f"| 6. 1000-page contract, read + lint | {t1000:.2f} s | | {t1000 / t100:.1f}× 100 pages "
          f"(growth {size.exponent(t100, t1000, 100, 1000):.2f}) | | ≤ 3 s, linear |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
