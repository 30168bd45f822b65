"""Peak memory of contract-lint on hostile .docx files (a benchmark, not a test).

    .venv/bin/python benchmarks/bomb.py [--gib 1]

Builds, in a temporary folder:
- an honest bomb: a valid contract plus a part of N GiB of spaces (declared truthfully; it
  compresses to about a thousandth of that);
- a lying bomb: word/document.xml inflating to 64 MiB while the zip declares 1 KiB;
- a billion-laughs document.xml.
Runs `contract-lint FILE` on each in a fresh process and prints its exit code, its one-line
message and its peak RSS (wait4 ru_maxrss). Target: under 200 MB, a clean refusal, no traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.docxgen import Doc  # noqa: E402


def contract() -> bytes:
    d = Doc()
    d.para("第一条 服务内容")
    d.para("乙方为甲方提供店铺运营服务。")
    return d.to_bytes()


def honest_bomb(path: Path, gib: float) -> None:
    with zipfile.ZipFile(io.BytesIO(contract())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with dst.open("word/media/padding.bin", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 24)
            for _ in range(int(gib * 64)):
                part.write(chunk)


def lying_bomb(path: Path) -> None:
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + \
        b" " * (64 << 20) + b"</w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(contract())) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, body if info.filename == "word/document.xml" else src.read(info))
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        real = archive.getinfo("word/document.xml").file_size.to_bytes(4, "little")
    path.write_bytes(data.replace(real, (1024).to_bytes(4, "little")))


def laughs(path: Path) -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><w:document '
           f'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&l9;</w:document>').encode()
    with zipfile.ZipFile(io.BytesIO(contract())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info))


def measure(path: Path) -> tuple[int, str, float, float]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "contract_lint", "--format", "json", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    message = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
    return os.waitstatus_to_exitcode(status), (message[-1] if message else ""), usage.ru_maxrss / 1024, elapsed


def measure_version() -> float:
    process = subprocess.Popen([sys.executable, "-m", "contract_lint", "--version"], stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=1.0, help="size of the honest bomb's padding part")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # runs in a child, so the measuring process never holds the bombs' bytes
        honest_bomb(args.build / "honest.docx", args.gib)
        lying_bomb(args.build / "lying.docx")
        laughs(args.build / "laughs.docx")
        return
    with tempfile.TemporaryDirectory(prefix="contract-lint-bomb-") as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, __file__, "--gib", str(args.gib), "--build", str(folder)], check=True)
        cases = {f"honest bomb ({args.gib:g} GiB declared)": folder / "honest.docx",
                 "lying bomb (64 MiB declared as 1 KiB)": folder / "lying.docx",
                 "billion laughs": folder / "laughs.docx"}
        print(f"(a plain `contract-lint --version` peaks at {measure_version():.0f} MB on this machine)\n")
        print("| input | file size | exit | peak RSS | wall | message |")
        print("|---|---:|---:|---:|---:|---|")
        for name, path in cases.items():
            code, message, rss_mb, wall = measure(path)
            print(f"| {name} | {path.stat().st_size / 1024:.0f} KiB | {code} | {rss_mb:.0f} MB | {wall:.2f} s "
                  f"| {message.replace('|', '/')} |")


if __name__ == "__main__":
    main()
