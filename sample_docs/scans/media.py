"""Paper as offices send it besides a flatbed scan: a fax, and a phone photo of each page.

A fax is black and white only (1 bit; a red seal comes out black), at 200×200 dpi ("fine") or
200×100 dpi ("standard": every other line, the page squashed to half its height in pixels), saved as
a CCITT group 4 TIFF with its two resolutions. A phone photo shows the page lying on a darker desk,
seen a little from the side (its four corners anywhere near where a flat page's would be), lit
unevenly, slightly out of focus.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

Image8 = npt.NDArray[np.uint8]
Medium = Literal["scanner", "fax", "photo"]
MEDIA: tuple[Medium, ...] = ("scanner", "scanner", "scanner", "scanner", "scanner", "fax", "photo")
FAX_DPI = 200
DESK = 0.12
"""The desk shows this share of the page's size around it in a photo."""
TILT = 0.05
"""A photo's corners lie up to this share of the page's size from a flat page's."""


def fax_page(image: Image8, rng: random.Random, standard: bool) -> Image8:
    """Given a scanned page (any resolution), return it as a fax receives it: grey, thresholded to
    black and white at a level the machine picks, at fine or standard vertical resolution."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    level = rng.randint(120, 175)
    binary = np.where(gray < level, 0, 255).astype(np.uint8)
    if standard:
        half = (binary.shape[1], binary.shape[0] // 2)
        return np.asarray(cv2.resize(binary, half, interpolation=cv2.INTER_NEAREST), np.uint8)
    return binary


def save_fax(pages: list[Image8], target: Path, standard: bool) -> None:
    """Write 1-bit pages as a multi-page group 4 TIFF with the fax's resolutions."""
    images = [Image.fromarray(page).convert("1") for page in pages]
    dpi = (FAX_DPI, FAX_DPI // 2 if standard else FAX_DPI)
    images[0].save(target, save_all=True, append_images=images[1:], compression="group4", dpi=dpi)


def _desk(shape: tuple[int, int], rng: random.Random) -> Image8:
    """A desk's surface: a darker colour with a little grain."""
    height, width = shape
    colour = np.array([rng.randint(40, 120), rng.randint(60, 130), rng.randint(80, 150)], np.float32)
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 8, (height, width, 1)).astype(np.float32)
    desk: Image8 = np.clip(colour + grain, 0, 255).astype(np.uint8)
    return desk


def photo_page(image: Image8, rng: random.Random) -> Image8:
    """Given a scanned page (colour), return a phone photo of it lying on a desk: perspective, a
    light falling off across it, out of focus a little."""
    page = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    height, width = page.shape[:2]
    mx, my = round(width * DESK), round(height * DESK)
    canvas = _desk((height + 2 * my, width + 2 * mx), rng)
    flat = [(0, 0), (width, 0), (width, height), (0, height)]
    corners = np.array(flat, np.float32)
    moved = [
        (x + mx + rng.uniform(-TILT, TILT) * width, y + my + rng.uniform(-TILT, TILT) * height)
        for x, y in flat
    ]
    placed = np.array(moved, np.float32)
    matrix = cv2.getPerspectiveTransform(corners, placed)
    size = (canvas.shape[1], canvas.shape[0])
    warped = cv2.warpPerspective(page, matrix, size, flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((height, width), 255, np.uint8), matrix, size)
    photo = np.where(mask[..., None] > 127, warped, canvas)
    ys, xs = np.mgrid[0 : photo.shape[0] : 16, 0 : photo.shape[1] : 16].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    along = (xs * np.cos(angle) + ys * np.sin(angle)) / max(photo.shape)
    light = cv2.resize(1.0 - rng.uniform(0.15, 0.35) * (along - along.min()), size)
    lit = np.clip(photo.astype(np.float32) * light[..., None], 0, 255).astype(np.uint8)
    return np.asarray(cv2.GaussianBlur(lit, (0, 0), rng.uniform(0.5, 1.2)), np.uint8)
