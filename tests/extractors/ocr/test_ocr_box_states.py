"""The box-state classifier: its model file, its crop and how probabilities become a state."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort
import pytest

from extractors.ocr.box_states import (
    CLASSES,
    CROP,
    MODEL_PATH,
    box_to_crop,
    box_to_state,
    crops_to_probabilities,
    probabilities_to_tick,
)
from extractors.ocr.geometry import TickState
from schema.document import BBox
from tests.extractors.ocr.ocr_drawing import BOX, draw_box

DATA = Path(__file__).with_name("data")


def test_the_model_takes_the_crop_s_features_and_gives_one_probability_per_class() -> None:
    session = ort.InferenceSession(str(MODEL_PATH), providers=["CPUExecutionProvider"])
    (given,) = session.get_inputs()
    (output,) = session.get_outputs()
    assert given.name == "crops" and given.shape[1] == CROP.features
    assert output.shape[1] == len(CLASSES)
    card = MODEL_PATH.with_suffix(".md").read_text(encoding="utf-8")
    assert "## Validation" in card and "python -m training.box_states" in card


def test_a_crop_is_the_box_s_surroundings_at_a_fixed_size_whatever_the_resolution() -> None:
    small, large = np.zeros((200, 200), np.uint8), np.zeros((400, 400), np.uint8)
    small[50:70, 50:70] = 255
    large[100:140, 100:140] = 255
    a = box_to_crop(small, BBox(50, 50, 70, 70))
    b = box_to_crop(large, BBox(100, 100, 140, 140))
    assert a.shape == b.shape == (CROP.features,)
    assert np.abs(a - b).mean() < 0.02
    cut = box_to_crop(small, BBox(0, 0, 20, 20))  # the page's edge reads as paper
    assert cut.shape == (CROP.features,) and np.isfinite(cut).all()


def test_probabilities_become_the_state_they_make_most_probable_or_unknown() -> None:
    box = BBox(0, 0, 10, 10)

    def tick(*p: float) -> tuple[TickState, float]:
        decided = probabilities_to_tick(box, np.array(p, np.float32))
        return decided.state, decided.confidence

    assert tick(0.0, 0.05, 0.5, 0.4, 0.05) == (TickState.TICKED, 0.95)  # ticked + crossed + filled
    assert tick(0.02, 0.9, 0.04, 0.02, 0.02) == (TickState.EMPTY, 0.9)
    assert tick(0.1, 0.45, 0.45, 0.0, 0.0)[0] is TickState.UNKNOWN
    assert tick(0.9, 0.05, 0.05, 0.0, 0.0)[0] is TickState.UNKNOWN  # a crop that is no box


def _page(mark: str) -> np.ndarray:
    page = np.full((120, 200, 3), 255, np.uint8)
    draw_box(page, 60, 40, mark)
    free = 255 - np.asarray(page.min(axis=2))
    return np.where(free > 96, 255, 0).astype(np.uint8)


@pytest.mark.parametrize(
    ("mark", "state"),
    [
        ("", TickState.EMPTY),
        ("tick", TickState.TICKED),
        ("cross", TickState.TICKED),
        ("fill", TickState.TICKED),
    ],
)
def test_drawn_boxes_are_decided_surely(mark: str, state: TickState) -> None:
    decided = box_to_state(_page(mark), BBox(60, 40, 60 + BOX, 40 + BOX))
    assert decided.state is state and decided.confidence >= 0.9


def test_probabilities_sum_to_one_and_an_empty_batch_is_empty() -> None:
    crops = np.stack([box_to_crop(_page(m), BBox(60, 40, 60 + BOX, 40 + BOX)) for m in ("", "tick")])
    p = crops_to_probabilities(crops)
    assert p.shape == (2, len(CLASSES)) and np.allclose(p.sum(axis=1), 1, atol=1e-5)
    assert crops_to_probabilities(np.zeros((0, CROP.features), np.float32)).shape == (0, len(CLASSES))


def test_a_cross_drawn_far_past_the_box_s_corners_is_never_read_empty() -> None:
    """Four box crops (the classifier's input) of set 9393's filing 02 (200 dpi, a × whose strokes
    run out past the corners): the model takes them for no box, so they must come out UNKNOWN (for
    the operator), never EMPTY."""
    strip = cv2.imread(str(DATA / "crossed_past_corners_crops.png"), cv2.IMREAD_GRAYSCALE)
    _, width = CROP.shape
    crops = np.stack([strip[:, n * width : (n + 1) * width].reshape(-1) / 255.0 for n in range(4)])
    probabilities = crops_to_probabilities(crops.astype(np.float32))
    states = [probabilities_to_tick(BBox(0, 0, 1, 1), p).state for p in probabilities]
    assert TickState.EMPTY not in states
