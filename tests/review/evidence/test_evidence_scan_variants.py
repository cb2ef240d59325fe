"""Scans fed in sideways, upside down or shifted: the recovered transform undoes what the OCR backend
did, so a value's crop shows the same ink as on the plain scan.

The variant is the application scan's pages 1-5 with page 3 (the first with a table border, the
alignment reference) turned a quarter anticlockwise (a landscape sheet: the backend turns it back
by 90°), page 4 moved 40 px right (the backend shifts its boxes back onto page 3's border) and page 5
upside down (the backend reads it turned by 180°). The backend stores the same boxes for these pages
as for the plain scan; `test_evidence_scan_backend.py` (slow) checks that against the backend itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_images import PLAIN_CROP, decode, has_ink, similarity, without_mark
from scan_fixtures import APPLICATION, SHIFT_PX, ScanFixture, load_fixture, make_variant

from extractors.ocr.drafting import points_per_pixel
from review.evidence import EvidenceCache, ScanTransform, render_crop


@pytest.fixture(scope="module")
def variant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_variant(tmp_path_factory.mktemp("variant"))


@pytest.fixture(scope="module")
def application() -> ScanFixture:
    return load_fixture(APPLICATION)


@pytest.fixture(scope="module")
def transforms(variant: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[int, ScanTransform]:
    cache = EvidenceCache(tmp_path_factory.mktemp("cache"))
    return {page: cache.scan_transform(variant, page) for page in (3, 4, 5)}


def test_the_turns_and_the_shift_are_recovered(
    transforms: dict[int, ScanTransform], application: ScanFixture
) -> None:
    plain = application.transforms
    assert transforms[3].turn == 90 and abs(transforms[3].skew - plain[3].skew) <= 0.05
    assert transforms[5].turn == 180 and abs(transforms[5].skew - plain[5].skew) <= 0.05
    assert transforms[4].turn == 0 and abs(transforms[4].skew - plain[4].skew) <= 0.05
    assert abs(transforms[4].shift_pt + SHIFT_PX * points_per_pixel(1241)) <= 0.5
    assert transforms[3].shift_pt == 0.0


@pytest.mark.parametrize("page", [3, 4, 5])
def test_a_value_shows_the_same_ink_as_on_the_plain_scan(
    page: int, variant: Path, transforms: dict[int, ScanTransform], application: ScanFixture
) -> None:
    values = [v for v in application.values if v.page == page][:12]
    assert len(values) >= 5
    inked = 0
    for value in values:
        plain = render_crop(
            APPLICATION, "ocr", page, value.bbox, PLAIN_CROP, transform=application.transforms[page]
        )
        turned = render_crop(variant, "ocr", page, value.bbox, PLAIN_CROP, transform=transforms[page])
        reference, crop = without_mark(decode(plain)), without_mark(decode(turned))
        inked += has_ink(reference)
        assert similarity(crop, reference) > 0.9, value.name
    assert inked >= len(values) - 2


def test_an_unrecovered_turn_would_show_other_ink(variant: Path, application: ScanFixture) -> None:
    value = next(v for v in application.values if v.page == 5)
    plain = decode(
        render_crop(APPLICATION, "ocr", 5, value.bbox, PLAIN_CROP, transform=application.transforms[5])
    )
    unturned = ScanTransform(0, application.transforms[5].skew, 0.0)
    wrong = decode(render_crop(variant, "ocr", 5, value.bbox, PLAIN_CROP, transform=unturned))
    assert similarity(without_mark(wrong), without_mark(plain)) < 0.6
