"""Inboxes for the flow tests: known good filings (form builder), every kind of bad input, and junk."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from sample_docs.builder import build_document
from sample_docs.builder.filling import CoverFill, Filling, slot_key

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def cover(name: str, province: str = "浙江", city: str = "宁波", county: str = "慈溪") -> CoverFill:
    return CoverFill(
        name, province, city, county, "县经信局", "园区运营公司", "2025年4月10日", "张三 0574-12345678"
    )


def write_filing(path: Path, name: str, output_2023: str = "52.25", province: str = "浙江") -> Path:
    """Write an application filing for cluster `name`; different arguments give different content."""
    texts = {
        slot_key("basic.cluster_name"): (name,),
        slot_key("industry.total_output", "2022"): ("45.5",),
        slot_key("industry.total_output", "2023"): (output_2023,),
        slot_key("industry.total_output", "2024"): ("60",),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    build_document("application", Filling(texts=texts, cover=cover(name, province))).save(str(path))
    return path


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_letter(path: Path) -> Path:
    letter = docx.Document()
    letter.add_paragraph("关于召开产业集群工作座谈会的通知")
    letter.add_paragraph("各有关单位：兹定于下周召开座谈会，请准时参加。")
    letter.save(str(path))
    return path


BAD_FILES: dict[str, bytes] = {
    "bad/empty.docx": b"",
    "bad/random.docx": bytes(range(256)) * 20,
    "bad/corrupt_zip.docx": b"PK\x03\x04" + b"\x00garbage" * 100,
    "bad/encrypted.docx": OLE_MAGIC + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512,
    "bad/legacy.docx": OLE_MAGIC + b"\x00" * 2048,
    "bad/bomb.docx": zip_bytes(
        {"[Content_Types].xml": b"<x/>", "word/document.xml": b" " * (24 * 1024 * 1024)}
    ),
    "bad/scan.pdf": b"this is not a PDF",
    "bad/old.doc": OLE_MAGIC + b"\x01" * 4096,
    "bad/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
}
JUNK_FILES = ("~$lock.docx", ".hidden.docx", ".git/config", "Thumbs.db")


def make_inbox(tmp_path: Path) -> Path:
    """Given a folder, write an inbox with 3 good filings (two of one cluster), every kind of bad input, and junk."""
    root = tmp_path / "inbox"
    write_filing(root / "浙江" / "a.docx", "浙江省慈溪市智能家电产业集群")
    write_filing(root / "浙江" / "b.docx", "浙江省慈溪市智能家电产业集群", output_2023="53")
    write_filing(root / "c.docx", "江苏省常州市新能源产业集群", province="江苏")
    for name, data in BAD_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    write_letter(root / "bad" / "letter.docx")
    for name in JUNK_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"junk")
    return root
