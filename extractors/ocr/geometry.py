"""Value objects of the OCR backend: words, ruled grids, checkbox squares (pixels, origin top-left)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy.typing as npt

from schema.document import BBox

Image = npt.NDArray[Any]
"""A page or crop: BGR (H×W×3) or grayscale/mask (H×W), dtype uint8 (OpenCV's typing is looser)."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One piece of text an engine read (a word or a text line), with its box and confidence 0..1."""

    text: str
    bbox: BBox
    confidence: float


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of a ruled grid with its spans resolved, in page pixels."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table found on a page: its outline and its distinct cells."""

    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]


class TickState(Enum):
    TICKED = "ticked"
    EMPTY = "empty"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class TickBox:
    """A printed □ found on the page and what the ink in and beside it says."""

    bbox: BBox
    state: TickState
    confidence: float


def contains_point(box: BBox, x: float, y: float) -> bool:
    """Given a box and a point, return whether the point lies inside the box."""
    return box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1


def center(box: BBox) -> tuple[float, float]:
    """Given a box, return its centre point."""
    return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


def union(boxes: list[BBox]) -> BBox:
    """Given a non-empty list of boxes, return the box enclosing all of them."""
    return BBox(
        min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes)
    )
