"""A .docx package as parts in memory: read, change, write (byte-stable) — for building variants."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
MAIN = "word/document.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {
    "w": W_NS,
    "r": R_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())


def w(tag: str) -> str:
    """Given a local name, return its Clark name in the w: namespace."""
    return f"{{{W_NS}}}{tag}"


def fragment(xml: str) -> etree._Element:
    """Given XML text using the prefixes of NS (one root element), return the element."""
    wrapper = etree.fromstring(f"<w:wrap {DECLARATIONS}>{xml}</w:wrap>")
    return wrapper[0]


@dataclass
class Package:
    """Every part of a package by name, in their original order."""

    parts: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def read(cls, source: Path | bytes) -> Package:
        data = source.read_bytes() if isinstance(source, Path) else source
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return cls({info.filename: archive.read(info) for info in archive.infolist()})

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    def put_xml(self, name: str, root: etree._Element) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        return out.getvalue()

    def add_part(self, name: str, data: bytes, content_type: str) -> None:
        """Add a part with its content-type override."""
        self.parts[name] = data
        types = self.xml("[Content_Types].xml")
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        self.put_xml("[Content_Types].xml", types)

    def relate(self, source: str, kind: str, target: str) -> str:
        """Add a relationship from a part (`word/document.xml`) to a target; return its id."""
        folder, _, base = source.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        rels = self.xml(rels_name)
        ids = {rel.get("Id") for rel in rels}
        rel_id = next(f"rIdV{n}" for n in range(1, 1000) if f"rIdV{n}" not in ids)
        rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", rel_id)
        rel.set("Type", f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}")
        rel.set("Target", target)
        self.put_xml(rels_name, rels)
        return rel_id
