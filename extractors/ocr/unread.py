"""Stage `mark_unread_cells`: a table cell with ink in it but no text read gets an unknown glyph.

The engine reads nothing of some marks a filer leaves in a cell: a lone dash (`—`, meaning none), a
handwritten figure, a very faint entry. The cell would read as empty and its field as not filled
in, with nobody told to look. A cell that holds a sizeable inked shape (larger than any toner
speck, outside any seal) but no word and no box gets `⍰` with confidence 0 over that ink, or `—`
(none) at a low confidence when that ink is one thin horizontal stroke: either way its field is
flagged for the operator.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from extractors.ocr.geometry import Grid, Image, contains_point
from extractors.ocr.tokens import Token
from schema.document import UNKNOWN_GLYPH, BBox, SealMark

MIN_MARK_MM = 1.5
"""An inked shape at least this long (mm) is written, not a toner speck."""
CELL_INSET = 4
DASH = "—"
DASH_MAX_HEIGHT_MM = 0.8
DASH_ASPECT = 3.0
DASH_CONFIDENCE = 0.7
"""A lone thin horizontal stroke is read as `—` (none), below the threshold: the operator confirms it."""


def _inside_any(box: BBox, others: Sequence[BBox]) -> bool:
    """Whether the box's centre lies in any of the others."""
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return any(contains_point(other, cx, cy) for other in others)


def cell_marks(free: Image, cell: BBox, min_length: float) -> list[BBox]:
    """Given the page ink (ruling removed), a cell and a length in px, return the boxes of the inked
    shapes in the cell at least that long."""
    x0, y0 = round(cell.x0) + CELL_INSET, round(cell.y0) + CELL_INSET
    region = np.ascontiguousarray(free[y0 : round(cell.y1) - CELL_INSET, x0 : round(cell.x1) - CELL_INSET])
    if region.size == 0:
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats(region)
    return [
        BBox(float(x0 + x), float(y0 + y), float(x0 + x + w), float(y0 + y + h))
        for x, y, w, h, _ in (stats[i] for i in range(1, count))
        if max(w, h) >= min_length
    ]


def is_dash(mark: BBox, px_per_mm: float) -> bool:
    """Whether an inked shape is a dash: a thin horizontal stroke (`—`, meaning none)."""
    return mark.height <= DASH_MAX_HEIGHT_MM * px_per_mm and mark.width >= DASH_ASPECT * mark.height


def mark_unread_cells(
    free: Image, grids: list[Grid], tokens: Sequence[Token], seals: Sequence[SealMark], px_per_mm: float
) -> list[Token]:
    """Given the page ink, grids, tokens read and seals, return an unknown-glyph token for every cell
    holding written ink but no token."""
    discs = [seal.bbox for seal in seals]
    unread: list[Token] = []
    for cell in (cell for grid in grids for cell in grid.cells):
        if any(_inside_any(token.bbox, [cell.bbox]) for token in tokens):
            continue
        marks = [m for m in cell_marks(free, cell.bbox, MIN_MARK_MM * px_per_mm) if not _inside_any(m, discs)]
        if len(marks) == 1 and is_dash(marks[0], px_per_mm):
            unread.append(Token(DASH, marks[0], DASH_CONFIDENCE))
        elif marks:
            box = BBox(
                min(m.x0 for m in marks),
                min(m.y0 for m in marks),
                max(m.x1 for m in marks),
                max(m.y1 for m in marks),
            )
            unread.append(Token(UNKNOWN_GLYPH, box, 0.0))
    return unread
