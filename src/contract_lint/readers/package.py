"""Safety checks on a .docx package before anything is unpacked.

A .docx is a zip of XML parts. A hostile one can declare parts that expand to gigabytes (a
decompression bomb) or carry XML with a DOCTYPE that defines entities (billion laughs, external
entities). Word never writes a DOCTYPE, so one is refused outright; sizes are checked from the
zip directory before any part is inflated. While reading, zipfile itself never yields more than
a part's declared size (the CRC check fails past it), so the declared sizes bound memory.
"""

from __future__ import annotations

import io
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE compound file holding a stream of this name (MS-OFFCRYPTO).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_XML_HEAD = 4096


class PackageError(ValueError):
    """A package refused before unpacking; str() is the user's message."""


def is_encrypted_ole(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_STREAM in data


def check_package(data: bytes, max_unpacked: int, max_part: int) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        if total > max_unpacked:
            raise PackageError(f"refused: the .docx would unpack to {total / 2**20:.0f} MB, over the "
                               f"{max_unpacked / 2**20:.0f} MB limit (a decompression bomb or not a contract)")
        for info in infos:
            if info.file_size > max_part:
                raise PackageError(f"refused: the part {info.filename} would unpack to "
                                   f"{info.file_size / 2**20:.0f} MB, over the {max_part / 2**20:.0f} MB limit")
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    head = part.read(_XML_HEAD)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise PackageError(f"refused: {info.filename} declares a DOCTYPE or entities, which Word "
                                       "never writes (entities are never expanded or fetched)")
