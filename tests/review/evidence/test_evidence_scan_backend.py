"""Against the real OCR backend and engine (slow: runs in CI): the transforms recovered for a scan are
the ones the backend applies — on every page of both sample scans and on a scan fed in sideways,
shifted and upside down — and the engine reads in a value's crop what the backend read there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from evidence_images import decode, gray
from record_scan_fixtures import RecordingExtractor, page_transforms
from scan_fixtures import APPLICATION, REVIEW, load_fixture, make_variant

from extractors.ocr.engines.factory import options_to_engine
from extractors.ocr.options import OcrOptions
from review.evidence import EvidenceCache, ScanTransform, render_crop

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def threads() -> Iterator[None]:
    old = os.environ.get("EXTRACT_OCR_THREADS")
    os.environ["EXTRACT_OCR_THREADS"] = "2"
    yield
    if old is None:
        os.environ.pop("EXTRACT_OCR_THREADS")
    else:
        os.environ["EXTRACT_OCR_THREADS"] = old


def _same(recovered: ScanTransform, backend: ScanTransform) -> bool:
    return (
        recovered.turn == backend.turn
        and abs(recovered.skew - backend.skew) <= 0.05
        and abs(recovered.shift_pt - backend.shift_pt) <= 0.5
    )


@pytest.mark.parametrize("scan", [APPLICATION, REVIEW])
def test_every_page_recovers_the_recorded_backend_transform(scan: Path, tmp_path: Path) -> None:
    fixture = load_fixture(scan)
    cache = EvidenceCache(tmp_path)
    wrong = {
        page: (cache.scan_transform(scan, page), backend)
        for page, backend in fixture.transforms.items()
        if not _same(cache.scan_transform(scan, page), backend)
    }
    assert wrong == {}


def test_the_backend_turns_and_shifts_the_variant_scan_as_recovered(tmp_path: Path, threads: None) -> None:
    variant = make_variant(tmp_path)
    backend = {
        int(p["page"]): ScanTransform(int(p["turn"]), float(p["skew"]), float(p["shift_pt"]))
        for p in page_transforms(RecordingExtractor().read_pages(variant))
    }
    assert backend[3].turn == 90 and backend[5].turn == 180 and backend[4].shift_pt < -15
    cache = EvidenceCache(tmp_path / "cache")
    assert {
        page: cache.scan_transform(variant, page)
        for page in backend
        if not _same(cache.scan_transform(variant, page), backend[page])
    } == {}


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def test_the_engine_reads_in_a_crop_what_the_backend_read_there(threads: None) -> None:
    fixture = load_fixture(APPLICATION)
    engine = options_to_engine(OcrOptions.resolve())
    values = [v for v in fixture.values if v.text and len(_digits(v.text)) >= 2 and "\n" not in v.text][:24]
    assert len(values) >= 15
    read = []
    for value in values:
        crop = decode(
            render_crop(APPLICATION, "ocr", value.page, value.bbox, transform=fixture.transforms[value.page])
        )
        words = engine.read(gray(crop))
        read.append(_digits(value.text or "") in _digits("".join(w.text for w in words)))
    assert sum(read) >= 0.8 * len(values)
