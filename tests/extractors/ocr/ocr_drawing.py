"""Small synthetic page images for the OCR stage tests (150 dpi A4: 5.9 px per mm)."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from extractors.ocr.geometry import Image

WIDTH, HEIGHT = 1240, 1754
BOX = 18


def blank(width: int = WIDTH, height: int = HEIGHT) -> Image:
    """Return a white BGR page."""
    return np.full((height, width, 3), 255, np.uint8)


def draw_grid(page: Image, xs: list[int], ys: list[int], merged: tuple[int, int] | None = None) -> None:
    """Draw a ruled grid; `merged` = (row, col) whose wall to the right is left out."""
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), (0, 0, 0), 2)
    for c, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if merged is not None and (r, c - 1) == merged:
                continue
            cv2.line(page, (x, ys[r]), (x, ys[r + 1]), (0, 0, 0), 2)


Point = tuple[int, int]
BLACK, PEN = (0, 0, 0), (60, 20, 20)


def _pen(page: Image, points: list[Point], width: int = 3) -> None:
    cv2.polylines(page, [np.array(points, np.int32)], False, PEN, width)


def _lines(page: Image, segments: list[tuple[Point, Point]], width: int = 2) -> None:
    for start, end in segments:
        cv2.line(page, start, end, BLACK, width)


def _marks(x: int, y: int) -> dict[str, Callable[[Image], None]]:
    """The marks `draw_box` can draw in or around the box at (x, y)."""
    b = BOX
    return {
        "": lambda page: None,
        "tick": lambda page: _pen(page, [(x + 3, y + 9), (x + 7, y + 16), (x + 22, y - 6)]),
        "cross": lambda page: _lines(
            page, [((x + 4, y + 4), (x + b - 4, y + b - 4)), ((x + b - 4, y + 4), (x + 4, y + b - 4))]
        ),
        "printed_cross": lambda page: _lines(
            page, [((x + 2, y + 2), (x + b - 2, y + b - 2)), ((x + b - 2, y + 2), (x + 2, y + b - 2))], 4
        ),
        "tall_tick": lambda page: _pen(page, [(x + 3, y + 9), (x + 7, y + 16), (x + 17, y - 12)]),
        "beside": lambda page: _pen(page, [(x - b, y + 5), (x - 12, y + b), (x + 4, y - 6)], 2),
        "in_character": lambda page: _lines(
            page,
            [((x + dx, y + dy), (x + dx + 6, y + dy + 4)) for dx, dy in ((-14, 0), (-12, 8), (-15, 17))]
            + [((x + 10, y - 10), (x + b - 2, y - 3))],
        ),
        "tall_character_after": lambda page: _lines(
            page,
            [((x + b + 5, y - 8), (x + b + 5, y + b))]
            + [((x + b + 5, y + dy), (x + b + 20, y + dy)) for dy in (-8, -5, -2, 6, 12)],
        ),
        "stroke_before": lambda page: _lines(page, [((x - 6, y - 2), (x - 6, y + b + 2))]),
        "fill": lambda page: cv2.rectangle(page, (x + 3, y + 3), (x + b - 3, y + b - 3), BLACK, -1),
        "low_fill": lambda page: cv2.rectangle(page, (x + 3, y + 6), (x + b - 6, y + b + 2), BLACK, -1),
        "speck": lambda page: cv2.rectangle(page, (x + 8, y + 8), (x + 10, y + 9), BLACK, -1),
        "blob": lambda page: cv2.circle(page, (x + b // 2, y + b // 2), 2, BLACK, -1),
    }


def draw_box(page: Image, x: int, y: int, mark: str = "") -> None:
    """Draw a printed □ at (x, y) with a mark: "" empty, "tick" √, "cross" ×, "fill", "low_fill" (a blot over the box's lower part), "speck",
    "blob" (a toner speck over the box's middle), "printed_cross" (☒: a bold × from corner to corner), "tall_tick" (a √ reaching 12 px above),
    "beside" (a √ left of the box, its tail over the box's top-left corner), "stroke_before" (a
    character's straight stroke just left of the box, as the 亻 of 但), "tall_character_after" (the
    option's first character close after the box, rising above it), "in_character" (slanted
    dots before the box and a stroke over its right half, as the 氵 and 厶 around the 口 of 治)."""
    cv2.rectangle(page, (x, y), (x + BOX, y + BOX), BLACK, 2)
    _marks(x, y)[mark](page)


def draw_enclosed_character(page: Image, x: int, y: int) -> None:
    """Draw a 国-like glyph: a square enclosure with three full-width strokes inside."""
    cv2.rectangle(page, (x, y), (x + BOX, y + BOX), (0, 0, 0), 2)
    for dy in (5, 9, 14):
        cv2.line(page, (x + 4, y + dy), (x + BOX - 4, y + dy), (0, 0, 0), 2)
    cv2.line(page, (x + 9, y + 5), (x + 9, y + 14), (0, 0, 0), 2)


def draw_seal(page: Image, center: tuple[int, int], radius: int = 118) -> None:
    """Draw a red round seal: ring, inner ring and a filled star-ish centre."""
    red = (40, 40, 215)
    cv2.circle(page, center, radius, red, 8)
    cv2.circle(page, center, int(radius * 0.68), red, 1)
    cv2.circle(page, center, radius // 5, red, -1)
