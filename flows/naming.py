"""Stage `output_stem`: an inbox-relative name as one flat file name for OUT, never shared by two filings.

`a/b.docx` becomes `a__b.docx`, readable. A name a filer chose must not take another's outputs, so the
mapping is one-to-one: `%` is written `%25`; an underscore next to another underscore or a folder
separator `%5F` (a file really named `a__b.docx` becomes `a%5F%5Fb.docx`: only a folder separator gives
`__`); `~` `%7E`; control characters and bytes that are not UTF-8 `%XX`; and a name ending in
`.reason.txt` has that dot written `%2E` (a quarantined `x.docx.reason.txt` must not overwrite the reason
of `x.docx`). A stem too long for the file system (255 bytes with `.reason.txt` or `.json` and a
temporary prefix) keeps its head and its suffix around `~` and a hash of the whole name; an unshortened
stem holds no `~`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath

MAX_STEM_BYTES = 200
HEAD_BYTES = 150
HASH_CHARS = 16
MAX_SUFFIX_CHARS = 12
REASON_SUFFIX = ".reason.txt"
_ALWAYS_ESCAPED = frozenset("%~")


def _escape_char(text: str, index: int) -> str:
    char = text[index]
    if char == "_" and "_" in (text[index - 1 : index] + text[index + 1 : index + 2]):
        return "%5F"
    if char == "_" and "/" in (text[index - 1 : index] + text[index + 1 : index + 2]):
        return "%5F"
    if char in _ALWAYS_ESCAPED or ord(char) < 0x20 or ord(char) == 0x7F:
        return f"%{ord(char):02X}"
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that was not UTF-8 (surrogate escape)
        return f"%{ord(char) - 0xDC00:02X}"
    return char


def escaped(name: str) -> str:
    """Given an inbox-relative name, return its flat, one-to-one form (before any shortening)."""
    flat = "".join(_escape_char(name, index) for index in range(len(name))).replace("/", "__")
    if flat.endswith(REASON_SUFFIX):
        flat = flat[: -len(REASON_SUFFIX)] + "%2E" + REASON_SUFFIX[1:]
    return flat


def _head(text: str, limit: int) -> str:
    data = text.encode("utf-8")[:limit]
    return data.decode("utf-8", "ignore")


def output_stem(name: str) -> str:
    """Given an inbox-relative name, return a flat file name for outputs ("a/b.docx" → "a__b.docx")."""
    flat = escaped(name)
    if len(flat.encode("utf-8")) <= MAX_STEM_BYTES:
        return flat
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:HASH_CHARS]
    suffix = PurePosixPath(flat).suffix
    kept = suffix if len(suffix) <= MAX_SUFFIX_CHARS else ""
    return f"{_head(flat[: len(flat) - len(kept)], HEAD_BYTES)}~{digest}{kept}"
