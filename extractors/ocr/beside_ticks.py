"""Stage `beside_mark`: a hand √ drawn beside a box (left of it, its tail over the box's corner).

Filers tick on paper next to the box as often as in it. The box then holds no ink, and the mark
fails the tests that keep characters out (ink just before and above the box). It is told from a
character's left part by its strokes: slanted (no long straight vertical or horizontal run, as 亻,
丨 or 一 have), touching the box's left side or top-left corner, with blank paper further left (the
box opens its line) and above the box's right half (the 厶 over the 口 of 治 is a character's). Only a
square of box size is ever considered (the 口 of 如 or 知 is smaller).
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.geometry import Image
from extractors.ocr.runs import longest_run
from schema.document import BBox

MARK_WIDTH = 1.3
"""How far left of the box (in box widths) a beside mark reaches."""
MARK_RISE = 0.6
"""How far above the box (in box heights) the mark's tail may rise."""
MIN_MARK_INK = 0.05
STRAIGHT_SHARE = 0.7
MAX_INK_FURTHER_LEFT = 0.03
MAX_INK_ABOVE_RIGHT = 0.05
SIDE_GAP = 1
"""Columns left of the box's side not counted as the mark (the side's own blur)."""
TOUCH_COLUMNS = 3
SIDE_REACH = 3
"""A box's left side lies within this many pixels of its edge."""
ATTACH_REACH = 1.5
RING = 3
ATTACH_BELOW = 0.8
"""A tick's point lies below-left of the box: ink is followed that far below it (in box sides)."""
"""How far left of and above a box (in box sides) ink joined to it is looked for."""


def has_straight_stroke(region: np.ndarray, height: int, width: int) -> bool:
    """Given a boolean region, return whether it holds a vertical run of STRAIGHT_SHARE of `height`
    or a horizontal one of STRAIGHT_SHARE of `width` (a character's stroke, not a hand mark)."""
    return longest_run(region.T) >= STRAIGHT_SHARE * height or longest_run(region) >= STRAIGHT_SHARE * width


def _touches_box(region: np.ndarray) -> bool:
    """The mark reaches the box: ink in the region's last columns (just left of the box's side)."""
    return bool(region[:, -TOUCH_COLUMNS:].any())


def outer_left(free: Image, box: BBox) -> int:
    """The first column of the box's left side: a thick (spread, blurred) side reaches left of the
    box's edge; measured along the middle half of the side, where a beside tick rarely crosses."""
    x0, y0, y1 = round(box.x0), round(box.y0), round(box.y1)
    quarter = (y1 - y0) // 4
    edges = [_side_edge(free[y], x0) for y in range(y0 + quarter, y1 - quarter)]
    found = [edge for edge in edges if edge is not None]
    return int(np.median(found)) if found else x0


def _side_edge(row: np.ndarray, x0: int) -> int | None:
    """Given a pixel row and the box's left edge, return where the ink of its side starts (None: no
    side within SIDE_REACH of the edge)."""
    near = np.flatnonzero(row[max(0, x0 - SIDE_REACH) : x0 + SIDE_REACH])
    if near.size == 0:
        return None
    edge = max(0, x0 - SIDE_REACH) + int(near[0])
    while edge > max(0, x0 - SIDE_REACH) and row[edge - 1]:
        edge -= 1
    return edge


def beside_mark(free: Image, box: BBox, wall: int = 0) -> float:
    """Given the page ink (ruling lines removed), a box and the x of its cell's left wall, return the
    ink share of a hand mark beside it (0.0 when there is none, or what is there looks like part of
    a character). Only this cell's paper counts as further left: beyond the wall is another cell."""
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    width, height = x1 - x0, y1 - y0
    top = max(0, y0 - round(MARK_RISE * height))
    left = max(0, x0 - round(MARK_WIDTH * width))
    region = free[top:y1, left : outer_left(free, box) - SIDE_GAP] > 0
    if region.size == 0 or not _touches_box(region):
        return 0.0
    share = float(np.count_nonzero(region)) / region.size
    if share < MIN_MARK_INK or has_straight_stroke(region, height, width):
        return 0.0
    further = free[y0:y1, max(0, wall, left - width) : left] > 0
    above_right = free[top : max(top, y0 - SIDE_GAP - 1), x0 + round(width * 0.55) : x1] > 0
    if _inked(further, MAX_INK_FURTHER_LEFT) or _inked(above_right, MAX_INK_ABOVE_RIGHT):
        return 0.0
    return share


def _inked(region: np.ndarray, limit: float) -> bool:
    return region.size > 0 and float(np.count_nonzero(region)) / region.size > limit


def attached_mark(free: Image, box: BBox) -> float:
    """Given the page ink and a box, return the ink joined to the box's outline that lies left of it
    or above it, as a share of the box's area (0.0: nothing touches the box there).

    Printed text never touches a box from the left or from above (a space or the line start is
    there); a hand tick drawn beside the box runs into its side or corner. Ink joined on the right
    is left out: at low resolution the option's first character may run into the box.
    """
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    width, height = x1 - x0, y1 - y0
    wx0, wy0 = max(0, x0 - round(ATTACH_REACH * width)), max(0, y0 - round(ATTACH_REACH * height))
    window = (free[wy0 : y1 + round(ATTACH_BELOW * height), wx0 : x1 + 3] > 0).astype(np.uint8)
    _, labels = cv2.connectedComponents(window, connectivity=8)
    outline = _outline_label(labels, x0 - wx0, y0 - wy0, width, height)
    if outline == 0:
        return 0.0
    joined = labels == outline
    joined[y0 - wy0 - RING - 1 :, x0 - wx0 - RING - 1 :] = False  # the box, what lies right of or below it
    return float(np.count_nonzero(joined)) / max(1, width * height)


def _outline_label(labels: np.ndarray, x: int, y: int, width: int, height: int) -> int:
    """The component label most of the box's outline band (its sides, give or take RING px) carries
    (0: none)."""
    band = np.zeros(labels.shape, bool)
    band[max(0, y - RING) : y + height + RING, max(0, x - RING) : x + width + RING] = True
    band[y + RING : y + height - RING, x + RING : x + width - RING] = False
    ring = labels[band]
    ring = ring[ring > 0]
    return int(np.bincount(ring).argmax()) if ring.size else 0
