"""Stage `word_binary_encrypted`: is a Word 97–2003 / WPS file password-protected? (FIB fEncrypted)

A .doc is an OLE compound file; its `WordDocument` stream opens with the File Information Block,
whose flags word (offset 0x0A) has bit 0x0100 set when the document is encrypted. We find the stream's
directory entry (128-byte entries, sector-aligned) and read its first sector; no OLE library needed.
"""

from __future__ import annotations

import struct

WORD_STREAM = "WordDocument".encode("utf-16-le")
FIB_IDENT = 0xA5EC
F_ENCRYPTED = 0x0100
_ENTRY = 128
_HEADER = 512


def _sector_size(data: bytes) -> int:
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    return 1 << shift if 7 <= shift <= 16 else _HEADER


def _word_stream_start(data: bytes, sector: int) -> int | None:
    for offset in range(sector, len(data) - _ENTRY + 1, _ENTRY):
        name_length = struct.unpack_from("<H", data, offset + 0x40)[0]
        if data[offset : offset + len(WORD_STREAM)] == WORD_STREAM and name_length == len(WORD_STREAM) + 2:
            start: int = struct.unpack_from("<I", data, offset + 0x74)[0]
            return (start + 1) * sector
    return None


def word_binary_encrypted(data: bytes) -> bool | None:
    """Given an OLE file's bytes, return whether its Word stream is encrypted (None: no Word stream)."""
    if len(data) < _HEADER:
        return None
    sector = _sector_size(data)
    start = _word_stream_start(data, sector)
    if start is None or start + 0x0C > len(data):
        return None
    ident, flags = struct.unpack_from("<H", data, start)[0], struct.unpack_from("<H", data, start + 0x0A)[0]
    return ident == FIB_IDENT and bool(flags & F_ENCRYPTED)


_FREE = 0xFFFFFFFF
_END_OF_CHAIN = 0xFFFFFFFE
_STREAM_TYPES = frozenset({1, 2, 5})  # storage, stream, root
_MAX_CHAIN = 100_000


def _sector_offset(sector: int, index: int) -> int:
    return (index + 1) * sector  # the header fills sector -1


def _fat_sectors(data: bytes, sector: int) -> list[int]:
    """The sectors holding the FAT: the header's 109 DIFAT slots, then the DIFAT sector chain."""
    found = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END_OF_CHAIN)]
    difat = struct.unpack_from("<I", data, 0x44)[0]
    per_sector = sector // 4 - 1
    for _ in range(_MAX_CHAIN):
        start = _sector_offset(sector, difat)
        if difat in (_FREE, _END_OF_CHAIN) or start + sector > len(data):
            break
        slots = struct.unpack_from(f"<{per_sector + 1}I", data, start)
        found.extend(s for s in slots[:per_sector] if s not in (_FREE, _END_OF_CHAIN))
        difat = slots[per_sector]
    return found


def _next_sector(data: bytes, sector: int, fat: list[int], index: int) -> int:
    per_sector = sector // 4
    fat_index, slot = divmod(index, per_sector)
    if fat_index >= len(fat):
        return _END_OF_CHAIN
    offset = _sector_offset(sector, fat[fat_index]) + slot * 4
    return int(struct.unpack_from("<I", data, offset)[0]) if offset + 4 <= len(data) else _END_OF_CHAIN


def _entry_name(data: bytes, offset: int) -> str | None:
    length = struct.unpack_from("<H", data, offset + 0x40)[0]
    if not 2 <= length <= 64 or length % 2 or data[offset + 0x42] not in _STREAM_TYPES:
        return None
    return data[offset : offset + length - 2].decode("utf-16-le", "replace")


def ole_stream_names(data: bytes) -> frozenset[str]:
    """Given an OLE compound file's bytes, return the names in its directory (streams and storages),
    following the directory's sector chain through the FAT; empty for a file that is not one."""
    if len(data) < _HEADER:
        return frozenset()
    sector = _sector_size(data)
    fat = _fat_sectors(data, sector)
    names: set[str] = set()
    current = struct.unpack_from("<I", data, 0x30)[0]
    for _ in range(_MAX_CHAIN):
        start = _sector_offset(sector, current)
        if current in (_FREE, _END_OF_CHAIN) or start + sector > len(data):
            break
        for offset in range(start, start + sector, _ENTRY):
            name = _entry_name(data, offset)
            if name:
                names.add(name)
        current = _next_sector(data, sector, fat, current)
    return frozenset(names)
