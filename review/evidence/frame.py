"""The display frame images are drawn in, and the viewport of one rendered image on it.

Both kinds of original are shown in a *display frame* measured in points from the top-left of the
page as shown: a typed PDF page with its /Rotate and CropBox applied (PDFium's view), a scan's page
upright and deskewed as the OCR backend read it. A record's box is first mapped into this frame by its
source (`pdf_source`, `scan_source`); from there a `Viewport` maps it onto the pixels of one image.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from review.evidence.errors import EvidenceError
from schema.document import BBox

Pixels = npt.NDArray[np.uint8]
"""A BGR image, height × width × 3 (OpenCV's channel order)."""

BoxTuple = tuple[float, float, float, float]
OUT_OF_PAGE = 1.0
"""A box may lie outside its page by at most this share of the page's size (and still be drawn)."""


@dataclass(frozen=True, slots=True)
class Viewport:
    """Where one rendered image lies in the display frame: its top-left in points and px per point."""

    x0: float
    y0: float
    scale_x: float
    scale_y: float

    def to_pixels(self, box: BBox) -> tuple[float, float, float, float]:
        """Given a box in the display frame, return it in the image's pixels (x0, y0, x1, y1)."""
        return (
            (box.x0 - self.x0) * self.scale_x,
            (box.y0 - self.y0) * self.scale_y,
            (box.x1 - self.x0) * self.scale_x,
            (box.y1 - self.y0) * self.scale_y,
        )


class PageSource(Protocol):
    """One page of an original, able to map record boxes into the display frame and to render a region."""

    @property
    def size(self) -> tuple[float, float]:
        """The page's width and height in the display frame (points)."""

    def to_display(self, box: BoxTuple) -> BBox:
        """Given a record's box, return it in the display frame."""

    def render(self, region: BBox, scale: float) -> tuple[Pixels, Viewport]:
        """Given a region of the display frame and px per point, return its image and viewport."""


def checked_box(box: Sequence[float], size: tuple[float, float]) -> BoxTuple:
    """Given a record's box and its page size, return it as a tuple; raise EvidenceError when it is not
    four finite numbers in order, or lies far off the page (a corrupt or foreign record)."""
    if len(box) != 4 or not all(isinstance(v, int | float) and math.isfinite(v) for v in box):
        raise EvidenceError("证据位置无效", f"invalid box {box!r}")
    x0, y0, x1, y1 = (float(v) for v in box)
    width, height = size
    inside = (
        -OUT_OF_PAGE * width <= x0 <= x1 <= (1 + OUT_OF_PAGE) * width
        and -OUT_OF_PAGE * height <= y0 <= y1 <= (1 + OUT_OF_PAGE) * height
    )
    if not inside:
        raise EvidenceError(
            "证据位置不在该页范围内", f"box {box!r} does not lie on a {width:.0f}×{height:.0f} page"
        )
    return x0, y0, x1, y1


def grown(box: BBox, dx: float, dy: float) -> BBox:
    """Given a box and margins, return the box grown by them on each side."""
    return BBox(box.x0 - dx, box.y0 - dy, box.x1 + dx, box.y1 + dy)


def at_least(box: BBox, width: float, height: float) -> BBox:
    """Given a box and a minimum size, return it grown about its centre to at least that size."""
    return grown(box, max(0.0, (width - box.width) / 2), max(0.0, (height - box.height) / 2))


def shifted_inside(box: BBox, size: tuple[float, float]) -> BBox:
    """Given a box and the page size, return it moved (not shrunk) to lie on the page where it fits,
    then clipped to the page."""
    width, height = size
    dx = _shift_into(box.x0, box.x1, width)
    dy = _shift_into(box.y0, box.y1, height)
    return BBox(
        max(0.0, box.x0 + dx), max(0.0, box.y0 + dy), min(width, box.x1 + dx), min(height, box.y1 + dy)
    )


def _shift_into(low: float, high: float, size: float) -> float:
    if high - low >= size:
        return -low
    if low < 0:
        return -low
    return min(0.0, size - high)
