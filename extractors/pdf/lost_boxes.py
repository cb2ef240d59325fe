"""Stage `mark_lost_boxes`: option lines whose checkbox the exporter did not draw get UNKNOWN_GLYPH.

LibreOffice draws nothing for a 带圈字符 tick (`eq \\o\\ac(□,√)` field without a result), so in its
PDF a ticked option can be a bare line among boxed ones (`□A` / `B` / `□C`). Read as printed text, B
would count as unticked. In a cell where at least `MIN_BOXED` lines open with a box, every other
line after the first boxed one that is not a note (`（注：…）`) is given UNKNOWN_GLYPH, so the mapper
reports the group; lines before it are the cell's heading, or options the mapper finds without a box.
On a scan the same stage marks a stray pen mark's line (a √ beside a box read as `1`) among boxed ones.
"""

from __future__ import annotations

import dataclasses

from extractors.pdf.lines import OPTION_STARTS, Line
from schema.document import MARKS, UNKNOWN_GLYPH

MIN_BOXED = 2
_NOTE_STARTS = ("（", "(", "注", "备注", "其中")


def _boxed(line: Line) -> bool:
    return line.text[0] in OPTION_STARTS


def mark_lost_boxes(lines: list[Line]) -> list[Line]:
    """Given a cell's lines, return them with bare option lines among boxed ones marked unknown."""
    if sum(_boxed(line) for line in lines) < MIN_BOXED or all(_boxed(line) for line in lines):
        return lines
    first = next(i for i, line in enumerate(lines) if _boxed(line))
    rest = lines[first:]
    return lines[:first] + [
        line if _boxed(line) or line.text.startswith(_NOTE_STARTS) else _unknown(line) for line in rest
    ]


def _unknown(line: Line) -> Line:
    """A bare line marked unknown; its ⍰ is a mark read at confidence 0 where the line's marks carry
    their confidences (a scan), so the doubts of the cell's marks still fit its text one for one."""
    marks = line.mark_confidences
    if len(marks) == sum(ch in MARKS for ch in line.text):
        marks = (0.0, *marks)
    return dataclasses.replace(line, text=UNKNOWN_GLYPH + line.text, mark_confidences=marks)
