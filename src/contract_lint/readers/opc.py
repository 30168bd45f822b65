"""The parts of a .docx package, read straight from the zip.

A .docx is an OPC package: a zip whose parts are found through relationship files
(`_rels/.rels` names the main document, `word/_rels/document.xml.rels` its headers, footers,
comments, numbering and styles). Reading only that costs a zip directory and the parts we use;
opening the package with python-docx (kept for writing the annotated copy) loads every part
and builds its object model first, which was most of a .docx's reading time.

Part names are case-insensitive in OPC and targets are relative to the part that names them;
both are resolved here, so the names match python-docx's (`word/document.xml`) and a run found
by the reader is found again by the annotator.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Transitional and Strict OOXML name relationship types under different roots; the last path
# segment (officeDocument, header, footer …) is the same in both.
_MAIN_DOCUMENT = "officeDocument"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class MissingPart(KeyError):
    """A part the package names (or must have) is not in the zip; str() names it."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Relationship:
    kind: str  # the relationship type's last segment: "header", "footer", "comments" …
    target: str  # the part name, resolved ("word/header1.xml")


@dataclass
class Package:
    archive: zipfile.ZipFile
    # part name in lower case -> the zip member's own name
    names: dict[str, str] = field(default_factory=dict)
    _parsed: dict[str, etree._Element] = field(default_factory=dict)

    @classmethod
    def open(cls, source) -> Package:
        archive = zipfile.ZipFile(source)
        return cls(archive, {info.filename.lower(): info.filename for info in archive.infolist()})

    def has(self, part: str) -> bool:
        return part.lower() in self.names

    def blob(self, part: str) -> bytes:
        name = self.names.get(part.lower())
        if name is None:
            raise MissingPart(part)
        return self.archive.read(name)

    def xml(self, part: str) -> etree._Element:
        """The part's root element, parsed once (entities never expanded, nothing fetched)."""
        key = part.lower()
        if key not in self._parsed:
            self._parsed[key] = etree.fromstring(self.blob(part), SAFE_PARSER)
        return self._parsed[key]

    def relationships(self, source: str = "") -> list[Relationship]:
        """The internal relationships of a part ("" for the package itself), in file order."""
        folder, name = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels):
            return []
        found = []
        for rel in self.xml(rels).iter(_RELS_NS + "Relationship"):
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            kind = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
            found.append(Relationship(kind, _resolve(folder, rel.get("Target"))))
        return found

    def related(self, source: str, kind: str) -> list[str]:
        """The names of the parts `source` relates to by `kind`, each once, in file order."""
        seen: dict[str, None] = {}
        for rel in self.relationships(source):
            if rel.kind == kind and rel.target.lower() not in seen:
                seen[rel.target.lower()] = None
                if not self.has(rel.target):
                    raise MissingPart(rel.target)
        return [self.names[key] for key in seen]

    def main_document(self) -> str:
        parts = self.related("", _MAIN_DOCUMENT)
        if parts:
            return parts[0]
        if self.has("word/document.xml"):  # a package whose root relationships are lost
            return self.names["word/document.xml"]
        raise MissingPart("word/document.xml")


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a part name: relative to the source's folder unless absolute."""
    target = unquote(target.split("#", 1)[0])
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/")
