"""Ruling lines a fax's threshold broke into dashes are one line each (`ruling.bridge_pieces`); text is
never bridged into a line."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from extractors.ocr.page import straighten
from extractors.ocr.preprocess import gray_to_faint_ink, page_to_gray
from extractors.ocr.ruling import ink_to_ruling, ruling_to_edges, ruling_to_grids
from extractors.pdf.primitives import Orientation

FAX_PAGE = Path(__file__).resolve().parent / "data" / "fax_dashed_rules_page3.png"
"""Page 3 (一、基本情况) of scan set 7272's `05_doc_02_application_messy.tif`, a G4 fax at 200 × 100 dpi
whose grey rules came out as 10-mm dashes with gaps of up to 8 mm: read as 129 pieces of line and no table
(fields 0.28 over the filing) before the pieces were joined."""


def rulings(page: np.ndarray) -> tuple[int, list[tuple[int, int]]]:
    """Given a BGR page, return its count of horizontal edges and its grids' (rows, columns)."""
    straight, _, _ = straighten(page)
    ruling = ink_to_ruling(gray_to_faint_ink(page_to_gray(straight)))
    horizontal = [e for e in ruling_to_edges(ruling) if e.orientation is Orientation.HORIZONTAL]
    return len(horizontal), [(g.n_rows, g.n_cols) for g in ruling_to_grids(ruling)]


def test_a_fax_page_whose_rules_broke_into_dashes_is_one_table() -> None:
    page = cv2.imread(str(FAX_PAGE), cv2.IMREAD_COLOR)
    assert page is not None
    edges, grids = rulings(np.asarray(page, np.uint8))
    assert grids == [(12, 4)]
    assert edges <= 14


def dashed_table(dash: int, gap: int) -> np.ndarray:
    """A 1654-px-wide page (200 dpi) with a 3-row table whose rules are dashes of `dash` px, `gap` px
    apart, and a text line of short strokes between two rules."""
    page = np.full((2339, 1654, 3), 255, np.uint8)
    for y in (400, 500, 600, 700):
        for x in [*range(200, 1450 - dash, dash + gap), 1450 - dash]:
            cv2.line(page, (x, y), (x + dash, y), (0, 0, 0), 2)
    for x in (200, 1450):
        cv2.line(page, (x, 400), (x, 700), (0, 0, 0), 2)
    for x in range(260, 1400, 40):  # strokes of text: 3 mm long, 2 mm apart
        cv2.line(page, (x, 550), (x + 24, 550), (0, 0, 0), 2)
        cv2.line(page, (x + 12, 535), (x + 12, 565), (0, 0, 0), 2)
    return page


def test_dashed_rules_make_the_table_and_text_strokes_stay_text() -> None:
    edges, grids = rulings(dashed_table(80, 40))
    assert grids == [(3, 1)] and edges == 4
    unbroken_edges, unbroken = rulings(dashed_table(1300, 0))
    assert (unbroken_edges, unbroken) == (edges, grids)
