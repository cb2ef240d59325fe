"""The speed-ups keep results: pages read in parallel, projection-profile deskew, vectorised box sides."""

from __future__ import annotations

import random
import threading
import time

import cv2
import numpy as np
import pytest
from ocr_drawing import blank

from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.geometry import OcrWord
from extractors.ocr.options import OcrOptions
from extractors.ocr.page import MIN_READ_SIDE, READ_MARGIN, read_inked
from extractors.ocr.parallel import EnginePool, map_pages
from extractors.ocr.preprocess import estimate_skew, gray_to_ink, page_to_gray, rotate
from extractors.ocr.ticks import SQUARE_TOLERANCE, _candidate_pairs, _segments
from schema.document import BBox


class CountingEngine:
    """A stand-in engine that notices being used by two threads at once."""

    def __init__(self, number: int) -> None:
        self.number = number
        self._busy = threading.Lock()

    def use(self, page: int) -> tuple[int, int]:
        if not self._busy.acquire(blocking=False):
            raise AssertionError(f"engine {self.number} used by two threads at once")
        try:
            time.sleep(random.uniform(0.0, 0.01))
            return page, self.number
        finally:
            self._busy.release()


def _pool(size: int, made: list[int]) -> EnginePool[CountingEngine]:
    def factory(number: int) -> CountingEngine:
        made.append(number)
        return CountingEngine(number)

    return EnginePool(factory, size)


def test_parallel_map_keeps_page_order_and_one_engine_per_worker() -> None:
    made: list[int] = []
    pool = _pool(2, made)
    results = map_pages(lambda engine, page: engine.use(page), list(range(20)), pool)
    assert [page for page, _ in results] == list(range(20))
    assert sorted(made) == [0, 1]
    assert map_pages(lambda engine, page: engine.use(page), list(range(5)), pool)[0][0] == 0
    assert sorted(made) == [0, 1]


def test_parallel_map_raises_the_first_failing_page_and_the_pool_stays_usable() -> None:
    pool = _pool(2, [])

    def read(engine: CountingEngine, page: int) -> tuple[int, int]:
        if page in (3, 7):
            raise ValueError(f"page {page} unreadable")
        return engine.use(page)

    with pytest.raises(ValueError, match="page 3"):
        map_pages(read, list(range(10)), pool)
    assert len(map_pages(lambda engine, page: engine.use(page), [1, 2, 3], pool)) == 3


def test_one_worker_or_one_page_reads_in_the_calling_thread() -> None:
    made: list[int] = []
    caller = threading.get_ident()
    threads = map_pages(lambda _engine, _page: threading.get_ident(), [1], _pool(2, made))
    assert threads == [caller]
    assert map_pages(lambda _engine, _page: threading.get_ident(), [1, 2], _pool(1, [])) == [caller] * 2
    assert made == [0]


def test_an_engine_that_cannot_be_made_is_retried() -> None:
    attempts: list[int] = []

    def factory(number: int) -> CountingEngine:
        attempts.append(number)
        if len(attempts) == 1:
            raise RuntimeError("model missing")
        return CountingEngine(number)

    pool: EnginePool[CountingEngine] = EnginePool(factory, 1)
    with pytest.raises(RuntimeError):
        map_pages(lambda engine, page: engine.use(page), [1], pool)
    assert map_pages(lambda engine, page: engine.use(page), [1], pool) == [(1, 0)]
    with pytest.raises(ValueError):
        EnginePool(factory, 0)


def test_workers_option_validated_resolved_and_sharing_the_threads() -> None:
    assert OcrOptions().workers == 2
    assert OcrOptions.resolve({"EXTRACT_OCR_WORKERS": "3"}).workers == 3
    with pytest.raises(ValueError, match="workers"):
        OcrOptions(workers=0)
    with pytest.raises(ValueError, match="workers"):
        OcrOptions.resolve({"EXTRACT_OCR_WORKERS": "0"})
    assert OcrOptions(threads=2, workers=2).engine_threads == 1
    assert OcrOptions(threads=4, workers=2).engine_threads == 2
    assert OcrOptions(threads=1, workers=2).engine_threads == 1
    assert OcrOptions(threads=2, workers=1).engine_threads == 2


def _text_page() -> np.ndarray:
    page = blank()
    for y in range(150, 1600, 45):
        cv2.putText(page, "lorem ipsum dolor " * 3, (80, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
    return page


@pytest.mark.parametrize("angle", [0.0, 0.4, -1.3, 3.0])
def test_skew_of_a_text_only_page(angle: float) -> None:
    skewed = rotate(_text_page(), angle) if angle else _text_page()
    assert estimate_skew(gray_to_ink(page_to_gray(skewed))) == pytest.approx(angle, abs=0.1)


def test_blank_page_has_no_skew() -> None:
    assert estimate_skew(gray_to_ink(page_to_gray(blank()))) == 0.0


def _segments_by_loop(mask: np.ndarray, low: float, high: float) -> list[tuple[int, int, int]]:
    found = []
    for y in range(mask.shape[0]):
        x = 0
        while x < mask.shape[1]:
            if mask[y, x]:
                start = x
                while x < mask.shape[1] and mask[y, x]:
                    x += 1
                if low <= x - start <= high:
                    found.append((start, x - 1, y))
            x += 1
    return found


def _pairs_by_loop(segments: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    pairs = []
    for n, top in enumerate(segments):
        for m in range(n + 1, len(segments)):
            bottom = segments[m]
            if bottom[2] - top[2] > (top[1] - top[0]) * (1 + SQUARE_TOLERANCE):
                break
            if abs(bottom[0] - top[0]) > 3 or abs(bottom[1] - top[1]) > 3:
                continue
            inner = min(top[1], bottom[1]) - max(top[0], bottom[0])
            outer = max(top[1], bottom[1]) - min(top[0], bottom[0])
            height = bottom[2] - top[2]
            if any(
                (1 - SQUARE_TOLERANCE) * k <= height <= (1 + SQUARE_TOLERANCE) * k for k in (inner, outer)
            ):
                pairs.append((n, m))
    return pairs


def test_box_sides_and_pairs_match_the_plain_loops() -> None:
    rng = np.random.default_rng(7)
    mask = np.where(rng.random((120, 90)) < 0.7, 255, 0).astype(np.uint8)
    segments = _segments(mask, 3, 12)
    assert segments == _segments_by_loop(mask, 3, 12)
    assert segments
    tops, bottoms = _candidate_pairs(np.array(segments, dtype=np.int64).reshape(-1, 3))
    assert list(zip(tops.tolist(), bottoms.tolist(), strict=True)) == _pairs_by_loop(segments)
    assert _segments(np.zeros((5, 5), np.uint8), 1, 3) == []
    empty = _candidate_pairs(np.zeros((0, 3), np.int64))
    assert empty[0].size == empty[1].size == 0


class RecordingEngine(OcrEngine):
    """A stand-in page engine: remembers the image it was given, finds one word at its top left."""

    name = "recording"

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def read(self, image: np.ndarray) -> list[OcrWord]:
        self.shapes.append(image.shape)
        return [OcrWord("字", BBox(10, 20, 30, 40), 0.99)]

    def recognize(self, image: np.ndarray) -> tuple[str, float]:
        return ("", 0.0)


def test_only_the_inked_part_of_the_page_is_read_in_page_pixels() -> None:
    clean = np.full((1754, 1241), 255, np.uint8)
    ink = np.zeros_like(clean)
    ink[300:1400, 150:1100] = 255
    engine = RecordingEngine()
    words = read_inked(engine, clean, ink)
    assert engine.shapes == [(1100 + 2 * READ_MARGIN, 950 + 2 * READ_MARGIN)]
    assert words[0].bbox == BBox(
        10 + 150 - READ_MARGIN, 20 + 300 - READ_MARGIN, 30 + 150 - READ_MARGIN, 40 + 300 - READ_MARGIN
    )


def test_a_small_inked_part_is_read_at_least_min_side_large_and_a_blank_page_whole() -> None:
    clean = np.full((1754, 1241), 255, np.uint8)
    ink = np.zeros_like(clean)
    ink[1700:1720, 1200:1230] = 255
    engine = RecordingEngine()
    read_inked(engine, clean, ink)
    read_inked(engine, clean, np.zeros_like(clean))
    assert engine.shapes == [(MIN_READ_SIDE, MIN_READ_SIDE), (1754, 1241)]
