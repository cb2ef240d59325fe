"""Record the raw output of both OCR engines on a small crop of a sample scan, as JSON fixtures.

Run from the repository root (after changing an engine adapter or upgrading an engine):

    .venv/bin/python tests/extractors/ocr/record_engines.py

Writes `data/crop_industry.png` (the 集群总产值 row of the application scan, page 4),
`data/rapidocr_crop_industry.json` (boxes, txts, scores) and `data/tesseract_crop_industry.json`
(pytesseract `image_to_data` dict). Unit tests feed these to the adapters without any engine.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import cv2
import numpy as np
import pytesseract
from rapidocr import RapidOCR
from rapidocr.utils.output import RapidOCROutput

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
SCAN = ROOT / "sample_docs" / "scans" / "00_application_clean.tif"
PAGE, ROWS, COLS = 3, (440, 540), (130, 1090)


def main() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _, pages = cv2.imreadmulti(str(SCAN))
    crop = np.ascontiguousarray(pages[PAGE][ROWS[0] : ROWS[1], COLS[0] : COLS[1], 2])
    cv2.imwrite(str(DATA / "crop_industry.png"), crop)
    engine = RapidOCR(params={"Global.log_level": "warning", "Global.use_cls": False})
    output = engine(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    assert isinstance(output, RapidOCROutput) and output.boxes is not None
    rapid = {
        "boxes": [[[float(v) for v in point] for point in quad] for quad in output.boxes],
        "txts": list(output.txts or ()),
        "scores": [float(s) for s in output.scores or ()],
    }
    (DATA / "rapidocr_crop_industry.json").write_text(json.dumps(rapid, ensure_ascii=False, indent=1) + "\n")
    data = pytesseract.image_to_data(
        crop, lang="chi_sim", config="--psm 6", output_type=pytesseract.Output.DICT
    )
    (DATA / "tesseract_crop_industry.json").write_text(json.dumps(data, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
