"""How linting grows with the length of one contract (not a test).

    .venv/bin/python benchmarks/size.py [--pages 10 100 1000] [--rules all|core] [--per-rule]

Builds one contract of N pages by repeating the articles of a fixed set of corpus texts,
renumbered so that the clause tree, the numbering and the cross-references stay sound (about
650 Chinese characters make a printed page), as a .txt. For each size it reads and lints the
document in this process (after a warm-up, segmentation loaded) and prints:

- the time to read and to lint, and the marginal time per page from the previous size;
- the growth exponent from the previous size (1.0 is linear: doubling the pages doubles the time);
- the peak memory of the step (tracemalloc, in a second, untimed pass) and of the process (ru_maxrss);
- with --per-rule, each rule's time at each size and its own growth exponent, so that the rule
  whose cost grows faster than the text is named.

Figures are ratios of one run on one machine; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import math
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from contract_lint import document_from_text, lint, load_rules  # noqa: E402
from contract_lint.numerals import to_int  # noqa: E402

SOURCES = ("cs04-network-maintenance.txt", "ec07-online-promotion.txt", "ho06-seo-service.txt",
           "ot07-parttime-tutor.txt", "ra04-management-training.txt")
ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇两\d]+)条", re.M)
CHARS_PER_PAGE = 650
CORE = ("placeholder-unfilled", "confidentiality-period-missing", "account-liability-ambiguous", "roi-undefined")


def articles() -> list[str]:
    """The articles of the source texts (from 第X条 to the next), numbering stripped."""
    found = []
    for name in SOURCES:
        path = ROOT / "corpus" / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        starts = [m.start() for m in ARTICLE.finditer(text)]
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            body = ARTICLE.sub("", text[start:end], count=1)
            # the signing block after the last article is not an article
            body = re.split(r"\n(?:甲方|乙方)[（(]?(?:盖章|签字|签章)", body)[0]
            found.append(body.strip("\n"))
    return found


def contract(pages: int) -> str:
    parts = ["长期技术服务合同", "甲方：杭州青禾电子商务有限公司", "乙方：上海弘策网络科技有限公司", ""]
    pool = articles()
    size, n = sum(len(p) for p in parts), 0
    while size < pages * CHARS_PER_PAGE:
        n += 1
        body = pool[(n - 1) % len(pool)]
        # cross-references point back to earlier articles that exist
        body = re.sub(r"第([一二三四五六七八九十\d]+)条", lambda m, n=n: f"第{min(n, to_int(m.group(1)) or 1)}条", body)
        block = f"第{n}条{body}\n"
        parts.append(block)
        size += len(block)
    parts += ["", "甲方（盖章）：", "乙方（盖章）：", "签订日期：2026年3月1日", ""]
    return "\n".join(parts)


def measure(text: str, rules) -> tuple[float, float, float]:
    start = time.perf_counter()
    document = document_from_text(text)
    read = time.perf_counter() - start
    start = time.perf_counter()
    lint(document, rules)
    return read, time.perf_counter() - start, 0.0


def per_rule(text: str, rules) -> dict[str, float]:
    document = document_from_text(text)
    times = {}
    for rule in rules:
        start = time.perf_counter()
        lint(document, [rule])
        times[rule.id] = time.perf_counter() - start
    return times


def exponent(a: float, b: float, size_a: int, size_b: int) -> float:
    return math.log(b / a) / math.log(size_b / size_a) if a > 0 and b > 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--rules", choices=("all", "core"), default="all")
    parser.add_argument("--per-rule", action="store_true")
    args = parser.parse_args()
    rules = load_rules()
    if args.rules == "core":
        rules = [r for r in rules if r.id in CORE]
    lint(document_from_text(contract(2)), rules)  # warm-up: imports, segmentation, regex caches
    print(f"{'pages':>6} {'chars':>9} {'read s':>8} {'lint s':>8} {'ms/page':>8} {'marginal':>9} {'growth':>7} "
          f"{'peak MiB':>9}")
    previous = None
    rule_rows = []
    for pages in args.pages:
        text = contract(pages)
        read, linted, _ = measure(text, rules)  # timed without tracemalloc, which slows Python down
        tracemalloc.start()
        measure(text, rules)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        total = read + linted
        marginal = growth = ""
        if previous:
            p_pages, p_total = previous
            marginal = f"{(total - p_total) / (pages - p_pages) * 1000:9.2f}"
            growth = f"{exponent(p_total, total, p_pages, pages):7.2f}"
        print(f"{pages:>6} {len(text):>9,} {read:>8.3f} {linted:>8.3f} {total / pages * 1000:>8.2f} "
              f"{marginal:>9} {growth:>7} {peak:>9.1f}")
        previous = (pages, total)
        if args.per_rule:
            rule_rows.append((pages, per_rule(text, rules)))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MiB")
    if args.per_rule and len(rule_rows) >= 2:
        (p0, first), (p1, last) = rule_rows[-2], rule_rows[-1]
        print(f"\n{'rule':<34} " + " ".join(f"{p:>9}p" for p, _ in rule_rows) + f" {'growth':>7}")
        for rule_id in sorted(last, key=lambda r: -last[r]):
            cells = " ".join(f"{times[rule_id]:>9.3f}s" for _, times in rule_rows)
            print(f"{rule_id:<34} {cells} {exponent(first[rule_id], last[rule_id], p0, p1):>7.2f}")


if __name__ == "__main__":
    main()
