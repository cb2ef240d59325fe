"""Settings of evidence rendering: one validated dataclass, defaults as named constants.

Sizes are in output pixels or in points of the page (PDF points for a typed PDF, points of an A4-wide
page for a scan: the units of `Provenance.bbox`). Caps bound the work an untrusted original can cause.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from extractors.ocr.options import DEFAULT_DPI, DEFAULT_MAX_PAGES
from extractors.pdf.opening import DEFAULT_PDF_LIMITS

PAGE_WIDTH_PX = 1100
CROP_ZOOM = 3.0
"""Output pixels per point of a crop (216 dpi) when the crop fits between the min and max widths."""
CROP_MIN_WIDTH_PX = 640
CROP_MAX_WIDTH_PX = 1600
CROP_MAX_HEIGHT_PX = 1200
CROP_MARGIN_PT = 30.0
CROP_MIN_WIDTH_PT = 220.0
CROP_MIN_HEIGHT_PT = 60.0
FILL_RGB = (255, 200, 0)
FILL_ALPHA = 0.3
OUTLINE_RGB = (220, 20, 60)
OUTLINE_PX = 3
MIN_BOX_PX = 6
MAX_HIGHLIGHTS = 64
MAX_SOURCE_PIXELS = 40_000_000
"""A scan page holding more pixels is refused before it is decoded (A4 at ~700 dpi)."""
MAX_PAGE_PT = 14_400.0
"""The largest page side PDF allows (200 inches); a page outside 1..MAX_PAGE_PT points is refused."""
MAX_OUTPUT_PIXELS = 6_000_000
MAX_IMAGE_SIDE_PX = 10_000
MAX_PNG_BYTES = 8 * 1024 * 1024
RENDER_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How evidence images are drawn and what an original may cost.

    page_width_px: width of a whole-page image; crop_zoom: preferred output px per point of a crop,
    which is then kept within crop_min_width_px..crop_max_width_px (readable, bounded) and at most
    crop_max_height_px high; crop_margin_pt: context around the box, each side, the crop being at least
    crop_min_width_pt × crop_min_height_pt of the page; fill_rgb/fill_alpha/outline_rgb/outline_px:
    the highlight (semi-transparent fill, opaque outline), never smaller than min_box_px;
    ocr_dpi: the EXTRACT_OCR_DPI scans were read at (their pages are straightened again at it);
    max_*: caps, past which an EvidenceError is raised; render_seconds: time allowed for one image.
    """

    page_width_px: int = PAGE_WIDTH_PX
    crop_zoom: float = CROP_ZOOM
    crop_min_width_px: int = CROP_MIN_WIDTH_PX
    crop_max_width_px: int = CROP_MAX_WIDTH_PX
    crop_max_height_px: int = CROP_MAX_HEIGHT_PX
    crop_margin_pt: float = CROP_MARGIN_PT
    crop_min_width_pt: float = CROP_MIN_WIDTH_PT
    crop_min_height_pt: float = CROP_MIN_HEIGHT_PT
    fill_rgb: tuple[int, int, int] = FILL_RGB
    fill_alpha: float = FILL_ALPHA
    outline_rgb: tuple[int, int, int] = OUTLINE_RGB
    outline_px: int = OUTLINE_PX
    min_box_px: int = MIN_BOX_PX
    ocr_dpi: int = DEFAULT_DPI
    max_highlights: int = MAX_HIGHLIGHTS
    max_file_bytes: int = DEFAULT_PDF_LIMITS.max_file_bytes
    max_pages: int = DEFAULT_MAX_PAGES
    max_source_pixels: int = MAX_SOURCE_PIXELS
    max_page_pt: float = MAX_PAGE_PT
    max_output_pixels: int = MAX_OUTPUT_PIXELS
    max_png_bytes: int = MAX_PNG_BYTES
    render_seconds: float = RENDER_SECONDS

    def __post_init__(self) -> None:
        _check_sizes(self)
        if not 0.0 <= self.fill_alpha <= 1.0:
            raise ValueError(f"fill_alpha must be within 0..1; got {self.fill_alpha}")
        for name in ("fill_rgb", "outline_rgb"):
            colour = getattr(self, name)
            if len(colour) != 3 or not all(0 <= c <= 255 for c in colour):
                raise ValueError(f"{name} must be three values within 0..255; got {colour!r}")
        if not 72 <= self.ocr_dpi <= 600:
            raise ValueError(f"ocr_dpi must be between 72 and 600; got {self.ocr_dpi}")
        if self.crop_min_width_px > self.crop_max_width_px:
            raise ValueError("crop_min_width_px must not exceed crop_max_width_px")
        if max(self.page_width_px, self.crop_max_width_px, self.crop_max_height_px) > MAX_IMAGE_SIDE_PX:
            raise ValueError(f"image sides are at most {MAX_IMAGE_SIDE_PX} px")

    def cache_token(self) -> str:
        """Return every setting as one canonical JSON string (part of a cache key)."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


def _check_sizes(settings: RenderSettings) -> None:
    positive = (
        "page_width_px",
        "crop_zoom",
        "crop_min_width_px",
        "crop_max_height_px",
        "crop_min_width_pt",
        "crop_min_height_pt",
        "outline_px",
        "min_box_px",
        "max_highlights",
        "max_file_bytes",
        "max_pages",
        "max_source_pixels",
        "max_page_pt",
        "max_output_pixels",
        "max_png_bytes",
        "render_seconds",
    )
    for name in positive:
        if getattr(settings, name) <= 0:
            raise ValueError(f"{name} must be positive; got {getattr(settings, name)!r}")
    if settings.crop_margin_pt < 0:
        raise ValueError(f"crop_margin_pt must not be negative; got {settings.crop_margin_pt}")


DEFAULT_SETTINGS = RenderSettings()
