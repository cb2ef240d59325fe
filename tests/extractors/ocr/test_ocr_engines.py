"""Engine adapters against recorded engine output (tests/extractors/ocr/record_engines.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from extractors.ocr.confirm import is_character
from extractors.ocr.engines.rapid import rapid_output_to_words, word_results_to_words
from extractors.ocr.engines.tesseract import tesseract_data_to_words

DATA = Path(__file__).parent / "data"


def _load(name: str) -> dict[str, list[object]]:
    loaded: dict[str, list[object]] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return loaded


def test_rapidocr_quads_become_axis_aligned_words() -> None:
    raw = _load("rapidocr_crop_industry.json")
    boxes = [np.asarray(quad, dtype=np.float64) for quad in raw["boxes"]]
    words = rapid_output_to_words(
        boxes, [str(t) for t in raw["txts"]], [float(str(s)) for s in raw["scores"]]
    )
    texts = [w.text for w in words]
    assert "90.66亿元" in texts
    assert "126.48" in texts
    number = next(w for w in words if w.text == "126.48")
    assert number.bbox.x0 == 770.0 and number.bbox.y1 == 88.0
    assert all(0.0 <= w.confidence <= 1.0 for w in words)


def test_rapidocr_without_detections_gives_no_words() -> None:
    assert rapid_output_to_words(None, (), ()) == []


def test_tesseract_words_joined_per_line_with_weakest_confidence() -> None:
    raw = _load("tesseract_crop_industry.json")
    words = tesseract_data_to_words(raw)
    first = words[0]
    assert first.text.startswith("集群总产值")
    assert "90.66" in "".join(w.text for w in words)
    confidences = [
        float(str(c)) / 100 for c, t in zip(raw["conf"], raw["text"], strict=True) if str(t).strip()
    ]
    assert min(w.confidence for w in words) == min(confidences)


def test_glyph_reading_tells_characters_from_boxes() -> None:
    assert is_character("国", 0.99)
    assert not is_character("□", 0.99)
    assert not is_character("口", 0.99)
    assert not is_character("国", 0.5)
    assert not is_character("", 0.0)


def test_rapidocr_character_boxes_become_one_word_each() -> None:
    results = [
        (
            ("□", 0.95, [[381, 43], [404, 43], [404, 71], [381, 71]]),
            ("是", 0.99, [[404, 43], [428, 43], [428, 71], [404, 71]]),
        ),
        (("否", 0.98, [[441, 41], [479, 41], [479, 70], [441, 70]]),),
    ]
    words = word_results_to_words(results)
    assert [w.text for w in words] == ["□", "是", "否"]
    assert words[2].bbox.x0 == 441.0 and words[2].confidence == 0.98
