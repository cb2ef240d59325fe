"""Evidence of scans: transforms recovered as the OCR backend applied them, cell boxes drawn on the scan's
ruling lines, crops holding the value's ink, an upside-down page shown upright.

Value locations and the backend's own transforms come from `data/*.json` (recorded from the real OCR
backend by `record_scan_fixtures.py`), so these tests run no OCR.
"""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from evidence_images import decode, gray, has_ink
from scan_fixtures import APPLICATION, REVIEW, ScanFixture, load_fixture

from extractors.ocr.drafting import A4_WIDTH_PT
from extractors.ocr.pages import path_to_images
from extractors.ocr.photo import photo_to_page
from review.evidence import RenderSettings, ScanTransform, render_crop, render_page, scan_transform
from review.evidence.orientation import page_upside_down_probability
from review.evidence.scan_source import working_page

LINES_PAGE = RenderSettings(page_width_px=1786)
"""A page image at 3 px per point of the A4-wide display frame."""
LINE_SLACK_PX = 4
LINE_COVER = 0.6
LINE_INK = 200
"""Gray below this is a line's ink: a scanned hairline blurs to 150-190 over two rows, paper stays over 215."""
EDGE_INSET_PX = 6


@pytest.fixture(scope="module")
def application() -> ScanFixture:
    return load_fixture(APPLICATION)


@pytest.fixture(scope="module")
def review() -> ScanFixture:
    return load_fixture(REVIEW)


def _close(recovered: ScanTransform, backend: ScanTransform) -> bool:
    return (
        recovered.turn == backend.turn
        and abs(recovered.skew - backend.skew) <= 0.05
        and abs(recovered.shift_pt - backend.shift_pt) <= 0.5
    )


@pytest.mark.parametrize(("scan", "pages"), [("application", (1, 2, 5)), ("review", (1, 2, 7))])
def test_recovered_transforms_are_the_backends(
    scan: str, pages: tuple[int, ...], request: pytest.FixtureRequest
) -> None:
    fixture: ScanFixture = request.getfixturevalue(scan)
    for page in pages:
        assert _close(scan_transform(fixture.path, page), fixture.transforms[page]), page


def _line_near(ink: np.ndarray, rect: tuple[int, int, int, int], side: str) -> bool:
    """Whether a dark ruling line runs along one side of a pixel rect (within LINE_SLACK_PX): two
    neighbouring pixel rows (or columns) there are inked along LINE_COVER of the side, corners left out
    (a scanned hairline falls between two rows and fades in places)."""
    x0, y0, x1, y1 = rect
    horizontal = side in ("top", "bottom")
    band = ink if horizontal else ink.T
    start, stop = (x0, x1) if horizontal else (y0, y1)
    at = {"top": y0, "bottom": y1, "left": x0, "right": x1}[side]
    for line in range(at - LINE_SLACK_PX, at + LINE_SLACK_PX):
        if line >= 0 and line + 1 < band.shape[0]:
            run = (
                band[line, start + EDGE_INSET_PX : stop - EDGE_INSET_PX]
                | band[line + 1, start + EDGE_INSET_PX : stop - EDGE_INSET_PX]
            )
            if run.size and float(run.mean()) >= LINE_COVER:
                return True
    return False


def _cells_on_lines(fixture: ScanFixture, page: int, transform: ScanTransform) -> dict[str, bool]:
    """For each table value of a page, whether its cell box — placed on the page image by the display
    frame's rule (A4_WIDTH_PT wide, the alignment shift undone) — runs along the scan's ruling lines on
    all four sides. The page image is drawn without highlights, so nothing covers a line."""
    image = decode(render_page(fixture.path, "ocr", page, [], LINES_PAGE, transform=transform))
    ink = gray(image) < LINE_INK
    scale = image.shape[1] / A4_WIDTH_PT
    out: dict[str, bool] = {}
    for value in (
        v for v in fixture.values if v.in_table and v.page == page and not v.name.endswith("_seal")
    ):
        x0, y0, x1, y1 = value.bbox
        shift = transform.shift_pt
        rect = (
            round((x0 - shift) * scale),
            round(y0 * scale),
            round((x1 - shift) * scale),
            round(y1 * scale),
        )
        out[value.name] = all(_line_near(ink, rect, side) for side in ("top", "bottom", "left", "right"))
    return out


def test_cell_boxes_are_drawn_on_the_scans_ruling_lines(review: ScanFixture) -> None:
    results: dict[str, bool] = {}
    for page in range(3, 15):
        results.update(_cells_on_lines(review, page, review.transforms[page]))
    assert len(results) > 60
    assert sum(results.values()) >= 0.97 * len(results), sorted(
        name for name, ok in results.items() if not ok
    )


def test_a_wrong_skew_or_shift_moves_the_boxes_off_the_lines(review: ScanFixture) -> None:
    right = review.transforms[9]
    assert abs(right.skew) > 1
    unskewed = ScanTransform(right.turn, 0.0, right.shift_pt)
    shifted = ScanTransform(right.turn, right.skew, right.shift_pt + 3.0)
    placed = _cells_on_lines(review, 9, right)
    assert len(placed) >= 5 and sum(placed.values()) >= 0.9 * len(placed)
    assert sum(_cells_on_lines(review, 9, unskewed).values()) <= 0.5 * len(placed)
    assert sum(_cells_on_lines(review, 9, shifted).values()) <= 0.5 * len(placed)


def test_every_scan_value_crop_holds_ink(application: ScanFixture) -> None:
    values = [v for v in application.values if v.page <= 6]
    assert len(values) > 40
    blank = [
        v.name
        for v in values
        if not has_ink(
            decode(
                render_crop(application.path, "ocr", v.page, v.bbox, transform=application.transforms[v.page])
            )
        )
    ]
    assert blank == []


def test_an_upside_down_page_is_shown_upright(review: ScanFixture) -> None:
    assert review.transforms[2].turn == 180

    def upside_down(transform: ScanTransform | None) -> float:
        page = decode(render_page(review.path, "ocr", 2, [], transform=transform))
        probability = page_upside_down_probability(page)
        assert probability is not None
        return probability

    assert upside_down(None) < 0.2
    assert upside_down(review.transforms[2]) < 0.2
    assert upside_down(ScanTransform(0, review.transforms[2].skew)) > 0.8


def test_a_scan_page_image_is_a4_shaped_and_holds_ink(application: ScanFixture) -> None:
    image = decode(render_page(APPLICATION, "ocr", 4, [], transform=application.transforms[4]))
    assert image.shape[1] == 1100
    assert abs(image.shape[0] / image.shape[1] - 1754 / 1241) < 0.01
    assert has_ink(image)
    assert cv2.countNonZero(gray(image)) > 0


def test_a_standard_resolution_fax_page_is_the_page_the_backend_read() -> None:
    # a G4 fax at 200 × 100 dpi: the evidence must stretch it as the backend did, or every box is off
    fax = (
        Path(__file__).resolve().parents[2] / "extractors" / "ocr" / "data" / "fax_standard_review_4pages.tif"
    )
    settings = RenderSettings()
    backend_page = path_to_images(fax, settings.ocr_dpi, 80)[1]
    shown = working_page(fax, 2, settings, time.monotonic() + 30)
    assert shown.shape == backend_page.shape and shown.shape[0] > shown.shape[1]
    assert np.array_equal(shown, backend_page)


def test_a_photographed_page_is_the_flattened_page_the_backend_read() -> None:
    # a phone photo of a sheet on a desk: the backend flattens it before straightening, so must the evidence
    photo = (
        Path(__file__).resolve().parents[2] / "extractors" / "ocr" / "data" / "photo_review_page3_small.jpg"
    )
    settings = RenderSettings()
    backend_page, photographed = photo_to_page(path_to_images(photo, settings.ocr_dpi, 80)[0])
    shown = working_page(photo, 1, settings, time.monotonic() + 30)
    assert photographed and shown.shape == backend_page.shape
    assert np.array_equal(shown, backend_page)
