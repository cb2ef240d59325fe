"""Stage `page_to_seals`: round seals (公章) on a colour or a grey page.

Colour: red ink is an HSV mask (two hue bands around 0°, saturated); a seal's ring, star and
lettering are closed into one blob; a blob is a seal when it is big enough (diameter ≥
`MIN_DIAMETER_MM`) and round: its filled area is close to the area of its enclosing circle. The
confidence is that ratio. Grey (no colour to go by): a seal is its outer ring — a circle of seal
size found by a Hough transform on a quarter-size page, kept when dark ink covers most of it while a
circle a little outside it is far less inked (inside lies the seal's lettering; a circle laid over
dense text is inked everywhere; the printed form has no rings). The confidence is the inked share
of the ring.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.geometry import Image
from extractors.ocr.ruling import page_scale
from schema.document import BBox, SealMark

MIN_DIAMETER_MM = 20.0
MAX_DIAMETER_MM = 60.0
MIN_ROUNDNESS = 0.75
COLOUR_SPREAD = 60
MIN_COLOUR_SHARE = 0.0005
GREY_SHRINK = 0.25
RING_SAMPLES = 120
MIN_RING_COVERAGE = 0.9
MIN_RING_CONTRAST = 0.2
RING_CONTRAST_MM = 3.5
SEAL_INK_LEVEL = 200
_LOW_RED = ((0, 70, 60), (12, 255, 255))
_HIGH_RED = ((160, 70, 60), (180, 255, 255))


def page_to_red(page: Image) -> Image:
    """Given a BGR page, return its red-ink mask (255 = red)."""
    hsv = cv2.cvtColor(page, cv2.COLOR_BGR2HSV)
    low = cv2.inRange(hsv, np.array(_LOW_RED[0]), np.array(_LOW_RED[1]))
    high = cv2.inRange(hsv, np.array(_HIGH_RED[0]), np.array(_HIGH_RED[1]))
    return cv2.bitwise_or(low, high)


def _roundness(contour: np.ndarray) -> float:
    (_, _), radius = cv2.minEnclosingCircle(contour)
    circle = np.pi * radius * radius
    return float(cv2.contourArea(contour)) / circle if circle else 0.0


def red_to_seals(red: Image, page: int, scale: float) -> list[SealMark]:
    """Given a red mask, its page number and px per mm, return the round seals found."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (max(3, round(3 * scale)),) * 2)
    closed = cv2.morphologyEx(red, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    seals = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        diameter = max(w, h) / scale
        roundness = _roundness(contour)
        if MIN_DIAMETER_MM <= diameter <= MAX_DIAMETER_MM and roundness >= MIN_ROUNDNESS:
            bbox = BBox(float(x), float(y), float(x + w), float(y + h))
            seals.append(SealMark(page=page, bbox=bbox, confidence=round(min(1.0, roundness), 3)))
    return seals


def is_grey(page: Image) -> bool:
    """Given a page, return whether it carries no colour: one channel, or hardly a pixel whose
    channels differ much (a colour scan's seal has thousands; JPEG noise a few)."""
    if page.ndim == 2:
        return True
    sample = page[::4, ::4].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return bool(float(np.count_nonzero(spread > COLOUR_SPREAD)) / spread.size < MIN_COLOUR_SHARE)


def ring_coverage(ink: Image, cx: float, cy: float, radius: float) -> float:
    """Given an ink mask and a circle, return the share of points on the circle that are inked."""
    angles = np.linspace(0, 2 * np.pi, RING_SAMPLES, endpoint=False)
    xs = np.clip(np.round(cx + radius * np.cos(angles)).astype(int), 0, ink.shape[1] - 1)
    ys = np.clip(np.round(cy + radius * np.sin(angles)).astype(int), 0, ink.shape[0] - 1)
    return float(np.count_nonzero(ink[ys, xs])) / RING_SAMPLES


def gray_to_seals(gray: Image, page: int, scale: float) -> list[SealMark]:
    """Given a grey page (paper flattened to white), its number and px per mm, return its seal rings."""
    small = cv2.resize(gray, None, fx=GREY_SHRINK, fy=GREY_SHRINK, interpolation=cv2.INTER_AREA)
    px_per_mm = scale * GREY_SHRINK
    circles = cv2.HoughCircles(
        cv2.GaussianBlur(small, (5, 5), 0),
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=MIN_DIAMETER_MM * px_per_mm,
        param1=100,
        param2=30,
        minRadius=round(MIN_DIAMETER_MM / 2 * px_per_mm),
        maxRadius=round(MAX_DIAMETER_MM / 2 * px_per_mm),
    )
    if circles is None:
        return []
    ink = cv2.dilate((small < SEAL_INK_LEVEL).astype(np.uint8) * 255, np.ones((3, 3), np.uint8))
    radii = range(round(MIN_DIAMETER_MM / 2 * px_per_mm), round(MAX_DIAMETER_MM / 2 * px_per_mm) + 1)
    seals = []
    for cx, cy, _ in circles[0]:
        ring = outer_ring(ink, (float(cx), float(cy)), radii, RING_CONTRAST_MM * px_per_mm)
        if ring is not None:
            radius, coverage = ring
            x0, y0, x1, y1 = (
                float(v) / GREY_SHRINK for v in (cx - radius, cy - radius, cx + radius, cy + radius)
            )
            seals.append(SealMark(page=page, bbox=BBox(x0, y0, x1, y1), confidence=round(coverage, 3)))
    return seals


def outer_ring(
    ink: Image, center: tuple[float, float], radii: range, offset: float
) -> tuple[float, float] | None:
    """Given an ink mask, a circle centre the Hough transform found, the seal radii to try and the
    contrast offset, return (radius, coverage) of the outermost inked ring with clear paper just
    outside it, if any: the transform keeps one radius per centre, often the seal's thin inner ring."""
    for radius in reversed(radii):
        coverage = ring_coverage(ink, *center, float(radius))
        outside = ring_coverage(ink, *center, float(radius) + offset)
        if coverage >= MIN_RING_COVERAGE and coverage - outside >= MIN_RING_CONTRAST:
            return float(radius), coverage
    return None


def page_to_seals(page: Image, number: int, gray: Image | None = None) -> list[SealMark]:
    """Given a BGR page, its 1-based number and (for a grey page) its flattened gray, return its seals."""
    scale = page_scale(page.shape[1])
    if is_grey(page):
        return gray_to_seals(gray if gray is not None else _channel(page), number, scale)
    return red_to_seals(page_to_red(page), number, scale)


def _channel(page: Image) -> Image:
    return page if page.ndim == 2 else np.ascontiguousarray(page[:, :, 2])
