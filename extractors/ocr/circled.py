"""Stages `ink_to_rings` → `circle_chosen`: a loop of pen drawn round an option's text chooses it.

Some filers circle the option they choose instead of ticking its box. The box stays empty, and the
option would silently read as not chosen; the ring's ink would also hide the option's box and text
from the detectors and the recogniser (a single circled `否` read as nothing, ⍰). So rings are found
on the page's ink first, before boxes and words: a connected stroke of pen ink (closed over its
small opening) enclosing paper and text of one line, 5.5–20 mm tall, at least as wide as 0.8 of its
height, thin. Each ring's stroke — the band along the ellipse fitted to its outline, not what it
encloses or a box it runs through — is removed from the page
before the other stages read it, and a box decided empty or unknown that the ring encloses, or
whose option's start it encloses, is ticked at `CIRCLED_CONFIDENCE`, below any sensible threshold:
the operator confirms what the circle chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extractors.ocr.geometry import Image, TickBox, TickState, contains_point
from schema.document import BBox

CIRCLED_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class RingSettings:
    """In mm: a ring's least and greatest height, its greatest width, the longest opening closed
    (a hand rarely closes the loop), the width of the band along the ellipse fitted to its outline
    that is the ring's stroke; its least
    width for its height, the least share of its box it encloses, the most it inks."""

    min_height: float = 5.5
    max_height: float = 20.0
    max_width: float = 150.0
    opening: float = 1.2
    band: float = 1.0
    min_aspect: float = 0.8
    min_enclosed: float = 0.45
    max_ink: float = 0.35


RINGS = RingSettings()


@dataclass(frozen=True, slots=True)
class Rings:
    """The rings found on a page: their boxes and the pixels of their strokes (255)."""

    boxes: tuple[BBox, ...]
    strokes: Image


def _filled(mask: np.ndarray) -> np.ndarray:
    """Given a component's mask (uint8, 0/1) with a blank border, return it with every hole filled."""
    flood = mask.copy()
    cv2.floodFill(flood, None, (0, 0), 1)
    filled: np.ndarray = np.asarray(mask | (1 - flood), np.uint8)
    return filled


def _ellipse_band(filled: np.ndarray, band: int) -> np.ndarray:
    """Given a filled ring (0/1), return the band `band` px wide along the ellipse fitted to its
    outline: the ring's stroke, not a box or a character it runs through or past."""
    contours, _ = cv2.findContours(filled, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    outline = max(contours, key=len)
    drawn = np.zeros_like(filled)
    if len(outline) >= 5:
        cv2.ellipse(drawn, cv2.fitEllipse(outline), 1, band)
    return drawn


def ink_to_rings(ink: Image, scale: float, settings: RingSettings = RINGS) -> Rings:
    """Given a page's ink mask and px per mm, return its rings and their strokes."""
    strokes = np.zeros(ink.shape[:2], np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
    low, high, widest = settings.min_height * scale, settings.max_height * scale, settings.max_width * scale
    found: list[BBox] = []
    close = max(3, round(settings.opening * scale)) | 1
    band = max(3, round(settings.band * scale)) | 1
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        if not (
            low <= h <= high and settings.min_aspect * h <= w <= widest and area <= settings.max_ink * w * h
        ):
            continue
        pad = close
        mask = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
        mask[pad:-pad, pad:-pad] = labels[y : y + h, x : x + w] == label
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
        filled = _filled(closed)
        enclosed = int(np.count_nonzero(filled & (1 - closed)))
        if enclosed < settings.min_enclosed * w * h:
            continue
        stroke = (mask & _ellipse_band(filled, band))[pad:-pad, pad:-pad]
        strokes[y : y + h, x : x + w][stroke > 0] = 255
        found.append(BBox(float(x), float(y), float(x + w), float(y + h)))
    return Rings(tuple(found), strokes)


def without_rings(image: Image, rings: Rings, paper: int) -> Image:
    """Given a page image or mask and its rings, return it with the rings' strokes set to `paper`."""
    if not rings.boxes:
        return image
    clean = image.copy()
    clean[rings.strokes > 0] = paper
    return clean


def circle_chosen(boxes: Sequence[TickBox], rings: Rings) -> list[TickBox]:
    """Given the page's decided boxes and its rings, return the boxes with every one a ring encloses
    (or whose option's start, just right of it, a ring encloses) ticked at CIRCLED_CONFIDENCE."""
    decided = []
    for box in boxes:
        b = box.bbox
        middle = (b.y0 + b.y1) / 2
        points = ((b.x0 + b.x1) / 2, middle), (b.x1 + b.width, middle)
        if box.state is not TickState.TICKED and any(
            contains_point(ring, x, y) for ring in rings.boxes for x, y in points
        ):
            box = replace(box, state=TickState.TICKED, confidence=min(box.confidence, CIRCLED_CONFIDENCE))
        decided.append(box)
    return decided
