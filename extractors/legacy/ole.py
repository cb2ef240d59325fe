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
