"""Stage `image_to_page_sizes`: an image file's format, page count and page sizes, from its headers only.

A scan is decoded into memory at 3 bytes a pixel: a 0.4 MB PNG that declares 60,000 × 60,000 pixels, or
a 1 MB TIFF of a thousand pages, needs gigabytes. So before any pixel is decoded, the headers are read
(Pillow reads them without decoding: PNG IHDR, JPEG SOF, every TIFF IFD, an IFD chain that loops back
ends it) and the file is refused when it is not a TIFF/JPEG/PNG image, has more pages than the limit,
or has a page larger than MAX_PAGE_PIXELS (counted once its pixels are made square: see
`square_pixel_size`). OpenCV's own decoder limit is set to the same number
(`extractors.ocr.__init__`), a second line of defence.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from extractors.errors import DocumentLoadError

MAX_PAGE_PIXELS = 40_000_000
"""A4 scanned at 600 dpi is 35 million pixels; no page of a filing needs more."""
MIN_ASPECT = 1.25
MAX_ASPECT = 4.0
IMAGE_FORMATS = frozenset({"TIFF", "JPEG", "MPO", "PNG"})


Resolution = tuple[float, float]
"""A page's declared resolution (horizontal, vertical) in dots per inch."""


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What the headers of an image file say: its format, the size of each page (width, height) and
    each page's declared resolution (None when the headers declare none, or nonsense)."""

    format: str
    sizes: tuple[tuple[int, int], ...]
    resolutions: tuple[Resolution | None, ...]


def declared_resolution(info: dict[str | tuple[int, int], object]) -> Resolution | None:
    """Given a decoded header's info, return its (x, y) dpi when both are positive numbers, else None."""
    dpi = info.get("dpi")
    if not isinstance(dpi, tuple) or len(dpi) != 2:
        return None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError):
        return None
    return (x, y) if x > 0 and y > 0 else None


def square_pixel_size(size: tuple[int, int], resolution: Resolution | None) -> tuple[int, int]:
    """Given a page's size (width, height) and declared resolution, return its size once its pixels are
    square: a fax at standard resolution (204 × 98 dpi, 200 × 100) has pixels twice as tall as wide, its
    page half as high as it prints. The coarser axis is stretched when the two resolutions differ by a
    factor between MIN_ASPECT and MAX_ASPECT; any other declaration is taken as square (a rounding, or
    nonsense a hostile header must not turn into a larger page)."""
    if resolution is None:
        return size
    x, y = resolution
    ratio = max(x, y) / min(x, y)
    if not MIN_ASPECT <= ratio <= MAX_ASPECT:
        return size
    width, height = size
    return (width, round(height * ratio)) if y < x else (round(width * ratio), height)


def _pages(image: Image.Image, max_pages: int) -> tuple[tuple[tuple[int, int], Resolution | None], ...]:
    pages: list[tuple[tuple[int, int], Resolution | None]] = []
    for frame in range(max_pages + 1):
        try:
            image.seek(frame)
        except (EOFError, ValueError):
            break
        pages.append((image.size, declared_resolution(dict(image.info))))
    return tuple(pages)


def read_image_facts(path: Path, max_pages: int) -> ImageFacts:
    """Given an image file, return its format and page sizes (at most max_pages + 1 of them), read from
    the headers; raise DocumentLoadError when the headers cannot be read or name another format."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                pages = _pages(image, max_pages)
                facts = ImageFacts(str(image.format), tuple(p[0] for p in pages), tuple(p[1] for p in pages))
    except Image.DecompressionBombError as error:
        limit = MAX_PAGE_PIXELS // 1_000_000
        zh = f"图像过大（超出上限 {limit} 百万像素），未解码"
        raise DocumentLoadError(zh, f"too large: {error}") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as error:
        raise DocumentLoadError("图片文件无法读取或已损坏", f"unreadable image headers: {error}") from error
    if facts.format not in IMAGE_FORMATS:
        raise DocumentLoadError(
            f"不支持的图片格式（{facts.format}）", f"unsupported image format {facts.format}"
        )
    return facts


def too_many_pixels(page: int, size: tuple[int, int]) -> DocumentLoadError:
    """Given a page number and its size in pixels, return the error of a page too large."""
    shown = f"{size[0]}×{size[1]}"
    return DocumentLoadError(
        f"第 {page} 页图像过大（{shown} 像素，上限 {MAX_PAGE_PIXELS // 1_000_000} 百万像素），未解码",
        f"page {page} is too large ({shown} px; limit {MAX_PAGE_PIXELS} pixels); not decoded",
    )


def check_image_file(path: Path, max_pages: int) -> ImageFacts:
    """Given an image file and the page limit, return its facts; raise DocumentLoadError, before any
    decoding, for a file that is not a readable TIFF/JPEG/PNG, has too many pages or too large a page."""
    facts = read_image_facts(path, max_pages)
    if not facts.sizes:
        raise DocumentLoadError("文件没有页面", "the file has no pages")
    if len(facts.sizes) > max_pages:
        raise DocumentLoadError(f"页数过多（超过 {max_pages} 页）", f"too many pages (more than {max_pages})")
    for number, (size, resolution) in enumerate(zip(facts.sizes, facts.resolutions, strict=True), start=1):
        width, height = square_pixel_size(size, resolution)
        if width * height > MAX_PAGE_PIXELS:
            raise too_many_pixels(number, (width, height))
    return facts
