"""EvidenceCache: a second request is a read, keys follow content and settings, writes are atomic under
concurrent writers, the folder stays under its size cap (least recently used out first)."""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from review.evidence import EvidenceCache, EvidenceError, RenderSettings, ScanTransform
from review.evidence import cache as cache_module
from review.evidence.scan_geometry import PageGeometry

TYPED = Path(__file__).resolve().parents[3] / "sample_docs" / "pdf" / "00_application_clean.pdf"
BOX = (246.9, 240.95, 337.6, 268.65)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the drawings the cache asks for."""
    calls: list[str] = []
    real_crop, real_page = cache_module.crop_png, cache_module.page_png

    def crop(*args: object, **kwargs: object) -> bytes:
        calls.append("crop")
        return real_crop(*args, **kwargs)  # type: ignore[arg-type]

    def page(*args: object, **kwargs: object) -> bytes:
        calls.append("page")
        return real_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module, "crop_png", crop)
    monkeypatch.setattr(cache_module, "page_png", page)
    return calls


def test_a_second_request_is_a_read(tmp_path: Path, renders: list[str]) -> None:
    cache = EvidenceCache(tmp_path / "cache")
    first = cache.crop_png(TYPED, "pdf", 4, BOX)
    again = cache.crop_png(TYPED, "pdf", 4, BOX)
    page = cache.page_png(TYPED, "pdf", 4, [BOX])
    assert first == again and first.startswith(b"\x89PNG") and page != first
    assert renders == ["crop", "page"]
    assert len(list((tmp_path / "cache").glob("*/*.png"))) == 2
    assert EvidenceCache(tmp_path / "cache").crop_png(TYPED, "pdf", 4, BOX) == first
    assert renders == ["crop", "page"]


def test_keys_follow_content_box_page_and_settings(tmp_path: Path, renders: list[str]) -> None:
    cache = EvidenceCache(tmp_path / "cache")
    copy = tmp_path / "renamed.pdf"
    shutil.copy(TYPED, copy)
    cache.crop_png(TYPED, "pdf", 4, BOX)
    cache.crop_png(copy, "pdf", 4, BOX)
    cache.crop_png(TYPED, "pdf", 4, (BOX[0] + 0.01, *BOX[1:]))
    assert renders == ["crop"]
    cache.crop_png(TYPED, "pdf", 4, (BOX[0] + 1.0, *BOX[1:]))
    cache.crop_png(TYPED, "pdf", 5, BOX)
    cache.crop_png(TYPED, "pdf", 4, BOX, RenderSettings(crop_zoom=2.0))
    assert len(renders) == 4
    copy.write_bytes(copy.read_bytes() + b"\n% changed\n")
    cache.crop_png(copy, "pdf", 4, BOX)
    assert len(renders) == 5
    cache.crop_png(TYPED, "pdf", 4, BOX, sha256="f" * 64)
    assert len(renders) == 6


def test_scan_page_geometries_are_computed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[int] = []
    computed: list[int] = []
    borders = {1: None, 2: 70.0, 3: 71.5}

    def working(original: Path, number: int, settings: RenderSettings, deadline: float) -> np.ndarray:
        decoded.append(number)
        return np.full((4, 4, 3), number, np.uint8)

    def geometry(page: np.ndarray, deadline: float) -> PageGeometry:
        computed.append(int(page[0, 0, 0]))
        return PageGeometry(turn=0, skew=0.5, border_pt=borders[int(page[0, 0, 0])])

    monkeypatch.setattr(cache_module, "working_page", working)
    monkeypatch.setattr(cache_module, "timed_geometry", geometry)
    cache = EvidenceCache(tmp_path / "cache")
    assert cache.scan_transform(TYPED, 3) == ScanTransform(0, 0.5, -1.5)
    assert computed == [3, 1, 2] and decoded == [3, 1, 2]
    assert cache.scan_transform(TYPED, 3) == ScanTransform(0, 0.5, -1.5)
    assert cache.scan_transform(TYPED, 2) == ScanTransform(0, 0.5, 0.0)
    assert EvidenceCache(tmp_path / "cache").scan_transform(TYPED, 3) == ScanTransform(0, 0.5, -1.5)
    assert computed == [3, 1, 2] and decoded == [3, 1, 2]
    borders[4] = None
    cache.prepare(TYPED, [4])
    assert computed == [3, 1, 2, 4], "a page without a table border needs no other page"
    assert cache.scan_transform(TYPED, 4) == ScanTransform(0, 0.5, 0.0)
    assert computed == [3, 1, 2, 4]


def test_a_finding_on_a_scan_decodes_its_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = Path(__file__).resolve().parents[3] / "sample_docs" / "scans" / "00_application_clean.tif"
    decoded: list[int] = []
    real = cache_module.working_page

    def working(original: Path, number: int, settings: RenderSettings, deadline: float) -> np.ndarray:
        decoded.append(number)
        return real(original, number, settings, deadline)

    monkeypatch.setattr(cache_module, "working_page", working)
    cache = EvidenceCache(tmp_path / "cache")
    box = (246.7, 240.6, 337.4, 268.3)
    page = cache.page_png(scan, "ocr", 4, [box])
    crop = cache.crop_png(scan, "ocr", 4, box)
    assert page.startswith(b"\x89PNG") and crop.startswith(b"\x89PNG")
    assert decoded.count(4) == 1 and 3 in decoded


def test_the_folder_stays_under_its_cap_least_recently_used_out_first(tmp_path: Path) -> None:
    cache = EvidenceCache(tmp_path / "cache", max_megabytes=0.1)
    keys = [EvidenceCache.key("crop", f"{i:064x}", "pdf", 1, [], "") for i in range(12)]
    for i, key in enumerate(keys):
        cache.write(key, ".png", bytes([i]) * 20_000)
        time.sleep(0.01)
        if i >= 1:
            assert cache.read(keys[0], ".png") is not None, "a used entry is kept"
    sizes = sum(path.stat().st_size for path in (tmp_path / "cache").glob("*/*"))
    assert sizes <= 0.1 * 1024 * 1024
    assert cache.read(keys[1], ".png") is None
    assert cache.read(keys[-1], ".png") == bytes([11]) * 20_000


def test_concurrent_writers_never_leave_a_partial_entry(tmp_path: Path) -> None:
    cache = EvidenceCache(tmp_path / "cache")
    shared = EvidenceCache.key("page", "0" * 64, "pdf", 1, [], "")
    payloads = [bytes([i]) * 3_000_000 for i in range(8)]

    def write(i: int) -> None:
        cache.write(shared, ".png", payloads[i])
        cache.write(EvidenceCache.key("page", "0" * 64, "pdf", 2 + i, [], ""), ".png", payloads[i])

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    assert cache.read(shared, ".png") in payloads
    files = list((tmp_path / "cache").glob("*/*"))
    assert len(files) == 9
    assert not [f for f in files if f.name.startswith(cache_module.TEMP_PREFIX)]


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    cache = EvidenceCache(tmp_path / "cache")
    folder = tmp_path / "cache" / "ab"
    folder.mkdir()
    stale = folder / f"{cache_module.TEMP_PREFIX}crashed"
    stale.write_bytes(b"x")
    old = time.time() - 2 * cache_module.STALE_TEMP_SECONDS
    os.utime(stale, (old, old))
    cache.evict()
    assert not stale.exists()


def test_a_missing_original_is_an_evidence_error(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError):
        EvidenceCache(tmp_path / "cache").crop_png(tmp_path / "gone.pdf", "pdf", 1, BOX)


def test_a_damaged_geometry_entry_is_computed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    computed: list[int] = []

    def geometry(page: np.ndarray, deadline: float) -> PageGeometry:
        computed.append(1)
        return PageGeometry(turn=180, skew=0.25, border_pt=None)

    monkeypatch.setattr(cache_module, "working_page", lambda *args: np.zeros((4, 4, 3), np.uint8))
    monkeypatch.setattr(cache_module, "timed_geometry", geometry)
    cache = EvidenceCache(tmp_path / "cache")
    assert cache.scan_transform(TYPED, 1) == ScanTransform(180, 0.25, 0.0)
    for entry in (tmp_path / "cache").glob("*/*.json"):
        entry.write_text("{not json")
    assert cache.scan_transform(TYPED, 1) == ScanTransform(180, 0.25, 0.0)
    assert computed == [1, 1]


def test_a_given_transform_is_used_and_keyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = Path(__file__).resolve().parents[3] / "sample_docs" / "scans" / "00_application_clean.tif"

    def no_recovery(*args: object, **kwargs: object) -> ScanTransform:
        raise AssertionError("the transform was given")

    monkeypatch.setattr(EvidenceCache, "scan_transform", no_recovery)
    cache = EvidenceCache(tmp_path / "cache")
    box = (246.7, 240.6, 337.4, 268.3)
    upright = cache.crop_png(scan, "ocr", 4, box, transform=ScanTransform(0, 0.0, 0.0))
    turned = cache.crop_png(scan, "ocr", 4, box, transform=ScanTransform(180, 0.0, 0.0))
    assert upright != turned
