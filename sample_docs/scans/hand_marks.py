"""Hand marks as offices make them on paper, and what each leaves a printed box (its truth label).

Besides the neat √ and × of `generate.redraw_tick`: a √ that overshoots the box far up and right
(`overshoot`), a × whose strokes run out past the box's corners (`strokes_cross`), a box inked over
with a round blob that spills out of it (`blob`), and a circle drawn round the chosen option's text
with its box left empty (`circle`). With an RNG every mark is drawn a little differently (a hand
never draws one twice); without one, the same way each time.

Every box glyph of a page gets a label the box classifier is trained on: `empty`, `ticked`
(√ in or beside it), `crossed` (×, ☒), `filled` (■, a blob); a box whose option was circled is
`empty` (the circle, not the box, chooses it).
"""

from __future__ import annotations

import random
from typing import Literal

import cv2
import numpy as np
import numpy.typing as npt

Image8 = npt.NDArray[np.uint8]
Box = tuple[int, int, int, int]
BoxLabel = Literal["empty", "ticked", "crossed", "filled"]
PEN_BLUE = (70, 30, 20)  # BGR
NEW_STYLES = ("overshoot", "strokes_cross", "blob", "circle")
STYLE_LABELS: dict[str, BoxLabel] = {
    "check": "ticked",
    "beside": "ticked",
    "overshoot": "ticked",
    "cross": "crossed",
    "strokes_cross": "crossed",
    "filled": "filled",
    "blob": "filled",
    "circle": "empty",
}
PRINTED_LABELS: dict[str, BoxLabel] = {
    "☑": "ticked",
    "☒": "crossed",
    "■": "filled",
    "□": "empty",
    "☐": "empty",
}


def style_label(style: int | str) -> BoxLabel:
    """Given a hand style (0/1 are the committed scans' check/filled), return the box's label."""
    name = {0: "check", 1: "filled"}.get(style, style) if isinstance(style, int) else style
    return STYLE_LABELS[str(name)]


def _jitter(rng: random.Random | None, spread: float) -> float:
    return rng.uniform(-spread, spread) if rng is not None else 0.0


def pen(
    image: Image8, strokes: list[npt.NDArray[np.int_]], size: int, rng: random.Random | None = None
) -> None:
    """Draw pen strokes (blue-black, about a ninth of the box wide, a hand's width varying)."""
    width = max(2, round(size / 9 + _jitter(rng, 0.8)))
    cv2.polylines(image, [p.astype(np.int32) for p in strokes], False, PEN_BLUE, width, cv2.LINE_AA)


def draw_overshoot(image: Image8, box: Box, rng: random.Random | None) -> None:
    """A √ from the box's left middle down to its bottom, then far up and right past its corner."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    reach = size * (1.0 + abs(_jitter(rng, 0.5)))
    points = np.array(
        [
            [x0 + size * 0.1, y0 + size * (0.45 + _jitter(rng, 0.1))],
            [x0 + size * (0.4 + _jitter(rng, 0.1)), y1 + size * 0.15],
            [x1 + reach * 0.6, y0 - reach],
        ]
    )
    pen(image, [points], size, rng)


def draw_strokes_cross(image: Image8, box: Box, rng: random.Random | None) -> None:
    """A × whose two strokes run a third of a side or more past the box's corners."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    out = size * (0.3 + abs(_jitter(rng, 0.2)))
    strokes = [
        np.array([[x0 - out, y0 - out + _jitter(rng, 2)], [x1 + out, y1 + out]]),
        np.array([[x1 + out, y0 - out], [x0 - out + _jitter(rng, 2), y1 + out]]),
    ]
    pen(image, strokes, size, rng)


def draw_blob(image: Image8, box: Box, rng: random.Random | None) -> None:
    """A round blob of ink over the box, spilling out of it a little."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    axes = (round(size * (0.6 + abs(_jitter(rng, 0.15)))), round(size * (0.55 + abs(_jitter(rng, 0.15)))))
    centre = (round((x0 + x1) / 2 + _jitter(rng, 2)), round((y0 + y1) / 2 + _jitter(rng, 2)))
    cv2.ellipse(image, centre, axes, _jitter(rng, 30), 0, 360, PEN_BLUE, -1, cv2.LINE_AA)


def draw_circle(image: Image8, text: Box, size: int, rng: random.Random | None) -> None:
    """A loop of pen round an option's text (its pixel box), a little larger than the text."""
    x0, y0, x1, y1 = text
    centre = (round((x0 + x1) / 2), round((y0 + y1) / 2))
    axes = (round((x1 - x0) / 2 + size * 0.6), round((y1 - y0) / 2 + size * 0.5))
    start = 20 + _jitter(rng, 20)
    cv2.ellipse(image, centre, axes, _jitter(rng, 4), start, start + 350, PEN_BLUE, max(2, round(size / 9)))


def draw_new_style(image: Image8, style: str, box: Box, rng: random.Random | None) -> None:
    """Given a page, one of NEW_STYLES but `circle` and a box's square, draw the mark."""
    {"overshoot": draw_overshoot, "strokes_cross": draw_strokes_cross, "blob": draw_blob}[style](
        image, box, rng
    )
