"""Stage `image_to_png`: highlights drawn onto a rendered image, then PNG bytes within the output caps."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from review.evidence.errors import EvidenceError
from review.evidence.frame import Pixels, Viewport
from review.evidence.settings import RenderSettings
from schema.document import BBox

PNG_COMPRESSION = 3
PNG_FILTER = cv2.IMWRITE_PNG_FILTER_NONE
PNG_OPTIONS = [cv2.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION, cv2.IMWRITE_PNG_FILTER, PNG_FILTER]
"""zlib level 3 on unfiltered rows: a typed page in ~15 ms at the size the default adaptive filters reach
in ~70 ms; a scan page 20 % larger in a quarter of the time (measured on 1100 px pages)."""


def _bgr(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return rgb[2], rgb[1], rgb[0]


def box_pixels(box: BBox, viewport: Viewport, min_side: int) -> tuple[int, int, int, int]:
    """Given a box in the display frame, the image's viewport and a minimum side, return the box in
    whole pixels (x0, y0, x1, y1), grown about its centre to at least min_side each way."""
    x0, y0, x1, y1 = viewport.to_pixels(box)
    grow_x = max(0.0, (min_side - (x1 - x0)) / 2)
    grow_y = max(0.0, (min_side - (y1 - y0)) / 2)
    return round(x0 - grow_x), round(y0 - grow_y), round(x1 + grow_x), round(y1 + grow_y)


def draw_highlights(
    image: Pixels, viewport: Viewport, boxes: Sequence[BBox], settings: RenderSettings
) -> Pixels:
    """Given a rendered image, its viewport and boxes in the display frame, return a copy with each box
    filled semi-transparently and outlined just outside (the outline never covers the value)."""
    out = image.copy()
    height, width = out.shape[:2]
    fill = np.array(_bgr(settings.fill_rgb), dtype=np.float32)
    half = (settings.outline_px + 1) // 2
    for box in boxes:
        x0, y0, x1, y1 = box_pixels(box, viewport, settings.min_box_px)
        cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
        if cx1 > cx0 and cy1 > cy0:
            area = out[cy0:cy1, cx0:cx1].astype(np.float32)
            out[cy0:cy1, cx0:cx1] = (area * (1 - settings.fill_alpha) + fill * settings.fill_alpha).astype(
                np.uint8
            )
        corner0, corner1 = (x0 - half, y0 - half), (x1 + half - 1, y1 + half - 1)
        cv2.rectangle(out, corner0, corner1, _bgr(settings.outline_rgb), settings.outline_px)
    return out


def checked_output_size(width: int, height: int, settings: RenderSettings) -> None:
    """Given an image size about to be rendered, raise EvidenceError when it exceeds max_output_pixels."""
    if width * height > settings.max_output_pixels:
        raise EvidenceError(
            f"证据图像过大（{width}×{height} 像素）", f"evidence image too large ({width}x{height} px)"
        )


def image_to_png(image: Pixels, settings: RenderSettings) -> bytes:
    """Given an image (BGR), return its PNG bytes; raise EvidenceError over max_png_bytes."""
    ok, encoded = cv2.imencode(".png", image, PNG_OPTIONS)
    if not ok:
        raise EvidenceError("证据图像无法编码", "PNG encoding failed")
    data = encoded.tobytes()
    if len(data) > settings.max_png_bytes:
        raise EvidenceError("证据图像过大", f"PNG of {len(data)} bytes exceeds {settings.max_png_bytes}")
    return data
