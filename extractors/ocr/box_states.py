"""Stage `crops_to_states`: a printed box's state from a small trained classifier on its crop.

Meant to become the one decision for every box candidate (outlined, filled, faint, or anchored at
the place its option's text needs it), replacing the pixel rules of `ticks.py` and the fixed
confidences of the repair passes; not yet wired into the reader: on a fresh varied set it lost
checkbox groups the pixel rules read right (README, "The box classifier"). The crop is the page's
ink with ruling lines removed, around the box: a side of paper left of it (a √ drawn beside the
box), above it (a tick's overflow) and right of it (the option's first character), scaled so the
box is `BoxCropSettings.side` pixels. The model (`models/box_state.onnx`, trained by
`training/box_states.py`, see its model card) gives the probability of each class;
`probabilities_to_tick` turns them into a state and a confidence, the confidence being the
probability of that state. Not-a-box weighs against both states: such a crop is UNKNOWN.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from extractors.ocr.geometry import Image, TickBox, TickState
from schema.document import BBox

MODEL_PATH = Path(__file__).with_name("models") / "box_state.onnx"
CLASSES = ("not_a_box", "empty", "ticked", "crossed", "filled")
"""The model's outputs, in order. `unsure` is no class: it is a state no class is probable enough for."""
MARKED = ("ticked", "crossed", "filled")

Crops = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class BoxCropSettings:
    """The crop the classifier sees: the box `side` px square, with this many box sides of paper
    left, right, above and below it."""

    side: int = 16
    left: float = 1.0
    right: float = 0.75
    above: float = 0.75
    below: float = 0.5

    @property
    def shape(self) -> tuple[int, int]:
        """(height, width) of a crop in pixels."""
        return (
            round(self.side * (1 + self.above + self.below)),
            round(self.side * (1 + self.left + self.right)),
        )

    @property
    def features(self) -> int:
        """The length of one feature vector: the crop's pixels."""
        height, width = self.shape
        return height * width


@dataclass(frozen=True, slots=True)
class BoxStateSettings:
    """How probabilities become a state: a state less probable than `unsure` is UNKNOWN."""

    unsure: float = 0.6


CROP = BoxCropSettings()
STATES = BoxStateSettings()


def box_to_crop(free: Image, box: BBox, settings: BoxCropSettings = CROP, printed: bool = False) -> Crops:
    """Given a page's free ink (uint8 mask, ruling lines removed) and a box, return its
    feature vector: the ink around the box resampled to `settings.shape` (0 paper … 1 ink), row by
    row. The box's size in mm is left out: a page's scale is a guess (a photo, a 2-up sheet, a crop).
    `printed`: the box is known to be printed there (found on a lighter
    ink mask, too grey for this one), so its outline is drawn in first."""
    side = max(1.0, (box.width + box.height) / 2)
    x0, x1 = box.x0 - settings.left * side, box.x1 + settings.right * side
    y0, y1 = box.y0 - settings.above * side, box.y1 + settings.below * side
    height, width = settings.shape
    # An affine map from the window to the crop samples area-weighted (a box of any size, even cut by
    # the page's edge, which reads as paper).
    sx, sy = width / (x1 - x0), height / (y1 - y0)
    left, top = max(0, int(x0) - 2), max(0, int(y0) - 2)
    window = free[top : max(top, int(y1) + 3), left : max(left, int(x1) + 3)]
    ink = np.asarray(window > 0, np.float32)
    x0, y0 = x0 - left, y0 - top
    matrix = np.array([[sx, 0, -x0 * sx], [0, sy, -y0 * sy]], np.float64)
    if ink.size == 0:
        ink = np.zeros((1, 1), np.float32)
    if printed:
        corners = (
            (round(box.x0 - left), round(box.y0 - top)),
            (round(box.x1 - left) - 1, round(box.y1 - top) - 1),
        )
        cv2.rectangle(ink, *corners, 1.0, max(1, round(side / 12)))
    if sx < 1 or sy < 1:
        ink = np.asarray(cv2.blur(ink, (max(1, round(1 / sx)), max(1, round(1 / sy)))), np.float32)
    crop = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=0.0)
    return np.asarray(crop.reshape(-1), np.float32)


@cache
def _session(path: Path) -> object:
    import onnxruntime as ort  # a slow import, paid once per process

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def crops_to_probabilities(crops: Crops, path: Path = MODEL_PATH) -> npt.NDArray[np.float32]:
    """Given feature vectors (n × features), return each one's class probabilities (n × CLASSES)."""
    if len(crops) == 0:
        return np.zeros((0, len(CLASSES)), np.float32)
    session = _session(path)
    (out,) = session.run(None, {"crops": np.ascontiguousarray(crops, np.float32)})  # type: ignore[attr-defined]
    return np.asarray(out, np.float32)


def probabilities_to_tick(
    box: BBox, probabilities: npt.NDArray[np.float32], settings: BoxStateSettings = STATES
) -> TickBox:
    """Given a box and its class probabilities, return its state and that state's probability: a
    marked box (√, ×, filled) is TICKED, an empty one EMPTY, and neither probable enough UNKNOWN
    (its confidence the larger of the two). Not-a-box weighs against both."""
    named = dict(zip(CLASSES, probabilities.tolist(), strict=True))
    marked = sum(named[c] for c in MARKED)
    empty = named["empty"]
    state = TickState.TICKED if marked >= empty else TickState.EMPTY
    confidence = max(marked, empty)
    if confidence < settings.unsure:
        return TickBox(bbox=box, state=TickState.UNKNOWN, confidence=round(confidence, 3))
    return TickBox(bbox=box, state=state, confidence=round(confidence, 3))


def box_to_state(free: Image, box: BBox, settings: BoxStateSettings = STATES) -> TickBox:
    """Given the page's free ink, a box placed where a printed option needs one, and px per mm,
    return its state (never dropped: the form prints a box there, so its outline is drawn in)."""
    probabilities = crops_to_probabilities(box_to_crop(free, box, printed=True)[None, :])[0]
    return probabilities_to_tick(box, probabilities, settings)
