"""Helpers of the evidence tests: decode a PNG, measure ink, find the drawn outline, compare images."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from review.evidence.settings import RenderSettings

Image = npt.NDArray[np.uint8]
MARK_RGB = (0, 255, 0)
"""An outline colour no page holds, so the drawn highlight can be found exactly."""
MARKING = RenderSettings(outline_rgb=MARK_RGB, outline_px=1, fill_alpha=0.0)
PLAIN_CROP = RenderSettings(
    fill_alpha=0.0,
    outline_px=1,
    outline_rgb=MARK_RGB,
    crop_margin_pt=0.0,
    crop_min_width_pt=1.0,
    crop_min_height_pt=1.0,
    crop_min_width_px=1,
    crop_zoom=3.0,
    crop_max_width_px=5000,
    crop_max_height_px=5000,
)
"""A crop of exactly the box (outline outside it, no tint), at 3 px per point."""
DARK = 128


def decode(png: bytes) -> Image:
    """Given PNG bytes, return the image (BGR); fail when they are not a PNG."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return np.asarray(image, np.uint8)


def gray(image: Image) -> Image:
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)


def dark_share(image: Image) -> float:
    """Given an image, return the share of its pixels darker than DARK (ink)."""
    return float(np.count_nonzero(gray(image) < DARK)) / max(1, image.shape[0] * image.shape[1])


def has_ink(image: Image) -> bool:
    """Whether an image holds non-trivial content: some ink and real contrast (not blank, not flat)."""
    return dark_share(image) > 0.005 and float(gray(image).std()) > 15.0


def outline_rect(image: Image) -> tuple[int, int, int, int]:
    """Given an image with MARK_RGB outlines, return the bounding rect (x0, y0, x1, y1) of those pixels."""
    mask = np.all(image == np.array(MARK_RGB[::-1], np.uint8), axis=2)
    ys, xs = np.nonzero(mask)
    assert xs.size, "no highlight outline drawn"
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def without_mark(image: Image) -> Image:
    """Given an image, return it with MARK_RGB pixels made white (the page under the outline)."""
    out = image.copy()
    out[np.all(image == np.array(MARK_RGB[::-1], np.uint8), axis=2)] = 255
    return out


def _correlation(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    x, y = x - x.mean(), y - y.mean()
    return float((x * y).sum() / max(1e-9, np.sqrt((x * x).sum() * (y * y).sum())))


def similarity(a: Image, b: Image, slack: int = 2) -> float:
    """Given two images of (nearly) one size, return the best correlation of their (slightly blurred)
    ink over shifts of up to `slack` px each way (1.0 = same): renders of one region at other
    sub-pixel offsets are alike, another region is not."""
    height, width = min(a.shape[0], b.shape[0]) - 2 * slack, min(a.shape[1], b.shape[1]) - 2 * slack
    x = cv2.GaussianBlur(gray(a), (0, 0), 1.0).astype(np.float64)
    y = cv2.GaussianBlur(gray(b), (0, 0), 1.0).astype(np.float64)
    core = x[slack : slack + height, slack : slack + width]
    return max(
        _correlation(core, y[slack + dy : slack + dy + height, slack + dx : slack + dx + width])
        for dy in range(-slack, slack + 1)
        for dx in range(-slack, slack + 1)
    )
