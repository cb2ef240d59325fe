"""Stage `page_to_paths`: a page's vector paths to ruling edges, drawn checkboxes and drawn ticks.

Straight axis-parallel segments of stroked paths (and of thin filled rectangles, which Word uses for
borders) become edges; a small closed square is a drawn checkbox; a small path with slanted
segments is a drawn tick (√ or ×). Large filled areas (shading, page backgrounds) are ignored.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.pdf.frames import PageFrame
from extractors.pdf.primitives import Edge, Orientation, TickStroke
from schema.document import BBox

AXIS_TOLERANCE = 0.8
THIN_FILL = 2.5
BOX_MIN, BOX_MAX = 5.0, 16.0
TICK_MAX = 20.0
MAX_FORM_DEPTH = 8
_IDENTITY = pdfium.PdfMatrix()
_Point = tuple[float, float]


@dataclass(slots=True)
class PagePaths:
    """What the vector paths of one page hold, and what else is drawn there: how many path objects
    are drawn (characters drawn as outlines are paths too), how many images and what share of the
    page they cover, and whether every text object on it is invisible (a scanner's OCR layer)."""

    edges: tuple[Edge, ...] = ()
    strokes: tuple[TickStroke, ...] = ()
    boxes: tuple[BBox, ...] = ()
    images: int = 0
    drawings: int = 0
    image_cover: float = 0.0
    hidden_text: bool = False


@dataclass(slots=True)
class _Subpath:
    points: list[_Point] = field(default_factory=list)
    curved: bool = False
    closed: bool = False


@dataclass(slots=True)
class _Tally:
    edges: list[Edge] = field(default_factory=list)
    strokes: list[TickStroke] = field(default_factory=list)
    boxes: list[BBox] = field(default_factory=list)
    images: int = 0
    drawings: int = 0
    image_area: float = 0.0
    visible_text: int = 0
    hidden_text: int = 0


def _placed_objects(page: pdfium.PdfPage) -> Iterator[tuple[pdfium.PdfObject, pdfium.PdfMatrix]]:
    """Yield every page object with its matrix to page space, looking into Form XObjects (2-up
    sheets, printer drivers and PDF tools wrap whole pages in them)."""
    forms: dict[int, pdfium.PdfMatrix] = {}
    for obj in page.get_objects(max_depth=MAX_FORM_DEPTH):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            yield obj, _IDENTITY  # text is read from the text page, in page space already
            continue
        parent = forms.get(obj.level - 1) if obj.level else None
        matrix = obj.get_matrix() if parent is None else obj.get_matrix().multiply(parent)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            forms[obj.level] = matrix
        else:
            yield obj, matrix


def page_to_paths(page: pdfium.PdfPage, frame: PageFrame) -> PagePaths:
    """Given a page and its upright frame, return its ruling edges, drawn boxes and drawn ticks."""
    tally = _Tally()
    for obj, matrix in _placed_objects(page):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            tally.images += 1
            tally.image_area += _area(matrix)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            hidden = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
            tally.hidden_text += hidden
            tally.visible_text += not hidden
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            tally.drawings += 1
            if _is_visible_path(obj):
                for subpath in _path_to_subpaths(obj, matrix, frame):
                    _classify(subpath, tally.edges, tally.strokes, tally.boxes)
    cover = min(1.0, tally.image_area / max(frame.width * frame.height, 1.0))
    hidden = bool(tally.hidden_text) and not tally.visible_text
    return PagePaths(
        tuple(tally.edges),
        tuple(tally.strokes),
        tuple(tally.boxes),
        tally.images,
        tally.drawings,
        cover,
        hidden,
    )


def _area(matrix: pdfium.PdfMatrix) -> float:
    """The page area an image covers: its unit square through the matrix."""
    return abs(float(matrix.a) * float(matrix.d) - float(matrix.b) * float(matrix.c))


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


def _path_to_subpaths(obj: pdfium.PdfObject, matrix: pdfium.PdfMatrix, frame: PageFrame) -> list[_Subpath]:
    subpaths: list[_Subpath] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px, py = matrix.on_point(x.value, y.value)
        point = frame.point(float(px), float(py))
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
