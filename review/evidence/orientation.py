"""Whether a straightened scan page lies upside down, told by PP-OCR's text-direction classifier.

The OCR backend reads a page again turned by 180° when it reads poorly upright (a sheet fed in upside
down), and stores nothing of it in the record. Reading the page again costs seconds; the 0°/180°
text-line classifier shipped inside RapidOCR (`ch_ppocr_mobile_v2.0_cls_mobile.onnx`, the one
RapidOCR itself runs before recognition) tells the same from a few text lines in milliseconds. Lines
are found on the ink without ruling lines (characters joined across their gaps); the widest
MAX_LINES are classified and the page is upside down when their mean 180° probability is over one
half. On the 29 pages of the sample scans (each also turned) upright pages score ≤ 0.08, turned ones ≥ 0.95.
"""

from __future__ import annotations

import functools
import logging
from importlib.resources import files

import cv2
import numpy as np
import onnxruntime as ort

from extractors.ocr.preprocess import gray_to_faint_ink, gray_to_ink, page_to_gray
from extractors.ocr.ruling import Ruling, ink_to_ruling
from review.evidence.frame import Pixels

logger = logging.getLogger(__name__)

CLS_PACKAGE = "rapidocr"
CLS_MODEL = "models/ch_ppocr_mobile_v2.0_cls_mobile.onnx"
CLS_HEIGHT = 48
CLS_WIDTH = 192
MAX_LINES = 10
JOIN_MM = 2.0
"""Characters of one line lie closer than this; they are joined into one blob to find the line."""
LINE_MIN_MM = 2.5
LINE_MAX_MM = 8.0
LINE_ASPECT = 4.0
LINE_PAD = 3
UPSIDE_DOWN = 0.5


@functools.cache
def _session() -> ort.InferenceSession | None:
    """The classifier's ONNX session, loaded once per process (None when the model is missing)."""
    model = files(CLS_PACKAGE).joinpath(CLS_MODEL)
    if not model.is_file():
        logger.warning(
            "text direction model %s not found: upside-down scan pages are not detected", CLS_MODEL
        )
        return None
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(model.read_bytes(), options, providers=["CPUExecutionProvider"])


def text_ink(gray: Pixels, ruling: Ruling) -> Pixels:
    """Given a grayscale page and its ruling, return its ink without the ruling lines."""
    return np.asarray(cv2.bitwise_and(gray_to_ink(gray), cv2.bitwise_not(ruling.lines)), np.uint8)


def text_lines(gray: Pixels, text_ink: Pixels) -> list[Pixels]:
    """Given a grayscale page and its ink without ruling lines, return crops of its widest text lines."""
    px_per_mm = gray.shape[1] / 210.0
    joined = cv2.dilate(text_ink, np.ones((1, max(3, round(JOIN_MM * px_per_mm))), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    low, high = LINE_MIN_MM * px_per_mm, LINE_MAX_MM * px_per_mm
    lines = [
        (int(w), int(x), int(y), int(h))
        for x, y, w, h, _ in stats[1:]
        if low <= h <= high and w >= LINE_ASPECT * h
    ]
    lines.sort(reverse=True)
    return [
        gray[max(0, y - LINE_PAD) : y + h + LINE_PAD, max(0, x - LINE_PAD) : x + w + LINE_PAD]
        for w, x, y, h in lines[:MAX_LINES]
    ]


def _normalised(crop: Pixels) -> np.ndarray:
    """Given a grayscale line crop, return the classifier's input: 3 × 48 × 192, scaled to -1..1, padded."""
    height, width = crop.shape[:2]
    resized_w = min(CLS_WIDTH, int(np.ceil(CLS_HEIGHT * width / height)))
    resized = cv2.resize(crop, (resized_w, CLS_HEIGHT)).astype(np.float32) / 127.5 - 1.0
    out = np.zeros((3, CLS_HEIGHT, CLS_WIDTH), np.float32)
    out[:, :, :resized_w] = resized[np.newaxis]
    return out


def upside_down_probability(gray: Pixels, text_ink: Pixels) -> float | None:
    """Given a grayscale page and its ink without ruling lines, return the mean probability that its
    text lines read upside down (None without lines or without the model)."""
    session = _session()
    lines = text_lines(gray, text_ink)
    if session is None or not lines:
        return None
    batch = np.stack([_normalised(line) for line in lines])
    probabilities = session.run(None, {session.get_inputs()[0].name: batch})[0]
    return float(np.mean(probabilities[:, 1]))


def is_upside_down(gray: Pixels, text_ink: Pixels) -> bool:
    """Given a grayscale page and its ink without ruling lines, return whether it lies upside down."""
    probability = upside_down_probability(gray, text_ink)
    return probability is not None and probability > UPSIDE_DOWN


def page_upside_down_probability(page: Pixels) -> float | None:
    """Given a straightened BGR page, return the probability that it reads upside down (see above)."""
    gray = page_to_gray(page)
    return upside_down_probability(gray, text_ink(gray, ink_to_ruling(gray_to_faint_ink(gray))))
