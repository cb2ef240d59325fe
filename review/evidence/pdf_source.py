"""A typed PDF page as a `PageSource`: record boxes into the display frame, regions rendered by PDFium.

The PDF backend (`extractors.pdf.reader`) takes a box from PDFium's text layer in PDF user space and
stores it as (left, H - top, right, H - bottom) with H = FPDF_GetPageHeightF, the page height as shown
(/Rotate applied, CropBox). The inverse here is exact for every page, rotated and cropped ones
included: user y = H - record y, then PDFium's own page-to-device matrix (FPDF_PageToDevice) places
the point on the page as PDFium renders it.

Rendering is progressive with a pause callback, so a page whose content takes too long is abandoned
at the deadline (EvidenceError) instead of holding a web worker.

PDFium is not thread-safe, not even across documents: every PDFium call of this package runs while
PDFIUM_LOCK is held (from opening a file to closing it). Other code calling PDFium in the web app's
process must take the same lock.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.internal as pdfium_i
import pypdfium2.raw as pdfium_c

from extractors.errors import DocumentLoadError
from extractors.pdf.opening import PdfLimits, open_pdf
from review.evidence.errors import EvidenceError
from review.evidence.frame import BoxTuple, Pixels, Viewport
from review.evidence.settings import RenderSettings
from schema.document import BBox

_FRAME_UNITS = 1000
"""Device units per point when PDFium's page-to-device matrix is sampled (ints: 0.001 pt precision)."""
_PROBE = 100.0
_RENDER_FLAGS = pdfium_c.FPDF_ANNOT
PDFIUM_LOCK = threading.RLock()
"""Held around every use of PDFium (which allows one call at a time per process)."""


class PdfPageSource:
    """One page of an opened PDF; boxes in the display frame are points of the page as shown."""

    def __init__(self, pdf: pdfium.PdfDocument, page: pdfium.PdfPage, deadline: float) -> None:
        self._pdf = pdf
        self._page = page
        self._deadline = deadline
        width, height = page.get_size()
        self._width, self._height = float(width), float(height)
        self._matrix = _user_to_display(page, self._width, self._height)

    @property
    def size(self) -> tuple[float, float]:
        return self._width, self._height

    def to_display(self, box: BoxTuple) -> BBox:
        """Given a box as the PDF backend stores it, return it in points of the page as shown."""
        x0, y0, x1, y1 = box
        corners = np.array([[x, self._height - y, 1.0] for x in (x0, x1) for y in (y0, y1)])
        points = corners @ self._matrix.T
        return BBox(
            float(points[:, 0].min()),
            float(points[:, 1].min()),
            float(points[:, 0].max()),
            float(points[:, 1].max()),
        )

    def render(self, region: BBox, scale: float) -> tuple[Pixels, Viewport]:
        """Given a region of the page as shown and px per point, return its image (BGR) and viewport."""
        full_w = max(1, round(self._width * scale))
        full_h = max(1, round(self._height * scale))
        sx, sy = full_w / self._width, full_h / self._height
        left, top = round(region.x0 * sx), round(region.y0 * sy)
        window = (left, top, max(1, round(region.x1 * sx) - left), max(1, round(region.y1 * sy) - top))
        image = render_pixels(self._pdf, self._page, (full_w, full_h), window, self._deadline)
        return image, Viewport(left / sx, top / sy, sx, sy)


def render_pixels(
    pdf: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    full: tuple[int, int],
    window: tuple[int, int, int, int],
    deadline: float,
) -> Pixels:
    """Given a page, its full rendered size in px and a window (left, top, width, height) of it, return
    the window's pixels (BGR), forms drawn; raise EvidenceError past the deadline."""
    left, top, width, height = window
    bitmap = pdfium.PdfBitmap.new_native(width, height, pdfium_c.FPDFBitmap_BGR)
    try:
        bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
        args = (bitmap, page, -left, -top, full[0], full[1], 0, _RENDER_FLAGS)
        _render_until(args, page, deadline)
        if pdf.formenv:
            pdfium_c.FPDF_FFLDraw(pdf.formenv, *args)
        return np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
    finally:
        bitmap.close()


def _user_to_display(page: pdfium.PdfPage, width: float, height: float) -> np.ndarray:
    """Given a page and its size as shown, return the 2×3 affine matrix from PDF user space to points
    of the page as shown, sampled from PDFium's page-to-device transform."""
    size_x, size_y = round(width * _FRAME_UNITS), round(height * _FRAME_UNITS)
    probes = ((0.0, 0.0), (_PROBE, 0.0), (0.0, _PROBE))
    device = [_page_to_device(page, size_x, size_y, x, y) for x, y in probes]
    origin = np.array(device[0])
    across = (np.array(device[1]) - origin) / _PROBE
    down = (np.array(device[2]) - origin) / _PROBE
    scale = np.array([width / size_x, height / size_y])
    return np.column_stack([across * scale, down * scale, origin * scale])


def _page_to_device(page: pdfium.PdfPage, size_x: int, size_y: int, x: float, y: float) -> tuple[int, int]:
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    ok = pdfium_c.FPDF_PageToDevice(
        page, 0, 0, size_x, size_y, 0, x, y, ctypes.byref(device_x), ctypes.byref(device_y)
    )
    if not ok:
        raise EvidenceError("PDF 页面坐标无法换算", "PDFium cannot map page coordinates")
    return device_x.value, device_y.value


def _render_until(args: tuple[object, ...], page: pdfium.PdfPage, deadline: float) -> None:
    """Given FPDF_RenderPageBitmap arguments, render progressively; raise EvidenceError past the deadline."""
    pause = pdfium_c.IFSDK_PAUSE(version=1)
    pdfium_i.set_callback(pause, "NeedToPauseNow", lambda _: int(time.monotonic() > deadline))
    try:
        status = pdfium_c.FPDF_RenderPageBitmap_Start(*args, ctypes.byref(pause))
        while status == pdfium_c.FPDF_RENDER_TOBECONTINUED:
            if time.monotonic() > deadline:
                raise EvidenceError("页面渲染超时", "rendering the page took too long")
            status = pdfium_c.FPDF_RenderPage_Continue(page, ctypes.byref(pause))
    finally:
        pdfium_c.FPDF_RenderPage_Close(page)
    if status == pdfium_c.FPDF_RENDER_FAILED:
        raise EvidenceError("页面无法渲染", "PDFium failed to render the page")


def open_document(path: Path, settings: RenderSettings) -> pdfium.PdfDocument:
    """Given a PDF and the settings, return it opened (forms initialised) by the PDF backend's own checks
    (size, header, encryption, page count); raise EvidenceError on bad input."""
    limits = PdfLimits(max_file_bytes=settings.max_file_bytes, max_pages=settings.max_pages)
    try:
        return open_pdf(path, limits)
    except DocumentLoadError as error:
        raise EvidenceError(error.reason_zh, error.reason_en) from error


def checked_page(pdf: pdfium.PdfDocument, number: int, settings: RenderSettings) -> pdfium.PdfPage:
    """Given a document and a 1-based page number, return the page; raise EvidenceError when it does not
    exist or its size is outside 1..max_page_pt points."""
    if not 1 <= number <= len(pdf):
        raise EvidenceError(f"文件没有第 {number} 页", f"no page {number} (the file has {len(pdf)})")
    page = pdf[number - 1]
    width, height = page.get_size()
    if not (1 <= width <= settings.max_page_pt and 1 <= height <= settings.max_page_pt):
        page.close()
        raise EvidenceError("PDF 页面尺寸异常", f"page size {width:.0f}×{height:.0f} pt out of range")
    return page


@contextmanager
def pdf_page_source(
    path: Path, number: int, settings: RenderSettings, deadline: float
) -> Iterator[PdfPageSource]:
    """Given a typed PDF, a 1-based page number, the settings and a deadline, yield the page as a source
    (PDFIUM_LOCK held until the source is closed)."""
    with PDFIUM_LOCK:
        pdf = open_document(path, settings)
        try:
            page = checked_page(pdf, number, settings)
            try:
                yield PdfPageSource(pdf, page, deadline)
            finally:
                page.close()
        finally:
            pdf.close()
