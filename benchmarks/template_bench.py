"""Benchmark template review (not a test): its cost on a 10-page contract, and matching a contract
against a folder of 50 templates.

    .venv/bin/python benchmarks/template_bench.py [--runs 5] [--warm 15]

The pair: bench.py's long contract, cut at 9,000 Chinese characters (a typical 10-page contract,
as bench.py's TARGET_CJK = 9000), is the contract; the template is the same source with its values
(amounts, dates, the parties' names) drawn as fill-in lines, as a standard template has them. The
contract then gets what a counterparty's draft has: one clause deleted, two reworded, one added.

Measured:
- warm, inside one process: lint of the contract without and with the template (the template read
  and built once, as a run does once per process), median of --warm, with the segmentation cache
  cleared before each lint as a stream of different contracts would see it;
- cold: `contract-lint --no-cache C.docx` against `contract-lint --no-cache --template T.docx
  C.docx`, fresh processes, median of --runs;
- matching: 50 different templates (.docx, each from three corpus sources) in a folder: opening
  the folder the first time (every template read and fingerprinted), then warm (fingerprints from
  the cache folder) plus choosing the template of one freshly read contract, median of --runs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402

from contract_lint import lint, load_rules, nlp, read_path  # noqa: E402
from contract_lint.template.catalog import load, open_catalog  # noqa: E402
from tools.build_corpus import build_docx  # noqa: E402

_AMOUNT = re.compile(r"(?<=人民币)[\d,，.]+(?=元)|(?<=大写：)[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元整]+")
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_PARTY = re.compile(r"(?<=[甲乙]方：)[^\s|{，。]{4,30}(?=$)", re.M)


def pair_sources(cjk: int) -> tuple[str, str]:
    """(template source, contract source) in .docsrc markup."""
    bench.TARGET_CJK = cjk
    contract = bench.long_source()
    template = _AMOUNT.sub("{blank:10}", contract)
    template = _DATE.sub("{blank:4}年{blank:2}月{blank:2}日", template)
    template = _PARTY.sub("{blank:20}", template)
    lines = contract.splitlines()
    # clauses between two others (the last clause of each source document runs on into the next
    # one's title and parties, a unit no real contract has)
    clauses = [i for i, line in enumerate(lines) if line.startswith("@clause:") and len(line) > 40
               and lines[i + 1].startswith("@clause:") and lines[i - 1].startswith("@clause:")]
    lines[clauses[2]] = lines[clauses[2]].replace("，", "，并经甲方书面同意后", 1)  # reworded
    lines[clauses[6]] = lines[clauses[6]][:-1] + "，但不可抗力除外。"  # reworded
    lines.insert(clauses[10], "@clause: 乙方应为其派驻人员购买意外伤害保险，保险费用由乙方承担。")  # added
    del lines[clauses[14] + 1]  # deleted
    return template, "\n".join(lines) + "\n"


def warm(template_path: Path, contract_path: Path, rules, repeats: int) -> tuple[float, float, int]:
    template = load(template_path, rules)
    lint(read_path(contract_path), rules, template)  # warm-up: imports, segmentation, regexes
    without, with_template = [], []
    for _ in range(repeats):
        document = read_path(contract_path)
        nlp.tokens.cache_clear()
        start = time.perf_counter()
        lint(document, rules)
        without.append(time.perf_counter() - start)
        document = read_path(contract_path)
        nlp.tokens.cache_clear()
        start = time.perf_counter()
        found = lint(document, rules, template)
        with_template.append(time.perf_counter() - start)
    template_rules = {r.id for r in rules if r.check == "template"}
    return statistics.median(without), statistics.median(with_template), \
        sum(f.rule in template_rules for f in found)


def matching(folder: Path, contract_path: Path, rules, cache: Path, repeats: int) -> tuple[float, float, float]:
    sources = sorted((ROOT / "corpus" / "src").glob("*.docsrc"))
    templates = folder / "templates"
    templates.mkdir()
    for i in range(50):
        picked = [sources[(i * 7 + k * 13) % len(sources)] for k in range(3)]
        text = "\n".join(p.read_text(encoding="utf-8") for p in picked)
        text = "\n".join(line for n, line in enumerate(text.splitlines())
                         if not line.startswith(("@title", "@header", "@footer")) or n == 1)
        (templates / f"t{i:02d}.docx").write_bytes(build_docx(text))
    start = time.perf_counter()
    open_catalog(str(templates), {}, folder, rules, cache)
    first = time.perf_counter() - start
    from contract_lint.template import catalog as catalog_module

    opened, chosen = [], []
    for _ in range(repeats):
        catalog_module._FINGERPRINTS.clear()  # as a new process: fingerprints come from the cache folder
        catalog_module._TEMPLATES.clear()
        document = read_path(contract_path)
        start = time.perf_counter()
        catalog = open_catalog(str(templates), {}, folder, rules, cache)
        opened.append(time.perf_counter() - start)
        start = time.perf_counter()
        catalog.choose(str(contract_path), document)
        chosen.append(time.perf_counter() - start)
    return first, statistics.median(opened), statistics.median(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm", type=int, default=15)
    parser.add_argument("--cjk", type=int, default=9000)
    args = parser.parse_args()
    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template_source, contract_source = pair_sources(args.cjk)
        template_path, contract_path = folder / "template.docx", folder / "contract.docx"
        template_path.write_bytes(build_docx(template_source))
        contract_path.write_bytes(build_docx(contract_source))
        document = read_path(contract_path)
        cjk = len(bench.CJK.findall(document.text))
        print(f"contract: {cjk:,} Chinese characters, {len(document.text):,} characters in the text view")
        without, with_template, found = warm(template_path, contract_path, rules, args.warm)
        print(f"warm lint, all rules: {without * 1000:.1f} ms; with the template: {with_template * 1000:.1f} ms "
              f"(+{(with_template / without - 1) * 100:.0f}%, {found} template findings)")
        cli = [sys.executable, "-m", "contract_lint", "--no-cache", "--format", "json"]
        plain = bench.cold([*cli, str(contract_path)], args.runs)
        compared = bench.cold([*cli, "--template", str(template_path), str(contract_path)], args.runs)
        print(f"cold contract-lint: {plain[0]:.2f} s; with --template: {compared[0]:.2f} s "
              f"(+{(compared[0] / plain[0] - 1) * 100:.0f}%)")
        first, opened, chosen = matching(folder, contract_path, rules, folder / "cache", args.runs)
        print(f"50 templates: first open {first * 1000:.0f} ms (read and fingerprinted); warm open "
              f"{opened * 1000:.1f} ms + choosing one contract's template {chosen * 1000:.1f} ms "
              f"= {(opened + chosen) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
