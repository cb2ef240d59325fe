"""Stage `split_scanned_sheets`: a scanned PDF's 2-up sheets cut into single pages before OCR.

The OCR backend reads one form page per image and turns a landscape page by 90°; a landscape sheet
holding two form pages side by side (2-up printing, then scanned or "printed to PDF") would be read
sideways. Such a sheet shows a blank gutter down its middle with ink on both sides, seen on a coarse
rendering of the page as a viewer shows it (`/Rotate` applied). Each one is replaced by two pages,
the halves of the sheet (the page imported twice, each cropped to one half), so the OCR backend
reads them through its public entry like any scan.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from extractors.pdf.frames import PageFrame, page_frame

logger = logging.getLogger(__name__)

PROBE_DPI = 36
INK_LEVEL = 160
GUTTER_SHARE = 0.015
GUTTER_INK = 0.01
HALF_INK = 0.002
LANDSCAPE_RATIO = 1.2


def sheet_halves(page: pdfium.PdfPage) -> int:
    """Given a page, return how many form pages it holds side by side, as displayed: 2 for a 2-up
    sheet, 1 for the last sheet of an odd count (the left half printed, the right one blank), 0 for
    a page that is not a 2-up sheet."""
    width, height = page.get_size()
    if width < height * LANDSCAPE_RATIO:
        return 0
    grey = page.render(scale=PROBE_DPI / 72, grayscale=True).to_numpy()
    ink = (grey.reshape(grey.shape[0], grey.shape[1], -1)[:, :, 0] < INK_LEVEL).astype(np.float32)
    columns = ink.mean(axis=0)
    middle, band = ink.shape[1] // 2, max(1, round(GUTTER_SHARE * ink.shape[1]))
    if columns[middle - band : middle + band + 1].max() > GUTTER_INK or ink[:, :middle].mean() <= HALF_INK:
        return 0
    return 2 if ink[:, middle:].mean() > HALF_INK else 1


def _displayed_frame(page: pdfium.PdfPage) -> PageFrame:
    return page_frame(page.get_bbox(), (360 - page.get_rotation()) % 360)


def _user_rect(frame: PageFrame, x0: float, x1: float) -> tuple[float, float, float, float]:
    """The user-space rectangle of the displayed strip x0..x1 (the frame's mapping is its own
    inverse once the offsets are put back)."""
    points = []
    for x in (x0, x1):
        for y in (0.0, frame.height):
            ux, uy = x + frame.ox, y + frame.oy
            points.append((ux * frame.dx + uy * frame.dy, ux * frame.dy - uy * frame.dx))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def split_scanned_sheets(path: Path, workdir: Path) -> Path:
    """Given a scanned PDF and a work folder, return a PDF with every 2-up sheet cut into its two
    pages (written into the folder), or the PDF itself when no sheet is 2-up."""
    pdf = pdfium.PdfDocument(path)
    try:
        halves = [sheet_halves(pdf[index]) for index in range(len(pdf))]
        if not any(halves):
            return path
        out = pdfium.PdfDocument.new()
        for index, count in enumerate(halves):
            for half in range(max(count, 1)):
                out.import_pages(pdf, [index])
                if count:
                    _crop_to_half(out[len(out) - 1], half)
        target = workdir / "sheets.pdf"
        out.save(target)
        logger.info("split %d two-up sheet(s) of %s", sum(1 for c in halves if c), path.name)
        return target
    finally:
        pdf.close()


def _crop_to_half(page: pdfium.PdfPage, half: int) -> None:
    frame = _displayed_frame(page)
    middle = frame.width / 2
    rect = _user_rect(frame, middle * half, middle * (half + 1))
    page.set_mediabox(*rect)
    page.set_cropbox(*rect)
