"""Stage `ruling_to_grids`: ruling edges to tables of cells with row and column spans.

Edges that touch form one table (a nested table drawn inside a cell touches nothing of its parent, so
it is a table of its own). A table's distinct vertical and horizontal line positions define a grid of
slots; neighbouring slots with no line between them belong to one merged cell. Slot groups not closed
by the table's outer border (the space beside a short row) are not cells.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractors.pdf.edges import SNAP_TOLERANCE, snap_positions
from extractors.pdf.primitives import Edge, Orientation, bbox_contains
from schema.document import BBox

TOUCH_TOLERANCE = 2.5
MIN_TABLE_SIZE = 8.0
_Slot = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of a ruled grid: top-left slot, spans, its box and the tables drawn inside it."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    nested: tuple[Grid, ...] = ()


@dataclass(frozen=True, slots=True)
class Grid:
    """One ruled table on one page."""

    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]


def _touch(h: Edge, v: Edge) -> bool:
    return (
        h.start - TOUCH_TOLERANCE <= v.position <= h.end + TOUCH_TOLERANCE
        and v.start - TOUCH_TOLERANCE <= h.position <= v.end + TOUCH_TOLERANCE
    )


def _find(parents: list[int], i: int) -> int:
    while parents[i] != i:
        parents[i] = parents[parents[i]]
        i = parents[i]
    return i


def ruling_to_components(ruling: tuple[Edge, ...]) -> list[list[Edge]]:
    """Given ruling edges, return the groups of edges connected by crossings or touching ends."""
    edges = list(ruling)
    parents = list(range(len(edges)))
    horizontal = [i for i, e in enumerate(edges) if e.orientation is Orientation.HORIZONTAL]
    vertical = [i for i, e in enumerate(edges) if e.orientation is Orientation.VERTICAL]
    for h in horizontal:
        for v in vertical:
            if _touch(edges[h], edges[v]):
                parents[_find(parents, h)] = _find(parents, v)
    groups: dict[int, list[Edge]] = {}
    for i, edge in enumerate(edges):
        groups.setdefault(_find(parents, i), []).append(edge)
    return list(groups.values())


def _covered(edges: list[Edge], position: float, low: float, high: float) -> bool:
    middle = (low + high) / 2
    return any(
        abs(e.position - position) <= SNAP_TOLERANCE and e.start - 1 <= middle <= e.end + 1 for e in edges
    )


class _SlotGrid:
    """The slots of one component and the lines between them."""

    def __init__(self, edges: list[Edge]) -> None:
        self.h = [e for e in edges if e.orientation is Orientation.HORIZONTAL]
        self.v = [e for e in edges if e.orientation is Orientation.VERTICAL]
        self.ys = sorted(set(snap_positions([e.position for e in self.h]).values()))
        self.xs = sorted(set(snap_positions([e.position for e in self.v]).values()))

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1

    def wall_right(self, r: int, c: int) -> bool:
        return _covered(self.v, self.xs[c + 1], self.ys[r], self.ys[r + 1])

    def wall_below(self, r: int, c: int) -> bool:
        return _covered(self.h, self.ys[r + 1], self.xs[c], self.xs[c + 1])

    def wall_left(self, r: int, c: int) -> bool:
        return _covered(self.v, self.xs[c], self.ys[r], self.ys[r + 1])

    def wall_above(self, r: int, c: int) -> bool:
        return _covered(self.h, self.ys[r], self.xs[c], self.xs[c + 1])

    def groups(self) -> list[list[_Slot]]:
        rows, cols = self.shape
        slots = [(r, c) for r in range(rows) for c in range(cols)]
        parents = list(range(len(slots)))
        for r, c in slots:
            here = r * cols + c
            if c + 1 < cols and not self.wall_right(r, c):
                parents[_find(parents, here)] = _find(parents, here + 1)
            if r + 1 < rows and not self.wall_below(r, c):
                parents[_find(parents, here)] = _find(parents, here + cols)
        groups: dict[int, list[_Slot]] = {}
        for i, slot in enumerate(slots):
            groups.setdefault(_find(parents, i), []).append(slot)
        return list(groups.values())

    def is_enclosed(self, group: list[_Slot]) -> bool:
        rows, cols = self.shape
        for r, c in group:
            if (r == 0 and not self.wall_above(r, c)) or (c == 0 and not self.wall_left(r, c)):
                return False
            if (r == rows - 1 and not self.wall_below(r, c)) or (c == cols - 1 and not self.wall_right(r, c)):
                return False
        return True

    def box(self, span: _Span) -> BBox:
        (r0, r1), (c0, c1) = span
        return BBox(self.xs[c0], self.ys[r0], self.xs[c1], self.ys[r1])


_Span = tuple[tuple[int, int], tuple[int, int]]


def _span(group: list[_Slot]) -> _Span:
    rows = [s[0] for s in group]
    cols = [s[1] for s in group]
    return (min(rows), max(rows) + 1), (min(cols), max(cols) + 1)


def _is_frame(group: list[_Slot]) -> bool:
    """A slot group that is not a rectangle surrounds other cells: a cell with a table inside."""
    (r0, r1), (c0, c1) = _span(group)
    return len(group) < (r1 - r0) * (c1 - c0)


def _inside(group: list[_Slot], span: _Span) -> bool:
    (r0, r1), (c0, c1) = span
    return all(r0 <= r < r1 and c0 <= c < c1 for r, c in group)


def _compress(spans: list[_Span], axis: int) -> dict[int, int]:
    bounds = sorted({edge for span in spans for edge in span[axis]})
    return {value: index for index, value in enumerate(bounds)}


def _spans_to_grid(slots: _SlotGrid, spans: list[_Span], nested: dict[_Span, tuple[Grid, ...]]) -> Grid:
    """Given cell spans over the slot grid, return the table with rows and columns renumbered."""
    rows, cols = _compress(spans, 0), _compress(spans, 1)
    cells = [
        GridCell(
            row=rows[r0],
            col=cols[c0],
            row_span=rows[r1] - rows[r0],
            col_span=cols[c1] - cols[c0],
            bbox=slots.box(((r0, r1), (c0, c1))),
            nested=nested.get(((r0, r1), (c0, c1)), ()),
        )
        for (r0, r1), (c0, c1) in spans
    ]
    cells.sort(key=lambda cell: (cell.row, cell.col))
    box = BBox(
        min(c.bbox.x0 for c in cells),
        min(c.bbox.y0 for c in cells),
        max(c.bbox.x1 for c in cells),
        max(c.bbox.y1 for c in cells),
    )
    return Grid(bbox=box, n_rows=len(rows) - 1, n_cols=len(cols) - 1, cells=tuple(cells))


def _row_runs(spans: list[_Span]) -> list[list[_Span]]:
    """Given the cells inside one frame, return them split into tables stacked with text between."""
    runs: list[list[_Span]] = []
    end = -1
    for span in sorted(spans):
        (r0, r1), _ = span
        if runs and r0 <= end:
            runs[-1].append(span)
        else:
            runs.append([span])
        end = max(end, r1)
    return runs


def _groups_to_grid(slots: _SlotGrid, groups: list[list[_Slot]]) -> Grid:
    frames = [g for g in groups if _is_frame(g)]
    nested: dict[_Span, tuple[Grid, ...]] = {}
    taken: set[int] = set()
    for frame in frames:
        span = _span(frame)
        inner = [g for g in groups if g is not frame and _inside(g, span)]
        taken.update(id(g) for g in inner)
        if inner:
            runs = _row_runs([_span(g) for g in inner])
            nested[span] = tuple(_spans_to_grid(slots, run, {}) for run in runs)
    outer = [_span(g) for g in groups if id(g) not in taken]
    return _spans_to_grid(slots, outer, nested)


def component_to_grid(edges: list[Edge]) -> Grid | None:
    """Given one connected group of edges, return its table, or None if it encloses no cell."""
    slots = _SlotGrid(edges)
    rows, cols = slots.shape
    if rows < 1 or cols < 1:
        return None
    box = BBox(slots.xs[0], slots.ys[0], slots.xs[-1], slots.ys[-1])
    if box.width < MIN_TABLE_SIZE or box.height < MIN_TABLE_SIZE:
        return None
    groups = [g for g in slots.groups() if slots.is_enclosed(g)]
    return _groups_to_grid(slots, groups) if groups else None


def ruling_to_grids(ruling: tuple[Edge, ...]) -> tuple[Grid, ...]:
    """Given a page's ruling edges, return its tables, top to bottom."""
    grids = [g for group in ruling_to_components(ruling) if (g := component_to_grid(group)) is not None]
    return nest_grids(tuple(grids))


def _smallest_host(grids: dict[int, Grid], target: int) -> tuple[int, GridCell] | None:
    box = grids[target].bbox
    hosts = [
        (key, cell)
        for key, grid in grids.items()
        if key != target
        for cell in grid.cells
        if bbox_contains(cell.bbox, box) and cell.bbox != box
    ]
    return min(hosts, key=lambda h: h[1].bbox.width * h[1].bbox.height) if hosts else None


def nest_grids(grids: tuple[Grid, ...]) -> tuple[Grid, ...]:
    """Given a page's tables, return the top-level ones with tables drawn inside a cell nested there."""
    by_area = sorted(grids, key=lambda g: g.bbox.width * g.bbox.height)
    current = dict(enumerate(by_area))
    for key in range(len(by_area)):
        host = _smallest_host(current, key)
        if host is None:
            continue
        host_key, cell = host
        grid = current[host_key]
        nested = sorted((*cell.nested, current.pop(key)), key=lambda g: (g.bbox.y0, g.bbox.x0))
        moved = replace(cell, nested=tuple(nested))
        current[host_key] = replace(grid, cells=tuple(moved if c is cell else c for c in grid.cells))
    return tuple(sorted(current.values(), key=lambda g: (g.bbox.y0, g.bbox.x0)))
