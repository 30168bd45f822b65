"""Hostile and broken input: a clear ReadError (one line), bounded resources, nothing touched.

Every hostile file is generated here; none is committed.
"""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract_lint import lint, load_rules
from contract_lint.readers import Limits, ReadError, read_bytes, read_path
from tools.docxgen import Doc

RULES = load_rules()


def small_docx() -> bytes:
    d = Doc()
    d.para("第一条 服务内容")
    d.para("乙方为甲方提供运营服务，服务费为人民币____元。")
    return d.to_bytes()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
    return out.getvalue()


def test_decompression_bomb_is_refused_from_the_directory():
    # 300 MB of spaces compresses to ~300 KB: refused from the declared size, never inflated.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_docx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with dst.open("word/media/padding.bin", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                part.write(chunk)
    with pytest.raises(ReadError, match=r"refused: .*would unpack to 30[01] MB"):
        read_bytes(out.getvalue(), "bomb.docx", ".docx")


def test_a_part_lying_about_its_size_is_damaged_not_inflated():
    data = bytearray(rezip(small_docx(), {"word/document.xml": b"<w:document/>" + b" " * 200_000}))
    # Shrink the declared uncompressed size of word/document.xml in both zip headers.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (100).to_bytes(4, "little")
    assert bytes(data).count(real) >= 2
    data = bytes(data).replace(real, fake)
    with pytest.raises(ReadError, match=r"damaged|cannot read"):
        read_bytes(data, "liar.docx", ".docx")


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;</w:document>',
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&xxe;</w:document>',
], ids=["billion-laughs", "external-entity"])
def test_entities_are_never_expanded(xml):
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_bytes(rezip(small_docx(), {"word/document.xml": xml}), "x.docx", ".docx")


def test_malformed_xml_is_named():
    bad = rezip(small_docx(), {"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(ReadError, match=r"damaged|cannot read"):
        read_bytes(bad, "x.docx", ".docx")


def test_encrypted_docx_says_so():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000) + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    with pytest.raises(ReadError, match="password-protected"):
        read_bytes(ole, "secret.docx", ".docx")


def test_empty_body_is_a_clean_document_with_a_note():
    doc = read_bytes(rezip(small_docx(), {"word/document.xml": (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body/></w:document>")}), "empty.docx", ".docx")
    assert doc.text.strip() == "" and "文档中没有文字" in doc.notes
    assert lint(doc, RULES) == []


def test_text_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(3 * 2**20)  # sparse: the test itself stays cheap
    with pytest.raises(ReadError, match="over the 2 MB limit"):
        read_path(path, Limits(max_file_bytes=2 * 2**20))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_legacy_doc_is_converted(tmp_path):
    import subprocess

    (tmp_path / "c.docx").write_bytes(small_docx())
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "out"), str(tmp_path / "c.docx")],
                   check=True, capture_output=True, timeout=180)
    doc = read_path(tmp_path / "out" / "c.doc")
    assert "服务费为人民币" in doc.text
    assert any("LibreOffice" in note for note in doc.notes)
    assert [f.rule for f in lint(doc, RULES) if f.code in ("CL001", "CL002", "CL003", "CL004")] == \
        ["placeholder-unfilled"]


# Property: whatever bytes arrive, the reader ends with a Document or a ReadError, and linting a
# Document never raises. Hypothesis mutates a valid .docx's XML and a valid text.
VALID_DOCX = small_docx()
with zipfile.ZipFile(io.BytesIO(VALID_DOCX)) as _archive:
    VALID_XML = _archive.read("word/document.xml")


def _read_and_lint(data: bytes, suffix: str) -> None:
    try:
        document = read_bytes(data, "fuzz" + suffix, suffix)
    except ReadError as exc:
        assert "\n" not in str(exc)  # one clear line
        return
    lint(document, RULES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_docx_xml_never_crashes(data):
    xml = bytearray(VALID_XML)
    operation = data.draw(st.sampled_from(["truncate", "bytes", "delete", "duplicate", "unicode"]))
    at = data.draw(st.integers(0, len(xml) - 1))
    if operation == "truncate":
        xml = xml[:at]
    elif operation == "bytes":
        xml[at:at] = data.draw(st.binary(min_size=1, max_size=20))
    elif operation in ("delete", "duplicate"):
        start = xml.find(b"<w:", at)
        end = xml.find(b">", start) + 1 if start != -1 else -1
        if start != -1 and end > 0:
            piece = xml[start:end]
            xml[start:end] = b"" if operation == "delete" else piece * 2
    else:
        xml[at:at] = data.draw(st.text(min_size=1, max_size=10)).encode("utf-8", "surrogatepass")
    _read_and_lint(rezip(VALID_DOCX, {"word/document.xml": bytes(xml)}), ".docx")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_as_docx_never_crash(blob):
    _read_and_lint(VALID_DOCX[: len(blob)] + blob, ".docx")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from([".txt", ".md"]),
       st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_odd_text_never_crashes(text, suffix, encoding):
    _read_and_lint(text.encode(encoding, "replace"), suffix)


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="root reads every file: permissions cannot be tested as root")
def test_unreadable_file_is_named(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("第一条 服务", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ReadError, match="permission denied"):
        read_path(path)


def test_permission_error_message(monkeypatch, tmp_path):
    # The same path as above, for machines (CI) that run as root: open() raising PermissionError.
    import builtins

    path = tmp_path / "locked.txt"
    path.write_text("第一条 服务", encoding="utf-8")
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(ReadError, match="permission denied"):
        read_path(path)
