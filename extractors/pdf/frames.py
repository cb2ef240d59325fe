"""Stage `page_to_frame`: how a page is turned to read upright, and the mapping into that frame.

A page's text may run in any of four directions in PDF user space: sideways content on a landscape
sheet that `/Rotate` turns upright in a viewer (scanners, some printers), sideways content a reader
turns by hand, upside-down content. The direction most characters run in (PDFium's character angle,
clockwise from the x axis) decides the turn; every coordinate the stages use — character boxes, path
points, widget rectangles — is mapped into the upright frame: points, origin at the top-left corner,
text running left to right. An upright page (turn 0) maps exactly as before: (x − left, top − y).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from schema.document import BBox

_DIRECTIONS: dict[int, tuple[float, float]] = {
    0: (1.0, 0.0),
    90: (0.0, -1.0),
    180: (-1.0, 0.0),
    270: (0.0, 1.0),
}


@dataclass(frozen=True, slots=True)
class PageFrame:
    """The upright frame of a page: the text direction `(dx, dy)` in user space, the offsets that put
    the page's top-left corner at the origin, and the upright size."""

    turn: int
    dx: float
    dy: float
    ox: float
    oy: float
    width: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Given a user-space point (y up), return it in the upright frame (y down)."""
        return x * self.dx + y * self.dy - self.ox, x * self.dy - y * self.dx - self.oy

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        """Given a user-space rectangle, return it in the upright frame."""
        if not self.turn:
            return BBox(left - self.ox, -top - self.oy, right - self.ox, -bottom - self.oy)
        (x0, y0), (x1, y1) = self.point(left, bottom), self.point(right, top)
        return BBox(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def page_frame(bounds: tuple[float, float, float, float], turn: int = 0) -> PageFrame:
    """Given a page's user-space box (left, bottom, right, top) and a turn (0/90/180/270), return the
    frame that reads it upright."""
    dx, dy = _DIRECTIONS[turn]
    left, bottom, right, top = bounds
    corners = [(x * dx + y * dy, x * dy - y * dx) for x in (left, right) for y in (bottom, top)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return PageFrame(turn, dx, dy, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def dominant_turn(angles: Iterable[float]) -> int:
    """Given the character angles of a page (radians, clockwise), return the turn most run in."""
    votes = Counter(round(angle / (math.pi / 2)) % 4 * 90 for angle in angles)
    return votes.most_common(1)[0][0] if votes else 0
