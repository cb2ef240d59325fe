"""Hostile files, built by our own code: ZIP bombs with false sizes, images and PDFs that declare huge
pages, TIFFs with a thousand pages or a looping IFD chain, damaged packages, a 20,000-row table."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from hostile_tools import SAMPLE_DOCX
from PIL import Image

from sample_docs.builder import build_document
from sample_docs.builder.filling import CoverFill, Filling, slot_key

MEGABYTE = 1024 * 1024


def rezip(target: Path, replace: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Given a target and parts to replace, write the sample .docx with those parts there."""
    with zipfile.ZipFile(SAMPLE_DOCX) as source, zipfile.ZipFile(target, "w", compression) as out:
        for info in source.infolist():
            out.writestr(info.filename, replace.get(info.filename, source.read(info)))
    return target


def patch_declared_size(data: bytes, member: str, size: int) -> bytes:
    """Given a ZIP's bytes, return them with `member`'s uncompressed size declared as `size` in both its
    local header and its central directory entry (the data itself unchanged)."""
    name = member.encode()
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", patched, local + 26)[0]
        if patched[local + 30 : local + 30 + name_length] == name:
            struct.pack_into("<I", patched, local + 22, size)
        local = patched.find(b"PK\x03\x04", local + 4)
    central = patched.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", patched, central + 24, size)
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


def understated_bomb(target: Path, inflated: int = 400 * MEGABYTE) -> Path:
    """A .docx whose document part inflates to `inflated` bytes but declares 150 kB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"<" + b" " * (MEGABYTE - 1)
            for _ in range(inflated // MEGABYTE):
                member.write(chunk)
    target.write_bytes(patch_declared_size(buffer.getvalue(), "word/document.xml", 150 * 1024))
    return target


def bzip2_member(target: Path) -> Path:
    """A .docx whose parts are compressed with bzip2 (zipfile would inflate such a member whole)."""
    return rezip(target, {}, zipfile.ZIP_BZIP2)


def crc_error(target: Path) -> Path:
    """A .docx whose document part does not match its CRC (one byte of stored data changed)."""
    with zipfile.ZipFile(SAMPLE_DOCX) as source:
        document = source.read("word/document.xml")
    rezip(target, {"word/document.xml": document}, zipfile.ZIP_STORED)
    data = bytearray(target.read_bytes())
    at = data.find(b"<w:body>")
    data[at + 1] = ord("W")
    target.write_bytes(bytes(data))
    return target


def zlib_error(target: Path) -> Path:
    """A .docx whose deflate stream of the document part is broken in the middle."""
    rezip(target, {})
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 200, start + 260):
        data[offset] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def damaged_central_directory(target: Path) -> Path:
    """A .docx whose central directory was overwritten."""
    data = bytearray(SAMPLE_DOCX.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central : central + 200] = b"\x00" * 200
    target.write_bytes(bytes(data))
    return target


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(target: Path, width: int, height: int) -> Path:
    """A small PNG that declares width × height grey pixels (a few rows of data given)."""
    rows = zlib.compress(b"\x00" * (width + 1) * 64, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    target.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", rows))
    return target


def tiff_of_pages(target: Path, pages: int) -> Path:
    """A TIFF of `pages` tiny pages."""
    first, *rest = [Image.new("L", (8, 8), 255) for _ in range(pages)]
    first.save(target, save_all=True, append_images=rest, compression="packbits")
    return target


def _ifd(entries: list[tuple[int, int, int, int]], next_ifd: int) -> bytes:
    body = struct.pack("<H", len(entries))
    for tag, kind, count, value in sorted(entries):
        body += struct.pack("<HHII", tag, kind, count, value)
    return body + struct.pack("<I", next_ifd)


def raw_tiff(target: Path, width: int, height: int, loop: bool = False) -> Path:
    """A hand-made TIFF page declaring width × height (one tiny strip); `loop`: a second IFD whose next
    pointer leads back to the first."""
    strip = b"\x00" * 16
    first_ifd = 8 + len(strip)
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1)]
    entries += [(262, 3, 1, 1), (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, len(strip))]
    size = len(_ifd(entries, 0))
    second_ifd = first_ifd + size
    data = b"II*\x00" + struct.pack("<I", first_ifd) + strip
    data += _ifd(entries, second_ifd if loop else 0)
    if loop:
        data += _ifd(entries, first_ifd)
    target.write_bytes(data)
    return target


def pdf(objects: list[bytes]) -> bytes:
    """Given the bodies of objects 1..n (1 the catalog), return a PDF with a correct xref table."""
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def image_page_pdf(target: Path, page_points: int, image_pixels: int) -> Path:
    """A text-less PDF (a 'scan') of one page `page_points` wide and high, covered by one grey image that
    declares `image_pixels` × `image_pixels` pixels (a few bytes of data given)."""
    content = f"q {page_points} 0 0 {page_points} 0 0 cm /Im0 Do Q".encode()
    image = zlib.compress(b"\x80" * 64)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_points} {page_points}] "
        "/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".encode(),
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {image_pixels} /Height {image_pixels} "
        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {len(image)} >>\n"
        "stream\n".encode()
        + image
        + b"\nendstream",
    ]
    target.write_bytes(pdf(objects))
    return target


def looping_page_tree(target: Path) -> Path:
    """A PDF whose page tree lists itself among its kids."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    target.write_bytes(pdf(objects))
    return target


def big_table_docx(target: Path, rows: int = 20_000) -> Path:
    """The sample filing with a table of `rows` two-cell rows added at the end of its body."""
    row = "<w:tr><w:tc><w:p><w:r><w:t>名称{0}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{0}</w:t></w:r></w:p></w:tc></w:tr>"
    cells = "".join(map(row.format, range(rows)))
    table = f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{cells}</w:tbl>"
    with zipfile.ZipFile(SAMPLE_DOCX) as source:
        document = source.read("word/document.xml")
    return rezip(target, {"word/document.xml": document.replace(b"</w:body>", table.encode() + b"</w:body>")})


def copy_of_sample(target: Path, tag: str, source: Path = SAMPLE_DOCX) -> Path:
    """Given a target and a tag, write a copy of a sample with its own ZIP comment (its own hash)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    with zipfile.ZipFile(target, "a") as archive:
        archive.comment = f"copy {tag}".encode()
    return target


FORMULAS = ("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1+1", "\r=1+1")


def formula_filing(target: Path) -> Path:
    """An application filing whose texts begin like formulas (cluster name, region, contact, …)."""
    cover = CoverFill(
        FORMULAS[0], "浙江", "宁波", "慈溪", FORMULAS[1], FORMULAS[2], "2025年4月10日", FORMULAS[3]
    )
    texts = {slot_key("basic.cluster_name"): (FORMULAS[0],), slot_key("basic.operator"): (FORMULAS[4],)}
    target.parent.mkdir(parents=True, exist_ok=True)
    build_document("application", Filling(texts=texts, cover=cover)).save(str(target))
    return target


FORMULAS_STARTS = ("=", "+", "-", "@", "\t", "\r")
