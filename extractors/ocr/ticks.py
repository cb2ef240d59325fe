"""Stages `ink_to_boxes` → `box_to_tick`: printed □ on paper and whether it is ticked.

A box is a small square (`BOX_MM` in size): a top and a bottom side of equal extent joined by a left
and a right side, or a solid square (■, a box inked over); with blank paper just left of it, so an
enclosing stroke inside a word (国, 口) with a character close before it is not a box. The decision
reads the ink inside the box (a √ or × drawn in it, a filled box, a printed ☑) and just above it (a
hand tick overflowing the box); a faint or partial mark is UNKNOWN, never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.ocr.beside_ticks import attached_mark, beside_mark
from extractors.ocr.geometry import Grid, Image, TickBox, TickState, center, contains_point
from extractors.ocr.runs import row_runs
from schema.document import BBox

BOX_MM = (2.2, 4.2)
SQUARE_TOLERANCE = 0.15
SIDE_COVERAGE = 0.7
LEFT_GAP = 0.45
SOLID = 0.9
STROKE_SPAN = 0.85
FLAT_SPAN = 0.6
BESIDE_CONFIDENCE = 0.9
MIN_ATTACHED = 0.10
ATTACHED_CONFIDENCE = 0.8
"""Ink joined to a box from the left or above (a hand tick run into it; printed text never
touches a box there) of MIN_ATTACHED of the box's area ticks it, at a confidence the operator checks."""
DIAGONAL_SHARE = 0.85
SIDE_DEPTH = 4
END_SLACK = 0.4
MAX_MIDLINE_SHARE = 0.4
GAP_MM = 0.3
"""Breaks in a box side up to this long (mm) are bridged before sides are measured."""
WALL_MARGIN = 3
"""A cell's paper starts this many px right of its wall's position (the line's own width)."""
MIN_MARK_EXTENT = 0.35
SPECK_CONFIDENCE = 0.6
SIDE_INSET = 0.2
"""Ink inside a box (SIDE_INSET of its side in from each side) spanning less than MIN_MARK_EXTENT
of its side is a toner speck: the box is empty, at a confidence the operator checks."""


@dataclass(frozen=True, slots=True)
class TickThresholds:
    """Ink fractions that decide a box: inside ≥ ticked → TICKED; ≤ empty (and nothing above) → EMPTY."""

    ticked: float = 0.10
    empty: float = 0.025
    above: float = 0.12


DEFAULT_THRESHOLDS = TickThresholds()


def _open(ink: Image, shape: tuple[int, int]) -> Image:
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape))


def _bridged(ink: Image, shape: tuple[int, int]) -> Image:
    """Given ink and a (width, height) kernel along one axis, return it with gaps that short closed
    along that axis (faded toner breaks a box's thin side into pieces)."""
    return cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, shape))


def _is_square(w: float, h: float, scale: float) -> bool:
    low, high = BOX_MM[0] * scale, BOX_MM[1] * scale
    return low <= w <= high and low <= h <= high and abs(w - h) <= SQUARE_TOLERANCE * max(w, h)


def _segments(mask: Image, low: float, high: float) -> list[tuple[int, int, int]]:
    """Given a horizontal-run mask, return (x0, x1, y) of every row run between low and high pixels long.

    Runs are taken row by row, so a side thickened by a pen stroke still yields its outer rows.
    """
    padded = np.pad((mask > 0).astype(np.int8), ((0, 0), (1, 1)))
    rows, edges = np.nonzero(np.diff(padded, axis=1))
    starts, ends, ys = edges[::2], edges[1::2], rows[::2]
    keep = (ends - starts >= low) & (ends - starts <= high)
    return list(zip(starts[keep].tolist(), (ends[keep] - 1).tolist(), ys[keep].tolist(), strict=True))


def _side_covered(vertical: Image, x: int, y0: int, y1: int) -> bool:
    column = vertical[y0 : y1 + 1, max(0, x - 2) : x + 3]
    return column.size > 0 and float(column.max(axis=1).mean()) / 255 >= SIDE_COVERAGE


def _side_between(vertical: Image, a: int, b: int, y0: int, y1: int) -> int | None:
    """The first column from a towards b (either way) where a side joins y0..y1, if any."""
    step = 1 if b >= a else -1
    return next((x for x in range(a, b + step, step) if _side_covered(vertical, x, y0, y1)), None)


def _pairs_to_box(top: tuple[int, int, int], bottom: tuple[int, int, int], vertical: Image) -> BBox | None:
    """Given a top and a bottom side, return their square if sides join them (a pen stroke running
    out of the box may lengthen or shorten one side: either length may count)."""
    if abs(bottom[0] - top[0]) > 3 or abs(bottom[1] - top[1]) > 3:
        return _uneven_pair_to_box(top, bottom, vertical)
    x0, x1 = max(top[0], bottom[0]), min(top[1], bottom[1])
    y0, y1 = top[2], bottom[2]
    lengths = (x1 - x0, max(top[1], bottom[1]) - min(top[0], bottom[0]))
    if not any((1 - SQUARE_TOLERANCE) * n <= y1 - y0 <= (1 + SQUARE_TOLERANCE) * n for n in lengths):
        return None
    if not (_side_covered(vertical, x0, y0, y1) and _side_covered(vertical, x1, y0, y1)):
        return None
    return BBox(float(x0), float(y0), float(x1 + 1), float(y1 + 1))


def _uneven_pair_to_box(
    top: tuple[int, int, int], bottom: tuple[int, int, int], vertical: Image
) -> BBox | None:
    """A top and a bottom whose ends disagree at one corner (a tick drawn over it lengthens one side,
    a gap shortens the other): the box's side there is looked for between the two ends."""
    y0, y1 = top[2], bottom[2]
    x0 = _side_between(vertical, min(top[0], bottom[0]), max(top[0], bottom[0]), y0, y1)
    x1 = _side_between(vertical, max(top[1], bottom[1]), min(top[1], bottom[1]), y0, y1)
    if x0 is None or x1 is None or x1 <= x0:
        return None
    if not (1 - SQUARE_TOLERANCE) * (x1 - x0) <= y1 - y0 <= (1 + SQUARE_TOLERANCE) * (x1 - x0):
        return None
    return BBox(float(x0), float(y0), float(x1 + 1), float(y1 + 1))


def _candidate_pairs(sides: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Given the sides (x0, x1, y rows, sorted by y), return the (top, bottom) index pairs that may make
    a square: the bottom lower, near enough (the square's height), with both ends within 3 px, or one
    within 3 px and the other within END_SLACK of the side's length (a tick or a gap at one corner).

    In the order of a loop over tops, then bottoms (the order the squares are found in).
    """
    reach = (sides[:, 1] - sides[:, 0]) * (1 + SQUARE_TOLERANCE)
    ends = np.searchsorted(sides[:, 2], sides[:, 2] + reach, side="right")
    starts = np.arange(len(sides)) + 1
    counts = np.maximum(ends - starts, 0)
    tops = np.repeat(np.arange(len(sides)), counts)
    bottoms = np.arange(tops.size) - np.repeat(np.cumsum(counts) - counts, counts) + tops + 1
    top, bottom = sides[tops], sides[bottoms]
    left, right = np.abs(bottom[:, 0] - top[:, 0]), np.abs(bottom[:, 1] - top[:, 1])
    slack = np.minimum(top[:, 1] - top[:, 0], bottom[:, 1] - bottom[:, 0]) * END_SLACK
    near = ((left <= 3) & (right <= 3)) | (((left <= 3) | (right <= 3)) & (left <= slack) & (right <= slack))
    near &= _squarish(top, bottom)
    return tops[near], bottoms[near]


def _squarish(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Given paired top and bottom sides, return where their distance matches either side length."""
    height = bottom[:, 2] - top[:, 2]
    inner = np.minimum(top[:, 1], bottom[:, 1]) - np.maximum(top[:, 0], bottom[:, 0])
    outer = np.maximum(top[:, 1], bottom[:, 1]) - np.minimum(top[:, 0], bottom[:, 0])
    matches: np.ndarray = _within(height, inner) | _within(height, outer)
    return matches


def _within(height: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Where a height is the length give or take SQUARE_TOLERANCE."""
    inside: np.ndarray = ((1 - SQUARE_TOLERANCE) * length <= height) & (
        height <= (1 + SQUARE_TOLERANCE) * length
    )
    return inside


def _outlined(free: Image, scale: float) -> list[BBox]:
    """Squares found by pairing sides (a tick running out of a box into the text does not hide it)."""
    low, high = BOX_MM[0] * scale, BOX_MM[1] * scale
    side = max(4, round(low * 0.7))
    gap = max(3, round(GAP_MM * scale)) | 1
    horizontal = _open(_bridged(free, (gap, 1)), (side, 1))
    vertical = _open(_bridged(free, (1, gap)), (1, side))
    segments = _segments(horizontal, low * 0.9, high * 1.25)
    tops, bottoms = _candidate_pairs(np.array(segments, dtype=np.int64).reshape(-1, 3))
    found = []
    for n, m in zip(tops.tolist(), bottoms.tolist(), strict=True):
        box = _pairs_to_box(segments[n], segments[m], vertical)
        if box is not None:
            found.append(box)
    return found


def _isolated(free: Image, x: int, y: int, w: int, h: int) -> bool:
    """A solid box stands alone: no strokes leave it upwards, downwards or to the left."""
    rings = (
        free[max(0, y - 4) : max(0, y - 2), x : x + w],
        free[y + h + 2 : y + h + 4, x : x + w],
        free[y : y + h, max(0, x - 4) : max(0, x - 2)],
    )
    return all(r.size == 0 or np.count_nonzero(r) / r.size < 0.2 for r in rings)


def _filled(free: Image, scale: float) -> list[BBox]:
    """Solid squares (■, a box inked over): what survives an opening wider than any text stroke."""
    side = max(5, round(BOX_MM[0] * scale * 0.6))
    solid = _open(free, (side, side))
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid)
    found = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if _is_square(w + 2, h + 2, scale * 1.25) and _isolated(free, x, y, w, h):
            found.append(BBox(float(x - 1), float(y - 1), float(x + w + 1), float(y + h + 1)))
    return found


def distinct_boxes(boxes: list[BBox]) -> list[BBox]:
    """Given overlapping candidates (a thick outline yields several, a filled tick inside a box one
    more), keep the largest of each group."""
    kept: list[BBox] = []
    for box in sorted(boxes, key=lambda b: -(b.width * b.height)):
        if not any(_same_place(box, k) for k in kept):
            kept.append(box)
    return kept


def _same_place(box: BBox, larger: BBox) -> bool:
    near = abs(box.x0 - larger.x0) < box.width / 2 and abs(box.y0 - larger.y0) < box.height / 2
    return near or contains_point(larger, *center(box))


def _blank_before(free: Image, box: BBox) -> bool:
    """Blank paper left of the box, over its whole height (strokes of a character would show).

    The two pixel columns next to the box are skipped: a hand tick often starts just outside it.
    """
    x, y, w, h = round(box.x0), round(box.y0), round(box.width), round(box.height)
    gap = max(4, round(LEFT_GAP * w))
    region = free[y - 1 : y + h + 1, max(0, x - gap) : max(0, x - 2)]
    return region.size == 0 or float(np.count_nonzero(region)) / region.size < 0.02


def _mostly_blank(region: Image) -> bool:
    return region.size == 0 or float(np.count_nonzero(region)) / region.size < 0.3


def _clear_above(free: Image, box: BBox) -> bool:
    """Blank paper just above the box's left part (a hand tick overflows above on the right only).

    Box-shaped parts of characters (the 口 of 品) have strokes right above them.
    """
    x0, y0 = round(box.x0), round(box.y0)
    above = free[max(0, y0 - 5) : max(0, y0 - 2), x0 : x0 + round(box.width * 0.6)]
    return _mostly_blank(above)


def _clear_below(free: Image, box: BBox) -> bool:
    """Blank paper just below the box's right part (a hand tick overflows below on the left only).

    Box-shaped parts of characters (the 日 of 是, the 目 of 具) have strokes right below them.
    """
    x1, y1 = round(box.x1), round(box.y1)
    below = free[y1 + 2 : y1 + 5, x1 - round(box.width * 0.4) : x1]
    return _mostly_blank(below)


class BoxCorners:
    """The top-left corners of a page's box candidates, for asking what lies below a box."""

    def __init__(self, boxes: Sequence[BBox]) -> None:
        self._xs = np.array([b.x0 for b in boxes], np.float64)
        self._ys = np.array([b.y0 for b in boxes], np.float64)

    def any_below(self, box: BBox) -> bool:
        """Another box straight below, within three box heights: the ink under `box` may be that
        option's hand tick reaching up (options are listed one under another)."""
        drop = self._ys - box.y0
        near = (np.abs(self._xs - box.x0) < box.width / 2) & (drop >= box.height) & (drop <= 3 * box.height)
        return bool(near.any())


def _not_in_a_character(free: Image, box: BBox, others: BoxCorners) -> bool:
    """Clear above, and clear below unless the option below may have ticked up into the gap."""
    return _clear_above(free, box) and (_clear_below(free, box) or others.any_below(box))


def _bands(runs: np.ndarray, minimum: float) -> int:
    """Given per-row run lengths, return how many separate bands of rows reach the minimum."""
    bands, inside = 0, False
    for run in runs.tolist():
        if run >= minimum and not inside:
            bands += 1
        inside = run >= minimum
    return bands


def _character_inside(free: Image, box: BBox) -> bool:
    """Straight strokes across the inside (the 玉 of 国, the 才 of 团) make an enclosing character.

    A character has two or more separate full-width horizontal strokes inside, or one with a
    full-height vertical stroke; a tick (√ × ☑, however thick) has at most one such band, its
    vertex, and a filled box is solid.
    """
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    inset = max(3, round(box.width * 0.22))
    inside = free[y0 + inset : y1 - inset + 1, x0 + inset : x1 - inset + 1] > 0
    if inside.size == 0 or np.count_nonzero(inside) / inside.size > SOLID or _crossed(free, box):
        return False
    horizontal = _bands(row_runs(inside), STROKE_SPAN * inside.shape[1])
    vertical = _bands(row_runs(inside.T), STROKE_SPAN * inside.shape[0])
    return horizontal >= 2 or (horizontal >= 1 and vertical >= 1) or vertical >= 2


def _diagonal_share(inside: np.ndarray, flipped: bool) -> float:
    """The share of points along a diagonal of a boolean region with ink within one pixel."""
    grown = cv2.dilate(inside.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    height, width = grown.shape
    steps = min(height, width)
    rows = np.round(np.linspace(0, height - 1, steps)).astype(int)
    cols = np.round(np.linspace(0, width - 1, steps)).astype(int)
    return _share(grown[rows, cols[::-1] if flipped else cols])


def _share(region: np.ndarray) -> float:
    return float(np.count_nonzero(region)) / region.size if region.size else 0.0


def _outer_midlines(inside: np.ndarray) -> float:
    """The larger inked share of the outer thirds of the region's vertical and horizontal midlines
    (an × crosses them only at the centre; a character's straight strokes run along or across them)."""
    height, width = inside.shape
    column, row = inside[:, width // 2], inside[height // 2, :]
    h3, w3 = height // 3, width // 3
    return max(
        _share(np.concatenate((column[:h3], column[-h3:]))), _share(np.concatenate((row[:w3], row[-w3:])))
    )


def _blank_line(strip: np.ndarray, axis: int) -> bool:
    """Whether a strip along a side has one blank line across it (axis 1: a row, 0: a column)."""
    return bool((~strip).all(axis=axis).any())


def _crossed(free: Image, box: BBox) -> bool:
    """A cross (☒, a hand ×) in the box, not a character's strokes: inside the sides, ink along both
    diagonals, and paper somewhere between each side's middle and the centre (a stroke across the
    box would join them)."""
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    edge = max(2, round(box.width * 0.12))
    inside = free[y0 + edge : y1 - edge, x0 + edge : x1 - edge] > 0
    height, width = inside.shape
    if min(height, width) < 6:
        return False
    rows, cols = slice(height // 2 - 1, height // 2 + 2), slice(width // 2 - 1, width // 2 + 2)
    depth = SIDE_DEPTH
    gaps = (
        _blank_line(inside[:depth, cols], axis=1),
        _blank_line(inside[-depth:, cols], axis=1),
        _blank_line(inside[rows, :depth], axis=0),
        _blank_line(inside[rows, -depth:], axis=0),
    )
    diagonals = (_diagonal_share(inside, flipped) for flipped in (False, True))
    straight = _outer_midlines(inside) > MAX_MIDLINE_SHARE
    return all(gaps) and not straight and all(d >= DIAGONAL_SHARE for d in diagonals)


def ink_to_boxes(free: Image, scale: float, grids: Sequence[Grid] = ()) -> list[BBox]:
    """Given a page's ink without ruling lines, px per mm and its grids, return the printed
    checkboxes found."""
    squares = [box for box in _outlined(free, scale) if not _character_inside(free, box)]
    corners = BoxCorners(squares)
    outlined = [
        box
        for box in squares
        if (_not_in_a_character(free, box, corners) and _blank_before(free, box))
        or (_clear_below(free, box) and beside_mark(free, box, cell_left(box, grids)) > 0)
    ]
    filled = [box for box in _filled(free, scale) if not _character_inside(free, box)]
    filled = [box for box in filled if _blank_before(free, box)]
    return distinct_boxes(outlined + filled)


def _fraction(ink: Image, x0: int, y0: int, x1: int, y1: int) -> float:
    region = ink[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    return float(np.count_nonzero(region)) / region.size if region.size else 0.0


def box_to_tick(
    free: Image, box: BBox, thresholds: TickThresholds = DEFAULT_THRESHOLDS, wall: int = 0
) -> TickBox:
    """Given the page ink (ruling lines removed), a box and the x of its cell's left wall, return its
    state and the decision's confidence."""
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    inset = max(2, round((x1 - x0) * 0.25))
    inside = _fraction(free, x0 + inset, y0 + inset, x1 - inset, y1 - inset)
    above = ink_above(free, box)
    if inside < thresholds.ticked and beside_mark(free, box, wall) > 0:
        return TickBox(bbox=box, state=TickState.TICKED, confidence=BESIDE_CONFIDENCE)
    if inside < thresholds.ticked and attached_mark(free, box) >= MIN_ATTACHED:
        return TickBox(bbox=box, state=TickState.TICKED, confidence=ATTACHED_CONFIDENCE)
    if inside >= thresholds.ticked and mark_extent(free, box) < MIN_MARK_EXTENT:
        return TickBox(bbox=box, state=TickState.EMPTY, confidence=SPECK_CONFIDENCE)
    return TickBox(
        bbox=box, state=_state(inside, above, thresholds), confidence=_confidence(inside, above, thresholds)
    )


def ink_above(free: Image, box: BBox) -> float:
    """The ink share just above a box (half its side high, reaching half a side right of it), where
    a tick drawn over the box overflows; the option's first character is left out: a character stands
    beside the box too, a tick's overflow only above it."""
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    right = x1 + (x1 - x0) // 2
    beside = np.flatnonzero(free[y0:y1, x1 + 1 : right].any(axis=0))
    if beside.size:
        right = x1 + 1 + int(beside[0])
    return _fraction(free, x0, y0 - round((y1 - y0) * 0.5), right, y0 - 1)


def mark_extent(free: Image, box: BBox) -> float:
    """The span of the ink inside a box's sides (SIDE_INSET of its side in), as a share of the box's
    side, along the axis it spans most: a tick or a fill spans most of it, a toner speck a little."""
    x0, y0, x1, y1 = (round(v) for v in box.as_tuple())
    inset = max(3, round((x1 - x0) * SIDE_INSET))
    ys, xs = np.nonzero(free[y0 + inset : y1 - inset, x0 + inset : x1 - inset])
    if ys.size == 0:
        return 0.0
    return float(max(xs.max() - xs.min() + 1, ys.max() - ys.min() + 1)) / max(1, x1 - x0)


def _state(inside: float, above: float, thresholds: TickThresholds) -> TickState:
    if inside >= thresholds.ticked:
        return TickState.TICKED
    if inside <= thresholds.empty and above < thresholds.above:
        return TickState.EMPTY
    return TickState.UNKNOWN


def _confidence(inside: float, above: float, thresholds: TickThresholds) -> float:
    """Distance of the inside ink from the undecided band, as 0.5 (at its edge) … 1.0 (far away)."""
    if inside >= thresholds.ticked:
        return min(1.0, 0.5 + (inside - thresholds.ticked) / (2 * thresholds.ticked))
    if inside <= thresholds.empty and above < thresholds.above:
        return min(1.0, 0.5 + (thresholds.empty - inside) / (2 * thresholds.empty))
    return 0.0


def in_value_cell(box: BBox, grids: list[Grid]) -> bool:
    """Options are printed in value cells: inside a table, right of its first column."""
    cx, cy = center(box)
    return any(
        cell.col >= 1 and contains_point(cell.bbox, cx, cy)
        for grid in grids
        if contains_point(grid.bbox, cx, cy)
        for cell in grid.cells
    )


def cell_left(box: BBox, grids: Sequence[Grid]) -> int:
    """The x of the left wall of the cell holding the box (0: in no cell)."""
    cx, cy = center(box)
    walls = [
        cell.bbox.x0
        for grid in grids
        if contains_point(grid.bbox, cx, cy)
        for cell in grid.cells
        if contains_point(cell.bbox, cx, cy)
    ]
    return round(max(walls)) + WALL_MARGIN if walls else 0


def free_ink(ink: Image, lines: Image) -> Image:
    """Given an ink mask and the ruling lines, return the ink with the lines (and a margin) removed."""
    return cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(lines, np.ones((5, 5), np.uint8))))


def page_to_ticks(
    ink: Image, lines: Image, grids: list[Grid], scale: float, thresholds: TickThresholds = DEFAULT_THRESHOLDS
) -> list[TickBox]:
    """Given a page's ink, ruling lines, grids and scale, return every checkbox with its decided state."""
    free = free_ink(ink, lines)
    boxes = [box for box in ink_to_boxes(free, scale, grids) if in_value_cell(box, grids)]
    return [box_to_tick(free, box, thresholds, cell_left(box, grids)) for box in boxes]
