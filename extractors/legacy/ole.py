"""OLE compound files (Word 97–2003 / WPS): is one password-protected, which names it holds, its streams.

A .doc is an OLE compound file; its `WordDocument` stream opens with the File Information Block,
whose flags word (offset 0x0A) has bit 0x0100 set when the document is encrypted. We find the stream's
directory entry (128-byte entries, sector-aligned) and read its first sector; no OLE library needed.

`ole_streams` reads whole streams by name ([MS-CFB]: the FAT's sector chains, and the mini stream for
streams under the cutoff), for the readers of what LibreOffice drops (`word_fields`). The file is
untrusted: every chain is cut at the file's size and at its first repeated sector, and a stream is
never longer than the file that holds it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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


_MINI_CUTOFF = 4096
_MINI_SECTOR = 64


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: int
    start: int
    size: int


def _fat_table(data: bytes, sector: int) -> list[int]:
    """Given an OLE file, return its whole FAT (next sector of each sector)."""
    table: list[int] = []
    per_sector = sector // 4
    for index in _fat_sectors(data, sector)[:_MAX_CHAIN]:
        start = _sector_offset(sector, index)
        if start + sector > len(data):
            break
        table.extend(struct.unpack_from(f"<{per_sector}I", data, start))
    return table


def _chain(table: list[int], first: int, limit: int) -> list[int]:
    """Given a FAT (or mini FAT) and a first sector, return the chain's sectors, cut at a repeat, at an
    index the table does not hold and after `limit` sectors."""
    chain: list[int] = []
    seen: set[int] = set()
    current = first
    while current < len(table) and current not in seen and len(chain) < limit:
        seen.add(current)
        chain.append(current)
        current = table[current]
    return chain


def _read_chain(data: bytes, sector: int, table: list[int], first: int, size: int) -> bytes:
    limit = min(-(-size // sector), len(data) // sector + 1)
    starts = [_sector_offset(sector, s) for s in _chain(table, first, limit)]
    return b"".join(data[start : start + sector] for start in starts)[:size]


def _directory(data: bytes, sector: int, table: list[int]) -> list[_Entry]:
    first = struct.unpack_from("<I", data, 0x30)[0]
    raw = _read_chain(data, sector, table, first, len(data))
    entries: list[_Entry] = []
    for offset in range(0, len(raw) - _ENTRY + 1, _ENTRY):
        name = _entry_name(raw, offset)
        if name is None:
            continue
        start, size = struct.unpack_from("<IQ", raw, offset + 0x74)
        if sector == _HEADER:  # version 3: the size's high half is not used
            size &= 0xFFFFFFFF
        entries.append(_Entry(name, raw[offset + 0x42], start, min(size, len(data))))
    return entries


def ole_streams(data: bytes, names: frozenset[str]) -> dict[str, bytes]:
    """Given an OLE compound file's bytes and stream names, return the streams of those names it holds
    (the first of each name in directory order); empty for a file that is not one."""
    if len(data) < _HEADER or not data.startswith(OLE_MAGIC):
        return {}
    sector = _sector_size(data)
    table = _fat_table(data, sector)
    entries = _directory(data, sector, table)
    root = next((e for e in entries if e.kind == 5), None)
    mini: tuple[bytes, list[int]] | None = None
    found: dict[str, bytes] = {}
    for entry in entries:
        if entry.kind != 2 or entry.name not in names or entry.name in found:
            continue
        if entry.size >= _MINI_CUTOFF or root is None:
            found[entry.name] = _read_chain(data, sector, table, entry.start, entry.size)
            continue
        if mini is None:
            mini = _mini_stream(data, sector, table, root)
        found[entry.name] = _read_chain(mini[0], _MINI_SECTOR, mini[1], entry.start, entry.size)
    return found


def _mini_stream(data: bytes, sector: int, table: list[int], root: _Entry) -> tuple[bytes, list[int]]:
    """The mini stream (held by the root entry) with its mini FAT; `_read_chain` reads it as a file whose
    header is one mini sector long, hence the padding."""
    first, count = struct.unpack_from("<II", data, 0x3C)
    raw = _read_chain(data, sector, table, first, min(count, _MAX_CHAIN) * sector)
    mini_table = list(struct.unpack_from(f"<{len(raw) // 4}I", raw))
    container = bytes(_MINI_SECTOR) + _read_chain(data, sector, table, root.start, root.size)
    return container, mini_table
