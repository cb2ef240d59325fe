"""Stages `ink_to_ruling` → `ruling_to_grids`: ruled tables from horizontal and vertical line masks.

Lines are long thin ink runs kept by a morphological opening; a table is a connected group of
lines with both directions; its row and column boundaries are the clustered positions of its line
pieces; a wall between two neighbouring slots exists where the line mask covers most of it, and
slots without a wall between them are one merged cell (row/col spans).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.ocr.geometry import Grid, GridCell, Image
from extractors.pdf.primitives import Edge, Orientation
from schema.document import BBox, SealMark

MIN_LINE_MM = 8.0
RULE_GAP_MM = 9.0
"""Gaps up to this long between two pieces of one line (each MIN_LINE_MM at least) are bridged."""
PAGE_EDGE_MM = 5.0
SHORT_WALL_MM = 4.5
"""A vertical run this long that joins two horizontal lines is a wall (a one-row table, the last
row of a table continued on the next page), though shorter than a line."""
WALL_END = 3
SIDE_BAND = 4
STROKE_CLEAR_SIDE = 0.4
LONG_RULE_MM = 60.0
"""A ruling line has blank paper in the SIDE_BAND px above and below it along this share of it."""
"""A wall's end lies within this many px of a horizontal line."""
SNAP_MM = 1.2
WALL_COVERAGE = 0.6
MIN_TABLE_MM = 20.0
RING_BAND = 0.15
ON_RING = 0.8
"""A line piece with ON_RING of its pixels within RING_BAND of a seal's radius from its centre is
part of the seal's ring."""


@dataclass(frozen=True, slots=True)
class Ruling:
    """The horizontal and vertical line masks of a page (255 = line) and its scale in px per mm."""

    horizontal: Image
    vertical: Image
    px_per_mm: float

    @property
    def lines(self) -> Image:
        return cv2.bitwise_or(self.horizontal, self.vertical)


def page_scale(width_px: int) -> float:
    """Given a page width in pixels, return pixels per millimetre (A4 portrait assumed)."""
    return width_px / 210.0


def _open(ink: Image, shape: tuple[int, int]) -> Image:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def ink_to_ruling(ink: Image) -> Ruling:
    """Given an ink mask, return its ruling line masks (runs longer than MIN_LINE_MM; nothing within
    PAGE_EDGE_MM of the page's edge, where a scan's shadow lies and no form prints a line); pieces of
    one broken line are joined (`bridge_pieces`)."""
    scale = page_scale(ink.shape[1])
    ink = without_page_edge(ink, round(PAGE_EDGE_MM * scale))
    length = max(10, round(MIN_LINE_MM * scale))
    gap = round(RULE_GAP_MM * scale)
    rules = bridge_pieces(drop_text_strokes(_open(ink, (length, 1)), ink), (gap, 1))
    horizontal = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    walls = cv2.bitwise_or(
        bridge_pieces(_open(ink, (1, length)), (1, gap)), short_walls(ink, horizontal, scale)
    )
    vertical = cv2.dilate(walls, np.ones((3, 3), np.uint8))
    return Ruling(horizontal=horizontal, vertical=vertical, px_per_mm=scale)


def bridge_pieces(runs: Image, gap: tuple[int, int]) -> Image:
    """Given line pieces (runs of MIN_LINE_MM at least, of one direction) and the longest gap to bridge
    (px, as a kernel: (gap, 1) across columns, (1, gap) across rows), return them with the gaps between
    pieces in one line filled: a thin grey rule a fax's threshold (or a faded print) breaks into dashes
    is one rule. Only pieces long enough to be rules are joined; text never is."""
    if gap[0] <= 1 and gap[1] <= 1:
        return runs
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, gap)
    return np.asarray(cv2.morphologyEx(runs, cv2.MORPH_CLOSE, kernel), np.uint8)


def without_page_edge(ink: Image, margin: int) -> Image:
    """Given an ink mask and a margin in px, return it blank within the margin of its edges."""
    inner = np.zeros_like(ink)
    inner[margin:-margin, margin:-margin] = ink[margin:-margin, margin:-margin]
    return inner


def drop_text_strokes(runs: Image, ink: Image) -> Image:
    """Given long horizontal ink runs and the ink, return the runs that are ruling lines: blank paper
    above and below along much of them (STROKE_CLEAR_SIDE; text set close to a line fills one side
    only in part), or longer than any run of text strokes (LONG_RULE_MM). The strokes of a line of
    bold, blurred characters (工具产) run together into long runs too, with the characters' bodies
    along one side or both."""
    long_rule = LONG_RULE_MM * page_scale(ink.shape[1])

    def is_rule(x: int, y: int, w: int, h: int) -> bool:
        above = ink[max(0, y - SIDE_BAND - 2) : max(0, y - 2), x : x + w]
        below = ink[y + h + 2 : y + h + 2 + SIDE_BAND, x : x + w]
        return w >= long_rule or min(_blank_columns(above), _blank_columns(below)) >= STROKE_CLEAR_SIDE

    return keep_components(runs, is_rule)


def keep_components(mask: Image, keep: Callable[[int, int, int, int], bool]) -> Image:
    """Given a mask and a test of a component's box (x, y, width, height), return the mask with only
    the components that pass it."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    table = np.zeros(count, np.uint8)
    for i in range(1, count):
        table[i] = 255 if keep(*(int(v) for v in stats[i][:4])) else 0
    return np.asarray(table[labels], np.uint8)


def _blank_columns(band: Image) -> float:
    """The share of a band's columns without ink (1.0 for an empty band: the page's edge)."""
    return 1.0 if band.size == 0 else float(np.count_nonzero(~band.any(axis=0))) / band.shape[1]


def short_walls(ink: Image, horizontal: Image, scale: float) -> Image:
    """Given an ink mask, its horizontal lines and px per mm, return the vertical runs at least
    SHORT_WALL_MM long that run from one table-wide horizontal line (MIN_TABLE_MM) to another: a character's
    stroke, or one touching a line made of a character's bottom stroke run into a box, is no wall."""
    length = round(MIN_TABLE_MM * scale)
    rules = keep_components(horizontal, lambda x, y, w, h: w >= length)
    runs = _open(ink, (1, max(3, round(SHORT_WALL_MM * scale))))
    return keep_components(
        runs, lambda x, y, w, h: _meets_line(rules, x, w, y) and _meets_line(rules, x, w, y + h - 1)
    )


def _meets_line(horizontal: Image, x: int, width: int, y: int) -> bool:
    return bool(horizontal[max(0, y - WALL_END) : y + WALL_END + 1, x : x + width].any())


def _cluster(values: list[float], tolerance: float) -> list[float]:
    """Given positions, return the centres of groups closer than tolerance, ascending."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _positions(mask: Image, horizontal: bool, min_length: float) -> list[float]:
    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask)
    extent = cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT
    axis = 1 if horizontal else 0
    return [float(centroids[i][axis]) for i in range(1, count) if stats[i][extent] >= min_length]


def _coverage(mask: Image, x0: float, y0: float, x1: float, y1: float) -> float:
    region = mask[round(y0) : round(y1) + 1, round(x0) : round(x1) + 1]
    if region.size == 0:
        return 0.0
    along = region.max(axis=0) if region.shape[1] >= region.shape[0] else region.max(axis=1)
    return float(np.count_nonzero(along) / along.size)


class _Slots:
    """Union-find over grid slots: slots without a wall between them merge."""

    def __init__(self, n_rows: int, n_cols: int) -> None:
        self.n_cols = n_cols
        self.parent = list(range(n_rows * n_cols))

    def find(self, slot: int) -> int:
        while self.parent[slot] != slot:
            self.parent[slot] = self.parent[self.parent[slot]]
            slot = self.parent[slot]
        return slot

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> dict[int, list[tuple[int, int]]]:
        found: dict[int, list[tuple[int, int]]] = {}
        for slot in range(len(self.parent)):
            found.setdefault(self.find(slot), []).append(divmod(slot, self.n_cols))
        return found


def _merge_slots(ruling: Ruling, xs: list[float], ys: list[float]) -> _Slots:
    slots = _Slots(len(ys) - 1, len(xs) - 1)
    margin = 0.2
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            height, width = ys[r + 1] - ys[r], xs[c + 1] - xs[c]
            if (
                c + 1 < len(xs) - 1
                and _coverage(
                    ruling.vertical,
                    xs[c + 1] - 2,
                    ys[r] + margin * height,
                    xs[c + 1] + 2,
                    ys[r + 1] - margin * height,
                )
                < WALL_COVERAGE
            ):
                slots.join(r * slots.n_cols + c, r * slots.n_cols + c + 1)
            if (
                r + 1 < len(ys) - 1
                and _coverage(
                    ruling.horizontal,
                    xs[c] + margin * width,
                    ys[r + 1] - 2,
                    xs[c + 1] - margin * width,
                    ys[r + 1] + 2,
                )
                < WALL_COVERAGE
            ):
                slots.join(r * slots.n_cols + c, (r + 1) * slots.n_cols + c)
    return slots


def _cells(slots: _Slots, xs: list[float], ys: list[float]) -> tuple[GridCell, ...]:
    cells = []
    for members in slots.groups().values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        bbox = BBox(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        cells.append(GridCell(row=r0, col=c0, row_span=r1 - r0 + 1, col_span=c1 - c0 + 1, bbox=bbox))
    return tuple(sorted(cells, key=lambda cell: (cell.row, cell.col)))


def _region_to_grid(ruling: Ruling, x: int, y: int, w: int, h: int) -> Grid | None:
    window = (slice(y, y + h), slice(x, x + w))
    min_length = MIN_LINE_MM * ruling.px_per_mm * 0.8
    snap = SNAP_MM * ruling.px_per_mm
    ys = _cluster([y + v for v in _positions(ruling.horizontal[window], True, min_length)], snap)
    wall = SHORT_WALL_MM * ruling.px_per_mm
    xs = _cluster([x + v for v in _positions(ruling.vertical[window], False, wall)], snap)
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells = _cells(_merge_slots(ruling, xs, ys), xs, ys)
    return Grid(bbox=BBox(xs[0], ys[0], xs[-1], ys[-1]), n_rows=len(ys) - 1, n_cols=len(xs) - 1, cells=cells)


def ruling_to_grids(ruling: Ruling) -> list[Grid]:
    """Given a page's ruling, return its tables top to bottom (groups of lines in both directions)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ruling.lines)
    minimum = MIN_TABLE_MM * ruling.px_per_mm
    grids = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if w >= minimum and h >= SHORT_WALL_MM * ruling.px_per_mm:
            grid = _region_to_grid(ruling, x, y, w, h)
            if grid is not None:
                grids.append(grid)
    return sorted(grids, key=lambda g: g.bbox.y0)


def _mask_to_edges(mask: Image, orientation: Orientation, min_length: float) -> list[Edge]:
    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask)
    horizontal = orientation is Orientation.HORIZONTAL
    edges = []
    for i in range(1, count):
        x, y, w, h = (float(v) for v in stats[i][:4])
        if (w if horizontal else h) >= min_length:
            position = float(centroids[i][1] if horizontal else centroids[i][0])
            start, end = (x, x + w - 1) if horizontal else (y, y + h - 1)
            edges.append(Edge(orientation, position, start, end))
    return edges


def ruling_to_edges(ruling: Ruling) -> tuple[Edge, ...]:
    """Given a page's ruling masks, return each line piece as an `Edge` in pixels (the PDF stages'
    primitive: position across the line, start and end along it)."""
    min_length = MIN_LINE_MM * ruling.px_per_mm * 0.8
    return (
        *_mask_to_edges(ruling.horizontal, Orientation.HORIZONTAL, min_length),
        *_mask_to_edges(ruling.vertical, Orientation.VERTICAL, SHORT_WALL_MM * ruling.px_per_mm),
    )


def drop_seal_arcs(ruling: Ruling, seals: Sequence[SealMark]) -> Ruling:
    """Given a page's ruling and its seals, return the ruling without line pieces that run along a
    seal's ring: on a grey scan a seal's ring is dark and its straightest parts (left, right, top,
    bottom) pass for short ruling lines. A table line under the seal does not follow its ring and stays."""
    if not seals:
        return ruling
    return Ruling(
        horizontal=_drop_arcs(ruling.horizontal, seals),
        vertical=_drop_arcs(ruling.vertical, seals),
        px_per_mm=ruling.px_per_mm,
    )


def _drop_arcs(mask: Image, seals: Sequence[SealMark]) -> Image:
    if not seals:
        return mask
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    kept = mask.copy()
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if any(_on_ring(xs + x, ys + y, seal.bbox) for seal in seals):
            kept[labels == i] = 0
    return kept


def _on_ring(xs: np.ndarray, ys: np.ndarray, disc: BBox) -> bool:
    """Whether most of a piece's pixels lie on the seal's ring (within RING_BAND of its radius)."""
    cx, cy = (disc.x0 + disc.x1) / 2, (disc.y0 + disc.y1) / 2
    radius = max(disc.width, disc.height) / 2
    distance = np.hypot(xs - cx, ys - cy)
    return bool(np.mean(np.abs(distance - radius) <= RING_BAND * radius) >= ON_RING)
