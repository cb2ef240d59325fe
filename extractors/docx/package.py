"""Stage `open_package`: safety checks on the .docx container before any XML is parsed.

A .docx is a ZIP file. Before python-docx sees it we refuse: empty files, files over the size limit,
non-ZIP content (with a precise reason for legacy .doc and encrypted OOXML, which are OLE files),
ZIP bombs (too many entries, too much uncompressed data, absurd compression ratios) and packages
without a Word main document part (found as Word finds it: `extractors.docx.parts`).

Sizes are measured, not declared: every member is inflated once, in chunks, counting the bytes that
actually come out against the limits, and checked against its CRC. Only the two methods Word writes
(stored, deflate) are accepted: Python's zipfile inflates a bzip2 or LZMA member whole before cutting it
to the declared size, so a member declaring 150 kB could take gigabytes. A damaged member (CRC error,
broken deflate stream, truncated data) is refused here with one reason, before python-docx reads it.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from extractors.docx.parts import MainPart, check_word_main_part, package_to_main_part
from extractors.errors import DocumentLoadError
from extractors.file_checks import checked_size

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
WORD_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
CHUNK = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels")


@dataclass(frozen=True, slots=True)
class PackageLimits:
    """Size limits for one .docx package."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_entries: int = 2000
    max_uncompressed_bytes: int = 300 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 10 * 1024 * 1024
    max_xml_bytes: int = 64 * 1024 * 1024


DEFAULT_LIMITS = PackageLimits()


def check_package(path: Path, limits: PackageLimits = DEFAULT_LIMITS) -> MainPart:
    """Given a path to a .docx, return its main part; raise DocumentLoadError if it is not a safe,
    readable Word package."""
    checked_size(path, limits.max_file_bytes)
    _check_magic(path)
    return _check_zip(path, limits)


def _check_magic(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentLoadError(
                "文件已加密（设有打开密码）", "the document is encrypted (password-protected)"
            )
        raise DocumentLoadError(
            "文件为旧版 Word (.doc) 或 WPS 格式，扩展名与内容不符",
            "legacy .doc/.wps content with a .docx name",
        )
    if not head.startswith(ZIP_MAGIC):
        raise DocumentLoadError(
            "文件不是有效的 Word 文档（.docx）", "not a Word .docx file (no ZIP container)"
        )


def _check_zip(path: Path, limits: PackageLimits) -> MainPart:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_entries(infos, limits)
            _check_inflated(archive, infos, limits)
            main = package_to_main_part(archive)
    except zipfile.BadZipFile as error:
        raise DocumentLoadError("文件已损坏（ZIP 结构无效）", f"corrupt file: {error}") from error
    except (zlib.error, EOFError, OSError, ValueError) as error:
        raise DocumentLoadError("文件已损坏（压缩数据无效）", f"corrupt compressed data: {error}") from error
    check_word_main_part(main)
    return main


def check_archive(archive: zipfile.ZipFile, limits: PackageLimits = DEFAULT_LIMITS) -> None:
    """Given an open ZIP package of any kind (an .odt too), raise DocumentLoadError unless its entries,
    methods and inflated sizes are within the limits (each member inflated once, counted)."""
    infos = archive.infolist()
    _check_entries(infos, limits)
    _check_inflated(archive, infos, limits)


def _check_entries(infos: list[zipfile.ZipInfo], limits: PackageLimits) -> None:
    if len(infos) > limits.max_entries:
        raise DocumentLoadError("压缩包条目过多，疑似压缩炸弹", f"too many ZIP entries ({len(infos)})")
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise DocumentLoadError("解压后体积过大，疑似压缩炸弹", f"uncompressed size {total} bytes over limit")
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentLoadError("文件已加密", "encrypted ZIP entry")
        if info.compress_type not in WORD_METHODS:
            raise DocumentLoadError(
                "压缩包使用了 Word 不使用的压缩方式", f"unsupported compression method {info.compress_type}"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise DocumentLoadError("压缩比异常，疑似压缩炸弹", f"entry {info.filename} expands {ratio:.0f}x")


def _inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Given a member, inflate it in chunks (the CRC checked at its end); return the bytes it gave, or
    stop with DocumentLoadError as soon as they pass the budget."""
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > budget:
                raise DocumentLoadError(
                    "解压后体积过大，疑似压缩炸弹", f"{info.filename} inflates past the limit"
                )
    return size


def _check_inflated(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: PackageLimits) -> None:
    """Given the members, inflate each and count the bytes that come out, not the sizes they declare:
    all members against the total limit, XML parts (what python-docx parses) against the XML limit."""
    total = xml = 0
    for info in infos:
        size = _inflated_size(archive, info, limits.max_uncompressed_bytes - total)
        total += size
        if info.filename.lower().endswith(XML_SUFFIXES):
            xml += size
            if xml > limits.max_xml_bytes:
                raise DocumentLoadError(
                    "文档 XML 部分过大，疑似压缩炸弹", f"XML parts over {limits.max_xml_bytes} bytes"
                )
