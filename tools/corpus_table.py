"""Rewrite the README's corpus score table from `contract-lint eval corpus/` (run from the root)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = subprocess.run([sys.executable, "-m", "contract_lint", "eval", "corpus", "-f", "json"], cwd=ROOT,
                         capture_output=True, text=True, check=False).stdout
    data = json.loads(out)
    count = data["documents"] if isinstance(data["documents"], int) else len(data["documents"])
    rows = ["| rule | TP | FP | FN | precision | recall | clause |", "|---|---|---|---|---|---|---|"]
    rows += [f"| {rule} | {v['tp']} | {v['fp']} | {v['fn']} | {v['precision']:.3f} | {v['recall']:.3f} | "
             f"{v['clause_accuracy']:.3f} |" for rule, v in data["rules"].items()]
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(r"(Measured on this commit\n)\(\d+ documents\):\n\n(?:\|[^\n]*\n)+")
    new, n = pattern.subn(lambda m: f"{m.group(1)}({count} documents):\n\n" + "\n".join(rows) + "\n", text)
    if n != 1:
        print("README.md: the corpus table was not found", file=sys.stderr)
        return 1
    readme.write_text(new, encoding="utf-8")
    print(f"README.md: corpus table for {count} documents; failing: {', '.join(data['failing']) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
