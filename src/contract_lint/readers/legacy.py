"""Legacy Word (.doc, WPS .wps): converted to .docx by LibreOffice when it is installed.

The conversion runs in a temporary folder with its own LibreOffice profile (so it neither
touches the user's profile nor waits on a running office instance), under a time limit. The
input is only read; the converted copy is deleted afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

_PREFIX = "legacy Word format (.doc/.wps): "


class ConversionError(Exception):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, seconds: float) -> bytes:
    program = soffice()
    if program is None:
        raise ConversionError(f"{_PREFIX}install LibreOffice to have it converted "
                              f"automatically, or convert it yourself: soffice --headless --convert-to docx "
                              f"\"{path.name}\"")
    with tempfile.TemporaryDirectory(prefix="contract-lint-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)  # convert a copy: never hand the input itself to another program
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=seconds, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"{_PREFIX}LibreOffice did not convert the file within {seconds:.0f} s") from None
        except OSError as exc:
            raise ConversionError(f"{_PREFIX}LibreOffice could not be started: {exc}") from None
        converted = folder / "out" / "input.docx"
        if not converted.exists():
            raise ConversionError(f"{_PREFIX}LibreOffice could not convert this file (damaged or not a Word document)")
        return converted.read_bytes()
