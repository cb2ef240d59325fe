"""`render_page` and `render_crop`: PNG evidence of a value on a typed PDF or a scan.

Reads like the algorithm: open the page as a source (typed PDF or scan) → map the record's boxes into
its display frame → choose the region and scale (whole page at page_width_px, or the box with its
context at a readable zoom) → render → draw the highlights → PNG.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from review.evidence.drawing import checked_output_size, draw_highlights, image_to_png
from review.evidence.errors import EvidenceError
from review.evidence.frame import PageSource, Pixels, at_least, checked_box, grown, shifted_inside
from review.evidence.pdf_source import pdf_page_source
from review.evidence.recovery import GeometryLookup, page_geometry, scan_transform, timed_geometry
from review.evidence.scan_geometry import PageGeometry, ScanTransform
from review.evidence.scan_source import ScanPageSource, working_page
from review.evidence.settings import DEFAULT_SETTINGS, RenderSettings
from schema.document import BBox

EvidenceSource = Literal["pdf", "ocr"]
Box = tuple[float, float, float, float]
SOURCES: tuple[EvidenceSource, ...] = ("pdf", "ocr")


@contextmanager
def open_page(
    original: Path,
    source: EvidenceSource,
    page: int,
    settings: RenderSettings,
    transform: ScanTransform | None,
) -> Iterator[PageSource]:
    """Given an original, its record source, a 1-based page and the settings, yield the page as a source
    (a scan's transform recovered when not given)."""
    deadline = time.monotonic() + settings.render_seconds
    if source == "pdf":
        with pdf_page_source(original, page, settings, deadline) as pdf_page:
            yield pdf_page
        return
    if source != "ocr":
        raise ValueError(f"source must be one of {', '.join(SOURCES)}; got {source!r}")
    working = working_page(original, page, settings, deadline)
    if transform is None:
        transform = scan_transform(
            original, page, settings, geometry=_reusing(working, original, page, settings)
        )
    yield ScanPageSource(working, transform)


def _reusing(working: Pixels, original: Path, page: int, settings: RenderSettings) -> GeometryLookup:
    """A geometry lookup that reads the page already decoded from it, other pages from the original."""
    deadline = time.monotonic() + settings.render_seconds

    def lookup(number: int) -> PageGeometry:
        if number == page:
            return timed_geometry(working, deadline)
        return page_geometry(original, number, settings, deadline)

    return lookup


def page_png(page_source: PageSource, highlights: Sequence[Box], settings: RenderSettings) -> bytes:
    """Given an open page, record boxes on it and the settings, return the highlighted page's PNG."""
    if len(highlights) > settings.max_highlights:
        raise ValueError(f"at most {settings.max_highlights} highlights per page; got {len(highlights)}")
    boxes = [page_source.to_display(checked_box(box, page_source.size)) for box in highlights]
    width, height = page_source.size
    scale = min(settings.page_width_px / width, (settings.max_output_pixels / (width * height)) ** 0.5)
    checked_output_size(round(width * scale), round(height * scale), settings)
    image, viewport = page_source.render(BBox(0.0, 0.0, width, height), scale)
    return image_to_png(draw_highlights(image, viewport, boxes, settings), settings)


def crop_png(page_source: PageSource, bbox: Box, settings: RenderSettings) -> bytes:
    """Given an open page, a record box on it and the settings, return the crop's PNG."""
    box = page_source.to_display(checked_box(bbox, page_source.size))
    region, scale = crop_region(box, page_source.size, settings)
    checked_output_size(round(region.width * scale), round(region.height * scale), settings)
    image, viewport = page_source.render(region, scale)
    return image_to_png(draw_highlights(image, viewport, [box], settings), settings)


def render_page(
    original: Path,
    source: EvidenceSource,
    page: int,
    highlights: Sequence[Box],
    settings: RenderSettings = DEFAULT_SETTINGS,
    *,
    transform: ScanTransform | None = None,
) -> bytes:
    """Given an original (typed PDF for source "pdf"; TIFF/JPEG/PNG or image-only PDF for "ocr"), a
    1-based page and record boxes on it (Provenance.bbox), return a PNG of the page, settings.page_width_px
    wide, each box highlighted. A scan is shown upright and deskewed as the OCR backend read it; its
    transform is recovered unless given. Raises EvidenceError for a bad original, page or box."""
    with open_page(original, source, page, settings, transform) as page_source:
        return page_png(page_source, highlights, settings)


def crop_region(box: BBox, size: tuple[float, float], settings: RenderSettings) -> tuple[BBox, float]:
    """Given a box in the display frame, the page size and the settings, return the region to show
    (the box, its margin, at least the minimum size, kept on the page) and the output px per point."""
    margin = settings.crop_margin_pt
    region = shifted_inside(
        at_least(grown(box, margin, margin), settings.crop_min_width_pt, settings.crop_min_height_pt), size
    )
    if region.width <= 0 or region.height <= 0:
        raise EvidenceError("证据位置不在该页范围内", f"box {box.as_tuple()!r} lies off the page")
    width_px = min(
        max(region.width * settings.crop_zoom, settings.crop_min_width_px), settings.crop_max_width_px
    )
    scale = width_px / region.width
    max_height = settings.crop_max_height_px / scale
    if region.height > max_height:
        middle = (box.y0 + box.y1) / 2
        region = shifted_inside(
            BBox(region.x0, middle - max_height / 2, region.x1, middle + max_height / 2), size
        )
    return region, scale


def render_crop(
    original: Path,
    source: EvidenceSource,
    page: int,
    bbox: Box,
    settings: RenderSettings = DEFAULT_SETTINGS,
    *,
    transform: ScanTransform | None = None,
) -> bytes:
    """Given an original, its record source, a 1-based page and a record box, return a PNG of the box
    with settings.crop_margin_pt of context (at least crop_min_width_pt × crop_min_height_pt of the page),
    crop_zoom px per point kept within crop_min_width_px..crop_max_width_px, the box outlined."""
    with open_page(original, source, page, settings, transform) as page_source:
        return crop_png(page_source, bbox, settings)
