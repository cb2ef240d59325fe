"""Stages `ink_to_rings` → `circle_chosen`: a loop of pen drawn round an option's text chooses it.

Some filers circle the option they choose instead of ticking its box. The box stays empty, and the
option would silently read as not chosen, and the ring's ink would tick the next option's box it
runs into. So rings are found on the page's ink once its ruling is known, before boxes and words: a connected
piece of ink in a value cell (the ruling taken away: a ring that touches a rule stays itself),
5.5–20 mm tall, at least 7 mm and 0.8 of its height wide (a circled character with its margins; no
printed character is), whose outline an ellipse fits: ink lies along most of the ellipse fitted to
its outline (a hand seldom closes the loop; the circled text or a box may touch it) while little lies
on the smaller ellipse inside it (a ring encloses paper round its text; a printed character or a
tick drawn with its box has strokes there). The page's ink within a band along that ellipse is the
ring's stroke. The page is read as it is (whitening that band on a hand's ring cut the boxes it
touches and left arcs read as brackets); then a box decided empty or unknown whose option's start a
ring encloses, or that it encloses whole, is ticked, and a box read ticked that a ring only runs into
is read empty, both at `CIRCLED_CONFIDENCE`, below any sensible threshold: the operator confirms what
the circle chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extractors.ocr.geometry import Grid, Image, TickBox, TickState
from extractors.ocr.ticks import in_value_cell
from schema.document import BBox

CIRCLED_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class RingSettings:
    """A ring's size in mm (least and greatest height, least and greatest width; least width for its
    height, most ink for its box), the width of the band along the fitted ellipse that is its stroke
    and how near ink must come to the ellipse (mm), the points the ellipse is judged at, the least
    share of them inked, and the most of the inner ellipse (`inner` times as large) inked."""

    min_height: float = 5.5
    max_height: float = 20.0
    min_width: float = 7.0
    max_width: float = 150.0
    min_aspect: float = 0.8
    max_ink: float = 0.6
    band: float = 1.0
    near: float = 0.5
    points: int = 90
    min_along: float = 0.7
    inner: float = 0.75
    max_inside: float = 0.44


RINGS = RingSettings()


Ellipse = tuple[tuple[float, float], tuple[float, float], float]
"""An ellipse as cv2 gives it: centre, full axes, angle in degrees (page pixels)."""


@dataclass(frozen=True, slots=True)
class Rings:
    """The rings found on a page: their boxes, the ellipses fitted to them and the pixels of their
    strokes (255)."""

    boxes: tuple[BBox, ...]
    strokes: Image
    ellipses: tuple[Ellipse, ...] = ()

    def encloses(self, x: float, y: float) -> bool:
        """Whether a point lies inside a ring's ellipse."""
        return any(_inside(ellipse, x, y) for ellipse in self.ellipses)


def _inside(ellipse: Ellipse, x: float, y: float) -> bool:
    (cx, cy), (width, height), angle = ellipse
    turn = np.deg2rad(angle)
    dx, dy = x - cx, y - cy
    u = dx * np.cos(turn) + dy * np.sin(turn)
    v = -dx * np.sin(turn) + dy * np.cos(turn)
    return bool((u / max(width / 2, 1e-6)) ** 2 + (v / max(height / 2, 1e-6)) ** 2 <= 1.0)


def _ellipse_points(ellipse: Ellipse, scale: float, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Given an ellipse (cv2's centre, axes, angle), return `count` points round it grown by `scale`."""
    (cx, cy), (width, height), angle = ellipse
    t = np.linspace(0.0, 2 * np.pi, count, endpoint=False)
    a, b, turn = width / 2 * scale, height / 2 * scale, np.deg2rad(angle)
    xs = cx + a * np.cos(t) * np.cos(turn) - b * np.sin(t) * np.sin(turn)
    ys = cy + a * np.cos(t) * np.sin(turn) + b * np.sin(t) * np.cos(turn)
    return xs, ys


def _inked_share(mask: np.ndarray, points: tuple[np.ndarray, np.ndarray]) -> float:
    """Given a mask and points on it, return the share of the points that fall on ink."""
    xs, ys = np.rint(points[0]).astype(int), np.rint(points[1]).astype(int)
    inside = (xs >= 0) & (xs < mask.shape[1]) & (ys >= 0) & (ys < mask.shape[0])
    hits = mask[ys[inside], xs[inside]] > 0
    return float(np.count_nonzero(hits)) / max(len(xs), 1)


def _ring_ellipse(
    component: np.ndarray, ink: np.ndarray, scale: float, settings: RingSettings
) -> Ellipse | None:
    """Given a component's mask and the ink round it (same window), return the ellipse of its outline
    when the component is a ring, else None."""
    contours, _ = cv2.findContours(component, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    outline = np.vstack(contours)
    if len(outline) < 5:
        return None
    (cx, cy), (width, height), angle = cv2.fitEllipse(outline)
    ellipse: Ellipse = ((float(cx), float(cy)), (float(width), float(height)), float(angle))
    near = max(2, round(settings.near * scale))
    grown = cv2.dilate(component, np.ones((2 * near + 1, 2 * near + 1), np.uint8))
    along = _inked_share(grown, _ellipse_points(ellipse, 1.0, settings.points))
    inside = _inked_share(ink, _ellipse_points(ellipse, settings.inner, settings.points))
    return ellipse if along >= settings.min_along and inside <= settings.max_inside else None


def ink_to_rings(free: Image, scale: float, grids: Sequence[Grid], settings: RingSettings = RINGS) -> Rings:
    """Given a page's ink without its ruling, px per mm and the page's grids, return its rings and their
    strokes."""
    strokes = np.zeros(free.shape[:2], np.uint8)
    ink = (free > 0).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = settings.min_height * scale, settings.max_height * scale
    narrowest, widest = settings.min_width * scale, settings.max_width * scale
    band = max(3, round(settings.band * scale)) | 1
    found: list[BBox] = []
    ellipses: list[Ellipse] = []
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        box = BBox(float(x), float(y), float(x + w), float(y + h))
        if not (
            low <= h <= high
            and max(settings.min_aspect * h, narrowest) <= w <= widest
            and area <= settings.max_ink * w * h
        ):
            continue
        if not in_value_cell(box, list(grids)):
            continue
        component = (labels[y : y + h, x : x + w] == label).astype(np.uint8)
        ellipse = _ring_ellipse(component, ink[y : y + h, x : x + w], scale, settings)
        if ellipse is None:
            continue
        (cx, cy), axes, angle = ellipse
        on_page: Ellipse = ((cx + x, cy + y), axes, angle)
        _draw_stroke(strokes, ink, on_page, band)
        found.append(box)
        ellipses.append(on_page)
    return Rings(tuple(found), strokes, tuple(ellipses))


def _draw_stroke(strokes: np.ndarray, ink: np.ndarray, ellipse: Ellipse, band: int) -> None:
    """Mark on `strokes` the ink within the band along a ring's ellipse: the ring's stroke, with its
    pieces a rule cut off (the ink near a rule is taken away with the rule)."""
    drawn = np.zeros_like(ink)
    cv2.ellipse(drawn, ellipse, 1, band)
    strokes[(drawn & ink) > 0] = 255


def circle_chosen(boxes: Sequence[TickBox], rings: Rings) -> list[TickBox]:
    """Given the page's decided boxes and its rings, return the boxes whose option a ring chose ticked
    (a ring encloses the option's start, just right of the box, or the whole box), and every other box
    read ticked with a ring's stroke in it read empty (the ring runs into the next option's box), both
    at CIRCLED_CONFIDENCE."""
    decided = []
    for box in boxes:
        b = box.bbox
        middle = (b.y0 + b.y1) / 2
        corners = ((b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1))
        circled = rings.encloses(b.x1 + b.width, middle) or all(rings.encloses(x, y) for x, y in corners)
        if circled and box.state is not TickState.TICKED:
            box = replace(box, state=TickState.TICKED, confidence=min(box.confidence, CIRCLED_CONFIDENCE))
        elif not circled and box.state is TickState.TICKED and _stroke_in(rings, b):
            box = replace(box, state=TickState.EMPTY, confidence=min(box.confidence, CIRCLED_CONFIDENCE))
        decided.append(box)
    return decided


def _stroke_in(rings: Rings, box: BBox) -> bool:
    """Whether a ring's stroke runs into a box."""
    if not rings.boxes:
        return False
    x0, y0 = max(round(box.x0), 0), max(round(box.y0), 0)
    return bool(np.count_nonzero(rings.strokes[y0 : round(box.y1) + 1, x0 : round(box.x1) + 1]))
