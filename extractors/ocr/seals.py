"""Stage `page_to_seals`: red round seals (公章) on a colour page.

Red ink is an HSV mask (two hue bands around 0°, saturated); a seal's ring, star and lettering are
closed into one blob; a blob is a seal when it is big enough (diameter ≥ `MIN_DIAMETER_MM`) and
round: its filled area is close to the area of its enclosing circle. The confidence is that ratio.
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


def page_to_seals(page: Image, number: int) -> list[SealMark]:
    """Given a BGR page and its 1-based number, return its round red seals."""
    if page.ndim != 3:
        return []
    return red_to_seals(page_to_red(page), number, page_scale(page.shape[1]))
