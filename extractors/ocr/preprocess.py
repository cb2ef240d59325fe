"""Stages on one page image: ink mask, rotation fix (90°; 180° after OCR), deskew (a few degrees), denoise.

Ink is read from the red channel: black print and blue/black pen stay dark there, while a red seal
turns almost white, so seals do not disturb ruling, checkbox or text reading (they are found apart,
on the colour image, by `extractors.ocr.seals`).
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

from extractors.ocr.geometry import Image
from extractors.ocr.ruling import ink_to_ruling

logger = logging.getLogger(__name__)

MAX_SKEW_DEGREES = 5.0
MAX_SKEW_PIXELS = 60_000
MAX_INK_LEVEL = 200
FAINT_SHARE = 0.5
"""The faint ink mask's threshold lies this share of the way from the ordinary one to white."""
MIN_SKEW_DEGREES = 0.05
BACKGROUND_MM = 2.5
SKEW_COARSE_STEP = 0.25
SKEW_FINE_STEP = 0.02
LANDSCAPE = 1.15
"""A page this much wider than high is a portrait form page turned by a quarter."""


def page_to_gray(page: Image) -> Image:
    """Given a BGR page, return its red channel (red seals fade out, print stays dark) on paper made
    evenly white (see `flatten_background`)."""
    gray = page if page.ndim == 2 else np.ascontiguousarray(page[:, :, 2])
    return flatten_background(gray)


def flatten_background(gray: Image) -> Image:
    """Given a grayscale page, return it divided by its paper tone, so the paper is white everywhere.

    Tinted paper, a scanner's light falling off towards one side and a grey scan otherwise put faint
    print (ruling lines, box sides) and darker paper on the same side of the ink threshold. The
    paper tone is the page with the print taken out: a maximum filter wider than any stroke, on a
    quarter-size copy (fast), smoothed and scaled back.
    """
    height, width = gray.shape
    small = cv2.resize(gray, (max(1, width // 4), max(1, height // 4)), interpolation=cv2.INTER_AREA)
    kernel = max(3, round(small.shape[1] / 210 * BACKGROUND_MM)) | 1
    paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((kernel, kernel), np.uint8)), (0, 0), kernel)
    paper = cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


def gray_to_ink(gray: Image) -> Image:
    """Given a grayscale page, return the binary ink mask (255 = ink).

    Otsu's threshold, capped at MAX_INK_LEVEL: on a page with little print, Otsu would split the
    faded seal red from the paper instead of print from paper.
    """
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, ink = cv2.threshold(gray, min(level, MAX_INK_LEVEL), 255, cv2.THRESH_BINARY_INV)
    return ink


def gray_to_faint_ink(gray: Image) -> Image:
    """Given a grayscale page, return an ink mask whose threshold lies halfway from the ordinary
    one (Otsu, capped) to white: grey hairlines count as ink."""
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ordinary = min(level, MAX_INK_LEVEL)
    _, faint = cv2.threshold(gray, ordinary + FAINT_SHARE * (255 - ordinary), 255, cv2.THRESH_BINARY_INV)
    return despeckle(faint)


def despeckle(ink: Image, max_area: int = 3) -> Image:
    """Given an ink mask, return it without isolated specks of at most max_area pixels.

    (A median filter would also erase the 1-pixel ruling lines of a 150 dpi scan.)
    """
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= max_area)
    small = small[small > 0]
    if small.size == 0:
        return ink
    cleaned = ink.copy()
    cleaned[np.isin(labels, small)] = 0
    return cleaned


def _alignment(rows: np.ndarray, columns: np.ndarray, degrees: float) -> float:
    """Given ink pixel coordinates (columns from the page centre) and an angle, return how sharply the
    ink falls into pixel rows once turned back by it: the sum of squared row counts."""
    turned = np.rint(rows + columns * np.tan(np.radians(degrees))).astype(np.int64)
    counts = np.bincount(turned - turned.min())
    return float(np.dot(counts, counts))


def _sharpest(rows: np.ndarray, columns: np.ndarray, angles: np.ndarray) -> float:
    """Given ink pixel coordinates and candidate angles, return the angle whose rows are sharpest."""
    scores = [_alignment(rows, columns, float(angle)) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def estimate_skew(ink: Image) -> float:
    """Given an ink mask, return the page skew in degrees (positive = counter-clockwise), 0 if unknown.

        Projection profile: ruling lines, underlines and text lines fall into the fewest pixel rows when
        the page is turned back by its skew. Coarse steps over ±MAX_SKEW_DEGREES, then fine steps around
        the best (a few bincounts of the ink pixels, at most MAX_SKEW_PIXELS of them taken evenly: far
    cheaper than a Hough transform of the page).
    """
    rows, columns = np.nonzero(ink)
    if rows.size < ink.shape[1] // 4:
        return 0.0
    stride = -(-rows.size // MAX_SKEW_PIXELS)
    rows, columns = rows[::stride], columns[::stride]
    centred = columns.astype(np.float64) - ink.shape[1] / 2
    steps = round(MAX_SKEW_DEGREES / SKEW_COARSE_STEP)
    coarse = np.arange(-steps, steps + 1) * SKEW_COARSE_STEP
    best = _sharpest(rows, centred, coarse)
    fine_steps = round(SKEW_COARSE_STEP / SKEW_FINE_STEP)
    fine = best + np.arange(-fine_steps, fine_steps + 1) * SKEW_FINE_STEP
    return _sharpest(rows, centred, fine)


def rotate(page: Image, degrees: float) -> Image:
    """Given a page and an angle (counter-clockwise), return it rotated about its centre, white border."""
    height, width = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    border = (255, 255, 255) if page.ndim == 3 else 255
    return cv2.warpAffine(page, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=border)


def deskew(page: Image) -> tuple[Image, float]:
    """Given a BGR page, return it straightened and the correction applied (degrees)."""
    angle = estimate_skew(gray_to_ink(page_to_gray(page)))
    if abs(angle) < MIN_SKEW_DEGREES:
        return page, 0.0
    return rotate(page, -angle), -angle


def _blank_share(profile: np.ndarray) -> float:
    inked = np.flatnonzero(profile)
    if inked.size == 0:
        return 0.0
    span = profile[inked[0] : inked[-1] + 1]
    return float(np.count_nonzero(span == 0) / span.size)


def quarter_turns(ink: Image) -> int:
    """Given an ink mask, return 1 if text lines run vertically (page turned by 90°), else 0.

    Between printed text lines there are blank pixel rows; along a line, characters leave few blank
    columns. Ruling lines are removed first (they cross every row or column of a table).
    """
    text = cv2.bitwise_and(ink, cv2.bitwise_not(ink_to_ruling(ink).lines))
    rows = _blank_share(np.count_nonzero(text, axis=1))
    cols = _blank_share(np.count_nonzero(text, axis=0))
    return 1 if cols > 0.15 and cols > 1.5 * rows else 0


def upright(page: Image) -> tuple[Image, int]:
    """Given a BGR page, return it with text lines horizontal and the clockwise turn applied (0 or 90).

    Both forms are A4 portrait: a page scanned wider than high (by LANDSCAPE) was turned and one
    higher than wide was not, whatever its lines seem to say (a skewed page of short table rows
    hides their direction); only a page cropped near square is judged by its lines.

    Whether the result is upside down is decided after OCR (`extractors.ocr.backend`): an inverted
    page reads with a very low confidence, and is then read again turned by 180°.
    """
    height, width = page.shape[:2]
    if width > LANDSCAPE * height:
        turned = True
    elif height > LANDSCAPE * width:
        turned = False
    else:
        turned = bool(quarter_turns(gray_to_ink(page_to_gray(page))))
    return (cv2.rotate(page, cv2.ROTATE_90_CLOCKWISE), 90) if turned else (page, 0)
