"""Stage `word_binary_text`: the text of a Word 97–2003 binary (.doc) as the file stores it, fields included.

LibreOffice drops some fields when it converts a .doc (a 带圈字符 `EQ \\o\\ac(□,√)` tick is one); to read
them we read the text ourselves ([MS-DOC]): the `WordDocument` stream opens with the File Information
Block (FIB), which names the table stream (`0Table` or `1Table`, bit fWhichTblStm) and, in its
FibRgFcLcb97, where the CLX lies in it; the CLX's piece table (PlcPcd) gives, for each run of
character positions (CPs), where its characters lie in the WordDocument stream — 16-bit Unicode, or
8-bit (cp1252, "compressed") at half the offset. The CPs run through the stories in a fixed order:
main text, footnotes, headers, comments, endnotes, text boxes, header text boxes; the FIB's
FibRgLw97 gives each story's length.

Fields are marked in the text itself: 0x13 begin, instruction, 0x14 separator, result, 0x15 end
(nested freely). Paragraphs end with 0x0D, table cells and rows with 0x07.

The file is untrusted: every offset is checked against the stream it points into, the piece count and
the text length are capped, and a file that is not a readable Word 97+ binary yields None (the
conversion then reads it, or refuses it, as before).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from extractors.legacy.ole import ole_streams

FIB_IDENT = 0xA5EC
F_WHICH_TABLE = 0x0200
F_ENCRYPTED = 0x0100
MAX_PIECES = 200_000
MAX_CHARACTERS = 20_000_000
_STREAMS = frozenset({"WordDocument", "0Table", "1Table"})
_FC_CLX = 33  # index of fcClx/lcbClx in FibRgFcLcb97
_STORY_LENGTHS = (3, 4, 5, 7, 8, 9, 10)  # ccpText, ccpFtn, ccpHdd, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx
_MAIN, _TEXT_BOXES = 0, 5


@dataclass(frozen=True, slots=True)
class WordText:
    """A Word binary's text by story: the main text and the text boxes' text (the stories a filing's
    form can be in), each a string of CPs with the special characters kept."""

    main: str
    text_boxes: str


def _fib_layout(stream: bytes) -> tuple[int, int, int] | None:
    """Given the WordDocument stream, return (offset of FibRgLw97, offset of FibRgFcLcb, its pair count)."""
    if len(stream) < 0x22:
        return None
    csw = struct.unpack_from("<H", stream, 0x20)[0]
    lw_count_at = 0x22 + 2 * csw
    if lw_count_at + 2 > len(stream):
        return None
    cslw = struct.unpack_from("<H", stream, lw_count_at)[0]
    lw_at = lw_count_at + 2
    pairs_at = lw_at + 4 * cslw
    if pairs_at + 2 > len(stream) or cslw < 11:
        return None
    pairs = struct.unpack_from("<H", stream, pairs_at)[0]
    return lw_at, pairs_at + 2, pairs


def _clx_pieces(table: bytes, fc: int, lcb: int) -> tuple[list[int], list[int]] | None:
    """Given the table stream and the CLX's place, return the piece table: CPs (n + 1) and the n
    pieces' raw FcCompressed values."""
    if fc < 0 or lcb <= 0 or fc + lcb > len(table):
        return None
    clx = table[fc : fc + lcb]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: a property modifier group, skipped
        size = struct.unpack_from("<h", clx, at + 1)[0] if at + 3 <= len(clx) else -1
        if size < 0:
            return None
        at += 3 + size
    if at + 5 > len(clx) or clx[at] != 0x02:
        return None
    size = struct.unpack_from("<I", clx, at + 1)[0]
    body = clx[at + 5 : at + 5 + size]
    count = (len(body) - 4) // 12
    if size != len(body) or count <= 0 or count > MAX_PIECES or 4 + 12 * count != len(body):
        return None
    cps = list(struct.unpack_from(f"<{count + 1}i", body))
    fcs = [struct.unpack_from("<I", body, 4 * (count + 1) + 8 * i + 2)[0] for i in range(count)]
    return cps, fcs


def _pieces_text(stream: bytes, cps: list[int], fcs: list[int]) -> str | None:
    """Given the WordDocument stream and the piece table, return the text of every CP in order."""
    parts: list[str] = []
    total = 0
    for index, raw in enumerate(fcs):
        length = cps[index + 1] - cps[index]
        total += max(length, 0)
        if length < 0 or total > MAX_CHARACTERS:
            return None
        compressed = bool(raw & 0x40000000)
        offset = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        width = 1 if compressed else 2
        chunk = stream[offset : offset + length * width]
        if len(chunk) != length * width:
            return None
        parts.append(chunk.decode("cp1252" if compressed else "utf-16-le", "replace"))
    return "".join(parts)


def word_binary_text(data: bytes) -> WordText | None:
    """Given a file's bytes, return its text by story if it is a readable (unencrypted) Word 97+ binary,
    else None."""
    streams = ole_streams(data, _STREAMS)
    stream = streams.get("WordDocument", b"")
    if len(stream) < 0x22 or struct.unpack_from("<H", stream, 0)[0] != FIB_IDENT:
        return None
    flags = struct.unpack_from("<H", stream, 0x0A)[0]
    table = streams.get("1Table" if flags & F_WHICH_TABLE else "0Table")
    layout = _fib_layout(stream)
    if flags & F_ENCRYPTED or table is None or layout is None:
        return None
    lw_at, pairs_at, pairs = layout
    if pairs <= _FC_CLX or pairs_at + 8 * pairs > len(stream):
        return None
    fc, lcb = struct.unpack_from("<Ii", stream, pairs_at + 8 * _FC_CLX)
    pieces = _clx_pieces(table, fc, lcb)
    text = _pieces_text(stream, *pieces) if pieces else None
    if text is None:
        return None
    lengths = [max(struct.unpack_from("<i", stream, lw_at + 4 * i)[0], 0) for i in _STORY_LENGTHS]
    starts = [sum(lengths[:i]) for i in range(len(lengths))]
    return WordText(
        main=text[: lengths[_MAIN]],
        text_boxes=text[starts[_TEXT_BOXES] : starts[_TEXT_BOXES] + lengths[_TEXT_BOXES]],
    )
