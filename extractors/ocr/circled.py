"""Stages `ink_to_rings` → `circle_chosen`: a loop of pen drawn round an option's text chooses it.

Some filers circle the option they choose instead of ticking its box. The box stays empty, and the
option would silently read as not chosen, and the ring's ink would tick the next option's box it
runs into. So rings are found on the page's ink once its ruling is known, before boxes and words: a connected
piece of ink in a value cell (the ruling taken away: a ring that touches a rule stays itself),
5.5–20 mm tall, at least 7 mm and 0.8 of its height wide (a circled character with its margins; no
printed character is), whose outline an ellipse fits: ink lies along most of the ellipse fitted to
its outline (a hand seldom closes the loop; the circled text or a box may touch it) while little lies
on the smaller ellipse inside it (a ring encloses paper round its text; a printed character or a
tick drawn with its box has strokes there), and its ink surrounds the centre (a cross drawn over a
box reaches out in four directions only). The page's ink within a band along that ellipse is the
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

from extractors.ocr.geometry import Grid, Image, TickBox, TickState, contains_point
from extractors.ocr.ticks import in_value_cell
from schema.document import BBox

CIRCLED_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class RingSettings:
    """A ring's size in mm (least and greatest height, least and greatest width; least width for its
    height, most ink for its box); the width of the band along the fitted ellipse that is its stroke
    and how near ink must come to the ellipse (mm); the points the ellipse is judged at, how often it
    is refitted to the outline near it, and how many draws of how many outline points are fitted; the
    least share of the points inked, the most of the inner ellipse (`inner` times as large) inked, and
    the least share of directions from the centre with ink between `reach` times the ellipse (in
    `reach_steps` steps)."""

    min_height: float = 5.5
    max_height: float = 20.0
    min_width: float = 7.0
    max_width: float = 150.0
    min_aspect: float = 0.8
    max_ink: float = 0.6
    band: float = 1.0
    near: float = 0.5
    points: int = 90
    refits: int = 2
    draws: int = 40
    draw_size: int = 6
    min_along: float = 0.6
    inner: float = 0.75
    max_inside: float = 0.44
    reach: tuple[float, float] = (0.7, 1.2)
    reach_steps: int = 12
    min_around: float = 0.7


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


def _fitted(points: np.ndarray) -> Ellipse:
    (cx, cy), (width, height), angle = cv2.fitEllipse(points)
    return (float(cx), float(cy)), (float(width), float(height)), float(angle)


def _near_outline(points: np.ndarray, shape: tuple[int, ...], ellipse: Ellipse, near: int) -> np.ndarray:
    """Which outline points (x, y rows, in a window of `shape`) lie within `near` px of an ellipse."""
    drawn = np.full(shape[:2], 255, np.uint8)
    cv2.ellipse(drawn, ellipse, 0, 1)
    distance = cv2.distanceTransform(drawn, cv2.DIST_L2, 3)
    near_points: np.ndarray = distance[points[:, 1], points[:, 0]] <= near
    return near_points


def _outline_fits(
    outline: np.ndarray, shape: tuple[int, ...], near: int, settings: RingSettings
) -> list[Ellipse]:
    """The ellipses a component's outline (in a window of `shape`) may be: the one fitted to all of it,
    each refitted to the outline's points near the last, and of the ellipses fitted to `draws` draws of
    a few outline points (a fixed seed: a page reads the same every time), the one most of the outline
    lies along. A box the ring runs through, the circled text it touches or a rule that cut it off pulls
    the first fit off the ring."""
    points = outline.reshape(-1, 2)
    fits = [_fitted(outline)]
    for _ in range(settings.refits):
        kept = points[_near_outline(points, shape, fits[-1], 2 * near)]
        if len(kept) < 5:
            break
        fits.append(_fitted(kept.reshape(-1, 1, 2)))
    draws = np.random.default_rng(0)
    height = shape[0]
    best: tuple[int, Ellipse] | None = None
    for _ in range(settings.draws):
        chosen = points[draws.choice(len(points), size=min(settings.draw_size, len(points)), replace=False)]
        ellipse = _fitted(chosen.reshape(-1, 1, 2))
        if not (0.8 * height <= min(ellipse[1]) and max(ellipse[1]) <= 1.2 * max(shape[:2])):
            continue
        consensus = int(np.count_nonzero(_near_outline(points, shape, ellipse, near)))
        if best is None or consensus > best[0]:
            best = consensus, ellipse
    return fits + ([best[1]] if best is not None else [])


def _around(component: np.ndarray, ellipse: Ellipse, settings: RingSettings) -> float:
    """Given a component and an ellipse, return the share of directions from its centre in which the
    component has ink near the ellipse (`reach` of its size, inside to outside): a ring surrounds its
    text; the strokes of a cross or a tick drawn over a box reach out in a few directions only."""
    hit = np.zeros(settings.points, bool)
    for scale in np.linspace(settings.reach[0], settings.reach[1], settings.reach_steps):
        xs, ys = _ellipse_points(ellipse, float(scale), settings.points)
        xs, ys = np.rint(xs).astype(int), np.rint(ys).astype(int)
        inside = (xs >= 0) & (xs < component.shape[1]) & (ys >= 0) & (ys < component.shape[0])
        hit[inside] |= component[ys[inside], xs[inside]] > 0
    return float(np.count_nonzero(hit)) / settings.points


def _ring_ellipse(
    component: np.ndarray, ink: np.ndarray, scale: float, settings: RingSettings
) -> Ellipse | None:
    """Given a component's mask and the ink round it (same window), return the ellipse of its outline
    when the component is a ring (of the outline's fits that pass for a ring, the one most of the
    outline lies along), else None."""
    contours, _ = cv2.findContours(component, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    outline = np.vstack(contours)
    if len(outline) < 5:
        return None
    near = max(2, round(settings.near * scale))
    grown = cv2.dilate(component, np.ones((2 * near + 1, 2 * near + 1), np.uint8))
    points = outline.reshape(-1, 2)
    best: tuple[int, Ellipse] | None = None
    for ellipse in _outline_fits(outline, component.shape, near, settings):
        if _inked_share(grown, _ellipse_points(ellipse, 1.0, settings.points)) < settings.min_along:
            continue
        inside = _inked_share(ink, _ellipse_points(ellipse, settings.inner, settings.points))
        if inside > settings.max_inside or _around(component, ellipse, settings) < settings.min_around:
            continue
        explained = int(np.count_nonzero(_near_outline(points, component.shape, ellipse, near)))
        if best is None or explained > best[0]:
            best = explained, ellipse
    return best[1] if best is not None else None


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
    (a ring's box holds the option's start, just right of the box, or its ellipse the whole box), and
    every other box read ticked with a ring's stroke in it read empty (the ring runs into the next
    option's box), both at CIRCLED_CONFIDENCE."""
    decided = []
    for box in boxes:
        b = box.bbox
        middle = (b.y0 + b.y1) / 2
        corners = ((b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1))
        start = b.x1 + b.width, middle
        circled = any(contains_point(ring, *start) for ring in rings.boxes) or all(
            rings.encloses(x, y) for x, y in corners
        )
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
