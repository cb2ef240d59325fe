"""A scanned page as a `PageSource`: the page the OCR backend read, shown upright and deskewed.

The page is decoded as the backend decodes it (every frame of a TIFF, EXIF orientation applied,
pixels made square (a standard-resolution fax), the same downscaling to EXTRACT_OCR_DPI; a scanned PDF
page rendered by PDFium at that dpi or the scan's own lower one; a photographed sheet flattened by the
backend's `photo_to_page`), checked against the pixel cap *before* decoding. The display frame is the
backend's straightened page in points (A4 wide), so a stored box minus the page's alignment shift is
drawn as it is; a region is produced by one affine warp of the working page.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from extractors.errors import DocumentLoadError
from extractors.file_checks import checked_size
from extractors.ocr.drafting import A4_WIDTH_PT, points_per_pixel
from extractors.ocr.headers import declared_resolution, square_pixel_size
from extractors.ocr.pages import IMAGE_SUFFIXES, at_most_dpi, render_dpi, square_pixels
from extractors.ocr.photo import photo_to_page
from review.evidence.errors import EvidenceError
from review.evidence.frame import BoxTuple, Pixels, Viewport
from review.evidence.pdf_source import PDFIUM_LOCK, checked_page, open_document, render_pixels
from review.evidence.scan_geometry import ScanTransform, working_to_straight
from review.evidence.settings import RenderSettings
from schema.document import BBox

MAX_SOURCE_PX_PER_OUTPUT_PX = 2.0
"""A page shown smaller than this is first shrunk by area averaging (a warp alone would alias)."""


class ScanPageSource:
    """A working page (BGR, as the backend read it before straightening) with its transform."""

    def __init__(self, working: Pixels, transform: ScanTransform) -> None:
        self._working = working
        self._transform = transform
        height, width = working.shape[:2]
        self._to_straight, (straight_w, straight_h) = working_to_straight((width, height), transform)
        self._points_per_px = points_per_pixel(straight_w)
        self._size = (A4_WIDTH_PT, straight_h * self._points_per_px)

    @property
    def size(self) -> tuple[float, float]:
        return self._size

    def to_display(self, box: BoxTuple) -> BBox:
        """Given a box as the OCR backend stores it, return it on the straightened page (shift undone)."""
        shift = self._transform.shift_pt
        return BBox(box[0] - shift, box[1], box[2] - shift, box[3])

    def render(self, region: BBox, scale: float) -> tuple[Pixels, Viewport]:
        """Given a region of the straightened page and px per point, return its image and viewport."""
        width = max(1, round(region.width * scale))
        height = max(1, round(region.height * scale))
        output_to_points = np.array(
            [[1 / scale, 0, region.x0 + 0.5 / scale], [0, 1 / scale, region.y0 + 0.5 / scale], [0, 0, 1]]
        )
        points_to_straight = np.diag([1 / self._points_per_px, 1 / self._points_per_px, 1.0])
        to_working = np.linalg.inv(self._to_straight) @ points_to_straight @ output_to_points
        source, to_source = _shrunk(self._working, to_working)
        matrix = (np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]]) @ to_source)[:2]
        image = cv2.warpAffine(
            source,
            matrix,
            (width, height),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderValue=(255, 255, 255),
        )
        return np.ascontiguousarray(image, dtype=np.uint8), Viewport(region.x0, region.y0, scale, scale)


def _shrunk(working: Pixels, to_working: np.ndarray) -> tuple[Pixels, np.ndarray]:
    """Given the working page and the map from output pixels onto it, return the page shrunk by area
    averaging when an output pixel would cover over MAX_SOURCE_PX_PER_OUTPUT_PX of its pixels, and the
    map onto the returned page."""
    ratio = math.sqrt(abs(float(np.linalg.det(to_working[:2, :2]))))
    if ratio <= MAX_SOURCE_PX_PER_OUTPUT_PX:
        return working, to_working
    factor = MAX_SOURCE_PX_PER_OUTPUT_PX / ratio
    height, width = working.shape[:2]
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    small = cv2.resize(working, size, interpolation=cv2.INTER_AREA)
    scaling = np.diag([size[0] / width, size[1] / height, 1.0])
    return np.asarray(small, dtype=np.uint8), scaling @ to_working


def working_page(path: Path, number: int, settings: RenderSettings, deadline: float) -> Pixels:
    """Given a scan, a 1-based page number, the settings and a deadline, return the page as the OCR
    backend read it before straightening (BGR; a photographed sheet flattened); raise EvidenceError on
    bad input or over a cap."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return photo_to_page(_pdf_page(path, number, settings, deadline))[0]
    if suffix in IMAGE_SUFFIXES:
        return photo_to_page(at_most_dpi(image_file_page(path, number, settings), settings.ocr_dpi))[0]
    raise EvidenceError(f"不支持的扫描件格式“{suffix}”", f"unsupported scan format {suffix!r}")


def _pdf_page(path: Path, number: int, settings: RenderSettings, deadline: float) -> Pixels:
    """A scanned PDF page rendered as `extractors.ocr.pages.pdf_to_images` renders it."""
    with PDFIUM_LOCK:
        pdf = open_document(path, settings)
        try:
            page = checked_page(pdf, number, settings)
            try:
                scale = render_dpi(page, settings.ocr_dpi) / 72
                width, height = page.get_size()
                full = (math.ceil(width * scale), math.ceil(height * scale))
                if full[0] * full[1] > settings.max_source_pixels:
                    raise _too_many_pixels(*full)
                return render_pixels(pdf, page, full, (0, 0, *full), deadline)
            finally:
                page.close()
        finally:
            pdf.close()


def image_file_page(path: Path, number: int, settings: RenderSettings) -> Pixels:
    """Given a TIFF/JPEG/PNG, a 1-based page number and the settings, return that page (BGR, EXIF
    orientation applied as OpenCV applies it), its pixel count checked before it is decoded."""
    try:
        checked_size(path, settings.max_file_bytes)
    except DocumentLoadError as error:
        raise EvidenceError(error.reason_zh, error.reason_en) from error
    if not 1 <= number <= settings.max_pages:
        raise EvidenceError(f"文件没有第 {number} 页", f"no page {number}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return _decoded(path, number, settings)
    except EvidenceError:
        raise
    except Image.DecompressionBombError as error:
        raise EvidenceError("页面图像过大", f"page image too large: {error}") from error
    except Exception as error:  # Pillow's decoders raise many kinds of error on malformed data
        raise EvidenceError("图片文件无法读取或已损坏", f"cannot decode {path.name}: {error}") from error


def _decoded(path: Path, number: int, settings: RenderSettings) -> Pixels:
    with Image.open(path) as image:
        try:
            image.seek(number - 1)
        except EOFError as error:
            raise EvidenceError(f"文件没有第 {number} 页", f"no page {number}") from error
        resolution = declared_resolution(dict(image.info))
        width, height = square_pixel_size(image.size, resolution)
        if width * height > settings.max_source_pixels:
            raise _too_many_pixels(width, height)
        upright = ImageOps.exif_transpose(image)
        rgb = np.asarray(upright if upright.mode == "RGB" else upright.convert("RGB"), dtype=np.uint8)
    return square_pixels(np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), dtype=np.uint8), resolution)


def _too_many_pixels(width: int, height: int) -> EvidenceError:
    return EvidenceError(
        f"页面图像过大（{width}×{height} 像素）", f"page image too large ({width}x{height} px)"
    )
