"""Stage `scan_transform`: a scanned page's transform recovered from the original (nothing of it is stored).

A page's own turn and skew come from the page alone; the alignment shift of a page with a table border
also needs the border of the first page that has one (pages 1..n are looked at in order until one
has); a page without a border is never shifted.
`geometry` lets a caller (the cache) supply page geometries it already knows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from review.evidence.errors import EvidenceError
from review.evidence.frame import Pixels
from review.evidence.scan_geometry import PageGeometry, ScanTransform, aligned_shift, working_to_geometry
from review.evidence.scan_source import working_page
from review.evidence.settings import DEFAULT_SETTINGS, RenderSettings

GeometryLookup = Callable[[int], PageGeometry]


def timed_geometry(working: Pixels, deadline: float) -> PageGeometry:
    """Given a working page and a deadline, return its geometry; raise EvidenceError past the deadline."""
    geometry = working_to_geometry(working)
    if time.monotonic() > deadline:
        raise EvidenceError("扫描页几何信息计算超时", "recovering the scan page's transform took too long")
    return geometry


def page_geometry(original: Path, number: int, settings: RenderSettings, deadline: float) -> PageGeometry:
    """Given a scan and a 1-based page number, return how the OCR backend straightened that page."""
    return timed_geometry(working_page(original, number, settings, deadline), deadline)


def scan_transform(
    original: Path,
    page: int,
    settings: RenderSettings = DEFAULT_SETTINGS,
    *,
    geometry: GeometryLookup | None = None,
) -> ScanTransform:
    """Given a scan (TIFF/JPEG/PNG or image-only PDF) and a 1-based page number, return the transform
    the OCR backend applied to that page: turn, skew and alignment shift (recovered; see scan_geometry).

    `geometry(n)` returns page n's PageGeometry when given (e.g. from a cache); otherwise pages are
    analysed here, within settings.render_seconds.
    """
    deadline = time.monotonic() + settings.render_seconds
    lookup = geometry or (lambda number: page_geometry(original, number, settings, deadline))
    this = lookup(page)
    reference = this.border_pt
    for number in range(1, page if this.border_pt is not None else 1):
        border = lookup(number).border_pt
        if border is not None:
            reference = border
            break
    return ScanTransform(this.turn, this.skew, aligned_shift(reference, this.border_pt))
