"""Stage `faint_boxes`: printed boxes too faint for the ink mask, looked for again on a lighter one.

On a 150 dpi JPEG scan a box's thin sides come out grey, near the ink threshold: a side breaks up,
the box is not found, and its option reads as ⍰ (unknown). Boxes are looked for again on a mask
taken closer to the paper tone. Being weaker evidence, a faint candidate must lie where no box
candidate was found (neither a box nor a character taken for one), in a value cell, with blank
paper over 1.5 box widths before it, and the recogniser must not read it as any character with
fair confidence (`FAINT_CHARACTER_CONFIDENCE`); its state is decided from the ordinary ink mask,
like every box's.
"""

from __future__ import annotations

import numpy as np

from extractors.ocr.confirm import confirm_faint_boxes
from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.geometry import Grid, Image, TickBox
from extractors.ocr.ticks import box_to_tick, cell_left, in_value_cell, ink_to_boxes
from schema.document import BBox

FAINT_CHARACTER_CONFIDENCE = 0.8
LINE_START_GAP = 1.5


def starts_a_line(free: Image, box: BBox) -> bool:
    """Blank paper over `LINE_START_GAP` box widths before the box: an option opening its line (or
    spaced apart in a row of options), not a box-like part of a character after a comma (，建)."""
    x, y, w, h = round(box.x0), round(box.y0), round(box.width), round(box.height)
    region = free[y - 1 : y + h + 1, max(0, x - round(LINE_START_GAP * w)) : max(0, x - 2)]
    return region.size == 0 or float(np.count_nonzero(region)) / region.size < 0.01


def _overlaps(a: BBox, b: BBox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def faint_ticks(
    engine: OcrEngine,
    gray: Image,
    masks: tuple[Image, Image],
    grids: list[Grid],
    scale: float,
    found: list[TickBox],
) -> list[TickBox]:
    """Given the page (grayscale, its ordinary and faint ink masks with the ruling removed, grids, px
    per mm) and the box candidates the ordinary mask gave (kept or refused as characters: a refused
    one is not asked again), return the further boxes the faint mask shows, each decided from the
    ordinary ink."""
    free, faint_free = masks
    candidates = [
        box
        for box in ink_to_boxes(faint_free, scale, grids)
        if in_value_cell(box, grids) and not any(_overlaps(box, tick.bbox) for tick in found)
    ]
    candidates = [box for box in candidates if starts_a_line(free, box)]
    ticks = [box_to_tick(free, box, wall=cell_left(box, grids)) for box in candidates]
    return confirm_faint_boxes(engine, gray, ticks, FAINT_CHARACTER_CONFIDENCE)
