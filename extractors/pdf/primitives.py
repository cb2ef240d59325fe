"""Typed page primitives the PDF stages work on: glyphs, ruling edges, checkbox widgets, pages.

The reader turns a PDF page into these small frozen values (points, origin top-left); every later
stage is a pure function over them, so no stage sees a PDF library object.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from schema.document import BBox


class Orientation(Enum):
    HORIZONTAL = "h"
    VERTICAL = "v"


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character of the text layer with its font (subset prefix removed) and loose box.

    `confidence` is set by OCR (0..1) for characters that carry meaning; None for typed text."""

    text: str
    font: str
    bbox: BBox
    size: float
    confidence: float | None = None
    doubt: str | None = None

    @property
    def center_x(self) -> float:
        return (self.bbox.x0 + self.bbox.x1) / 2

    @property
    def center_y(self) -> float:
        return (self.bbox.y0 + self.bbox.y1) / 2


@dataclass(frozen=True, slots=True)
class Edge:
    """A ruling line: `position` is its y (horizontal) or x (vertical); it runs from `start` to `end`."""

    orientation: Orientation
    position: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Widget:
    """An AcroForm checkbox or radio widget: where it is and whether it is on."""

    bbox: BBox
    checked: bool


@dataclass(frozen=True, slots=True)
class TickStroke:
    """A drawn mark (a √ or × path) with its bounding box, found among the page's vector paths."""

    bbox: BBox


@dataclass(frozen=True, slots=True)
class PageContent:
    """Everything the stages need from one page (1-based `number`)."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    widgets: tuple[Widget, ...] = ()
    strokes: tuple[TickStroke, ...] = ()
    boxes: tuple[BBox, ...] = ()
    images: int = 0
    drawings: int = 0
    image_cover: float = 0.0
    hidden_text: bool = False

    @property
    def has_text(self) -> bool:
        return any(not g.text.isspace() for g in self.glyphs)


def bbox_contains_point(box: BBox, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Given a box and a point, return whether the point lies inside (with tolerance)."""
    return box.x0 - tolerance <= x <= box.x1 + tolerance and box.y0 - tolerance <= y <= box.y1 + tolerance


def bbox_contains(outer: BBox, inner: BBox, tolerance: float = 1.0) -> bool:
    """Given two boxes, return whether `inner` lies inside `outer` (with tolerance)."""
    return (
        outer.x0 - tolerance <= inner.x0
        and outer.y0 - tolerance <= inner.y0
        and inner.x1 <= outer.x1 + tolerance
        and inner.y1 <= outer.y1 + tolerance
    )


def union_bbox(boxes: list[BBox]) -> BBox:
    """Given non-empty boxes, return the smallest box covering them all."""
    return BBox(
        min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes)
    )
