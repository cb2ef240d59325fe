"""Stage `rtf_shape_text_to_body`: the text of an RTF's text boxes written where each box is anchored.

An RTF text box is a shape group `{\\shp{\\*\\shpinst … {\\shptxt …}}{\\shprslt …}}`: its paragraphs
and tables in `\\shptxt` (one per box of a shape group `\\shpgrp`), and in `\\shprslt` the same box
again for old readers (a Word 6 drawing object). Word writes the group in the paragraph it is
anchored in; LibreOffice's own RTF export writes it as the result of a `SHAPE` field. LibreOffice
reads a box's plain paragraphs, but a table nested in a table inside a box comes out flattened, every
paragraph of the outer cell run into one line (a plan section's narrative headings and its targets
table: ten fields lost). So before conversion each text box's content is written in place of its
shape group, as body paragraphs in the box's reading order: read once (`\\shprslt` dropped), the
label mapper then finds its labels as in any body text. A shape anchored inside a table cell is left
to LibreOffice (paragraphs written there would end the table), as is one without text.

The file is untrusted: only the shape groups are scanned, each up to a size cap, all of them within
twice the file's size; a `\\bin` run is skipped by its declared length; a shape group that does not
close within the file (or the caps) is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_SHAPE_BYTES = 4 * 1024 * 1024
_SHAPE_START = re.compile(rb"(?<!\\)\{\\shp(?![a-zA-Z])")
_FIELD_BEFORE = re.compile(rb"\{\\field\s*\{\\\*\\fldinst\s*SHAPE\s*\}\s*\{\\fldrslt\s*$")
_FIELD_AFTER = re.compile(rb"\s*\}\s*\}")
_TOKEN = re.compile(rb"\\bin(-?\d{1,10}) ?|\\[{}\\]|\\[a-zA-Z]{1,32}-?\d{0,10} ?|[{}]|[^\\{}]+|\\.?")
_WORD = re.compile(rb"\\([a-zA-Z]{1,32})")
_PARAGRAPH_RESET = re.compile(rb"\\pard(?![a-zA-Z])")
_IN_TABLE = re.compile(rb"\\intbl(?![a-zA-Z])")
_NESTED_ROW_END = re.compile(rb"\{\\nonesttables\s*\\par\s*\}")
_NESTING = re.compile(rb"\\itap(\d{1,3})(?![0-9])")
_KEPT_GROUPS = frozenset({b"shptxt"})
_DROPPED_GROUPS = frozenset({b"shprslt"})


@dataclass(slots=True)
class _Shape:
    """A shape group being scanned: its depth, where it ends, the content of each of its text boxes."""

    end: int | None = None
    texts: list[bytes] = field(default_factory=list)
    depth: int = 0
    dropped_at: int | None = None  # depth of the \shprslt group being skipped
    text_at: tuple[int, int] | None = None  # depth and content start of the \shptxt group being read

    def open(self, data: bytes, at: int) -> None:
        """A group opens at `at` (just after its brace): note a box's text or a copy to skip."""
        self.depth += 1
        if self.dropped_at is not None or self.text_at is not None:
            return
        word = _WORD.match(data, at + (2 if data.startswith(b"\\*", at) else 0))
        if word is None:
            return
        if word.group(1) in _DROPPED_GROUPS:
            self.dropped_at = self.depth
        elif word.group(1) in _KEPT_GROUPS:
            self.text_at = (self.depth, word.end() + data.startswith(b" ", word.end()))

    def close(self, data: bytes, at: int) -> None:
        """A group closes with the brace at `at`."""
        if self.text_at is not None and self.depth == self.text_at[0]:
            self.texts.append(data[self.text_at[1] : at])
            self.text_at = None
        if self.dropped_at is not None and self.depth == self.dropped_at:
            self.dropped_at = None
        self.depth -= 1


def _scan(data: bytes, start: int, limit: int) -> _Shape:
    """Given where a `{\\shp` group starts, return where it ends and its boxes' content, read up to
    `limit` bytes; `end` stays None when the group does not close within them."""
    shape = _Shape()
    at = start
    stop = min(len(data), start + limit)
    while at < stop:
        match = _TOKEN.match(data, at)
        if match is None:
            break
        token, at = match.group(0), match.end()
        if match.group(1) is not None:
            at += max(int(match.group(1)), 0)
        elif token == b"{":
            shape.open(data, at)
        elif token == b"}":
            shape.close(data, match.start())
            if shape.depth == 0:
                shape.end = at
                break
    return shape


def _nesting_closed(text: bytes) -> bytes:
    """Given a box's content, return it with the nesting level set back after each nested table row.

    LibreOffice writes a box's paragraphs without `\\pard`, so the `\\itap2` of a table nested in a
    cell stays set for the cell's paragraphs after it (they are read into the nested table's last
    cell); each nested row's end (`{\\nonesttables\\par}`) is followed by the level around it."""
    pieces: list[bytes] = []
    done = 0
    for end in _NESTED_ROW_END.finditer(text):
        levels = _NESTING.findall(text, 0, end.start())
        if levels and int(levels[-1]) > 1:
            pieces += [text[done : end.end()], b"\\itap%d " % (int(levels[-1]) - 1)]
            done = end.end()
    return b"".join([*pieces, text[done:]])


def _in_table(data: bytes, start: int) -> bool:
    """Whether the paragraph a shape starting at `start` is anchored in is a table cell's: `\\intbl`
    since the last `\\pard`."""
    window = data[max(0, start - 64 * 1024) : start]
    resets = list(_PARAGRAPH_RESET.finditer(window))
    since = window[resets[-1].end() :] if resets else window
    return _IN_TABLE.search(since) is not None


def _span(data: bytes, start: int, end: int) -> tuple[int, int]:
    """The bytes a shape group stands for: the group, or the `SHAPE` field whose only result it is."""
    window = max(0, start - 256)
    before = _FIELD_BEFORE.search(data[window:start])
    after = _FIELD_AFTER.match(data, end)
    if before is not None and after is not None:
        return window + before.start(), after.end()
    return start, end


def rtf_shape_text_to_body(data: bytes) -> bytes:
    """Given an RTF file's bytes, return them with each text box's content in place of its shape group."""
    if b"\\shptxt" not in data:
        return data
    pieces: list[bytes] = []
    done = 0
    budget = 2 * len(data)
    for start in (match.start() for match in _SHAPE_START.finditer(data)):
        if start < done:  # inside a shape already replaced
            continue
        shape = _scan(data, start, min(MAX_SHAPE_BYTES, budget))
        budget -= (shape.end or len(data)) - start
        if budget <= 0:
            break
        if shape.end is None or not shape.texts or _in_table(data, start):
            continue
        first, last = _span(data, start, shape.end)
        if first < done:
            continue
        body = b"".join(b"{\\pard\\plain " + _nesting_closed(text) + b"}\\par " for text in shape.texts)
        pieces += [data[done:first], b"\\par ", body, b"\\pard\\plain "]
        done = last
    return b"".join([*pieces, data[done:]])
