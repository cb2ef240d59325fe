"""Stage `page_to_paths`: a page's vector paths to ruling edges, drawn checkboxes and drawn ticks.

Straight axis-parallel segments of stroked paths (and of thin filled rectangles, which Word uses for
borders) become edges; a small closed square is a drawn checkbox; a small path with slanted
segments is a drawn tick (√ or ×). Large filled areas (shading, page backgrounds) are ignored.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.pdf.primitives import Edge, Orientation, TickStroke
from schema.document import BBox

AXIS_TOLERANCE = 0.8
THIN_FILL = 2.5
BOX_MIN, BOX_MAX = 5.0, 16.0
TICK_MAX = 20.0
_Point = tuple[float, float]


@dataclass(slots=True)
class PagePaths:
    """What the vector paths of one page hold."""

    edges: tuple[Edge, ...] = ()
    strokes: tuple[TickStroke, ...] = ()
    boxes: tuple[BBox, ...] = ()
    images: int = 0


@dataclass(slots=True)
class _Subpath:
    points: list[_Point] = field(default_factory=list)
    curved: bool = False
    closed: bool = False


def page_to_paths(page: pdfium.PdfPage, height: float) -> PagePaths:
    """Given a page, return its ruling edges, drawn boxes and drawn ticks (top-left origin)."""
    edges: list[Edge] = []
    strokes: list[TickStroke] = []
    boxes: list[BBox] = []
    images = 0
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH or not _is_visible_path(obj):
            continue
        for subpath in _path_to_subpaths(obj, height):
            _classify(subpath, edges, strokes, boxes)
    return PagePaths(tuple(edges), tuple(strokes), tuple(boxes), images)


def _is_visible_path(obj: pdfium.PdfObject) -> bool:
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    if stroke.value:
        return True
    if not fill.value:
        return False
    left, bottom, right, top = obj.get_bounds()
    return bool(min(right - left, top - bottom) <= THIN_FILL)


def _path_to_subpaths(obj: pdfium.PdfObject, height: float) -> list[_Subpath]:
    matrix = obj.get_matrix()
    subpaths: list[_Subpath] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px, py = matrix.on_point(x.value, y.value)
        point = (float(px), height - float(py))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(_Subpath(points=[point]))
        else:
            subpaths[-1].points.append(point)
            subpaths[-1].curved |= kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            subpaths[-1].closed = True
    return subpaths


def _segments(subpath: _Subpath) -> list[tuple[_Point, _Point]]:
    points = subpath.points
    pairs = list(pairwise(points))
    if subpath.closed and len(points) > 2:
        pairs.append((points[-1], points[0]))
    return pairs


def _bounds(points: list[_Point]) -> BBox:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return BBox(min(xs), min(ys), max(xs), max(ys))


def _classify(subpath: _Subpath, edges: list[Edge], strokes: list[TickStroke], boxes: list[BBox]) -> None:
    if len(subpath.points) < 2:
        return
    box = _bounds(subpath.points)
    segments = _segments(subpath)
    slanted = [s for s in segments if _is_slanted(s)]
    if subpath.curved or slanted:
        if box.width <= TICK_MAX and box.height <= TICK_MAX and slanted:
            strokes.append(TickStroke(box))
        return
    if _is_small_square(box) and subpath.closed:
        boxes.append(box)
        return
    edges.extend(edge for s in segments if (edge := _segment_to_edge(s)) is not None)


def _is_small_square(box: BBox) -> bool:
    return BOX_MIN <= box.width <= BOX_MAX and BOX_MIN <= box.height <= BOX_MAX


def _segment_to_edge(segment: tuple[_Point, _Point]) -> Edge | None:
    (x0, y0), (x1, y1) = segment
    if abs(y1 - y0) <= AXIS_TOLERANCE and abs(x1 - x0) > AXIS_TOLERANCE:
        return Edge(Orientation.HORIZONTAL, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x1 - x0) <= AXIS_TOLERANCE and abs(y1 - y0) > AXIS_TOLERANCE:
        return Edge(Orientation.VERTICAL, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


def _is_slanted(segment: tuple[_Point, _Point]) -> bool:
    (x0, y0), (x1, y1) = segment
    return abs(x1 - x0) > AXIS_TOLERANCE and abs(y1 - y0) > AXIS_TOLERANCE
