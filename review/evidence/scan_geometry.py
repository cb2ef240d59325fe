"""How the OCR backend turned a scanned page before reading it, recovered from the page, and the affine
map from the original's pixels to the points the backend stores boxes in.

The backend (`extractors.ocr`: pages → page → drafting) reads a *working* page — the original scaled
down to at most EXTRACT_OCR_DPI (`at_most_dpi`), or a scanned PDF page rendered at it, a photographed
sheet flattened (`photo_to_page`) — turned upright by a quarter (`upright`), deskewed by a few degrees
about its centre (`deskew`), turned by 180° when it read poorly upright, and stores every box in points
of an A4-wide page (595.28 pt per page width), shifted sideways so that the pages' table borders line
up (`align_pages`). The record keeps none of this, so it is recovered here: the quarter turn and the
skew by the backend's own functions on the same working page (the same numbers), the 180° turn by a
text-direction classifier (`orientation`), the shift from the left table borders of this page and the
first page that has one, found by the backend's own ruling stages (seal rings are not removed first: a
ring holds no straight 40-pt vertical run).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import cv2
import numpy as np

from extractors.ocr.drafting import A4_HEIGHT_PT, A4_WIDTH_PT, MAX_SHIFT_PT, left_border, points_per_pixel
from extractors.ocr.page import straighten
from extractors.ocr.preprocess import gray_to_faint_ink, page_to_gray
from extractors.ocr.ruling import Ruling, ink_to_ruling, ruling_to_edges
from extractors.pdf.primitives import Edge, Orientation, PageContent
from review.evidence.frame import Pixels
from review.evidence.orientation import is_upside_down, text_ink

TURNS = (0, 90, 180, 270)


@dataclass(frozen=True, slots=True)
class ScanTransform:
    """What the OCR backend did to one scanned page before storing its boxes.

    turn: clockwise degrees the page was turned by (0, 90, 180, 270: a quarter turn first, 180° after
    deskewing); skew: the deskew rotation applied after the quarter turn, in degrees counter-clockwise
    about the page centre (`extractors.ocr.preprocess.rotate`); shift_pt: points added to every x when
    the pages were aligned on their tables.
    """

    turn: int = 0
    skew: float = 0.0
    shift_pt: float = 0.0

    def __post_init__(self) -> None:
        if self.turn not in TURNS:
            raise ValueError(f"turn must be one of {TURNS}; got {self.turn}")

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ScanTransform:
        data = json.loads(text)
        return cls(turn=int(data["turn"]), skew=float(data["skew"]), shift_pt=float(data["shift_pt"]))


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """One straightened page: its turn and skew, and its tables' left border in points (None without)."""

    turn: int
    skew: float
    border_pt: float | None

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PageGeometry:
        data = json.loads(text)
        border = data["border_pt"]
        return cls(int(data["turn"]), float(data["skew"]), None if border is None else float(border))


def working_to_geometry(working: Pixels) -> PageGeometry:
    """Given a working page (BGR, at the backend's resolution), return how the backend straightened it."""
    straight, turn, skew = straighten(working)
    gray = page_to_gray(straight)
    ruling = ink_to_ruling(gray_to_faint_ink(gray))
    flipped = is_upside_down(gray, text_ink(gray, ruling))
    border = _left_border_pt(ruling, straight.shape[1], flipped)
    return PageGeometry((turn + 180) % 360 if flipped else turn, skew, border)


def _left_border_pt(ruling: Ruling, width_px: int, flipped: bool) -> float | None:
    """Given a page's ruling, its width and whether it is read turned by 180°, return the x in points of
    its tables' left border as the backend finds it (`left_border` on its vertical edges; the horizontal
    mask is left out of `ruling_to_edges`, which then costs a tenth)."""
    scale = points_per_pixel(width_px)
    edges = tuple(
        Edge(
            Orientation.VERTICAL,
            ((width_px - 1 - e.position) if flipped else e.position) * scale,
            e.start * scale,
            e.end * scale,
        )
        for e in ruling_to_edges(Ruling(np.zeros_like(ruling.horizontal), ruling.vertical, ruling.px_per_mm))
    )
    return left_border(PageContent(0, A4_WIDTH_PT, A4_HEIGHT_PT, (), edges))


def aligned_shift(reference: float | None, border: float | None) -> float:
    """Given the reference border (the first page's that has one) and a page's border, return the shift
    `align_pages` gave the page (none when it has no border or would move over MAX_SHIFT_PT)."""
    if reference is None or border is None or not 0 < abs(reference - border) <= MAX_SHIFT_PT:
        return 0.0
    return reference - border


def _translation(dx: float, dy: float) -> np.ndarray:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])


def working_to_straight(
    working: tuple[int, int], transform: ScanTransform
) -> tuple[np.ndarray, tuple[int, int]]:
    """Given the working page's (width, height) and the transform, return the 3×3 affine map from the
    working page's continuous pixel coordinates (a pixel's centre at +0.5) to the straightened page's,
    and the straightened page's (width, height)."""
    width, height = working
    matrix = np.eye(3)
    if transform.turn in (90, 270):
        matrix = np.array([[0.0, -1.0, height], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
        width, height = height, width
    rotation = np.vstack([cv2.getRotationMatrix2D((width / 2, height / 2), transform.skew, 1.0), [0, 0, 1]])
    matrix = _translation(0.5, 0.5) @ rotation @ _translation(-0.5, -0.5) @ matrix
    if transform.turn >= 180:
        matrix = np.array([[-1.0, 0.0, width], [0.0, -1.0, height], [0.0, 0.0, 1.0]]) @ matrix
    return matrix, (width, height)
