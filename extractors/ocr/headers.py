"""Stage `image_to_page_sizes`: an image file's format, page count and page sizes, from its headers only.

A scan is decoded into memory at 3 bytes a pixel: a 0.4 MB PNG that declares 60,000 × 60,000 pixels, or
a 1 MB TIFF of a thousand pages, needs gigabytes. So before any pixel is decoded, the headers are read
(Pillow reads them without decoding: PNG IHDR, JPEG SOF, every TIFF IFD, an IFD chain that loops back
ends it) and the file is refused when it is not a TIFF/JPEG/PNG image, has more pages than the limit,
or has a page larger than MAX_PAGE_PIXELS. OpenCV's own decoder limit is set to the same number
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
IMAGE_FORMATS = frozenset({"TIFF", "JPEG", "MPO", "PNG"})


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What the headers of an image file say: its format and the size of each page (width, height)."""

    format: str
    sizes: tuple[tuple[int, int], ...]


def _page_sizes(image: Image.Image, max_pages: int) -> tuple[tuple[int, int], ...]:
    sizes: list[tuple[int, int]] = []
    for frame in range(max_pages + 1):
        try:
            image.seek(frame)
        except (EOFError, ValueError):
            break
        sizes.append(image.size)
    return tuple(sizes)


def read_image_facts(path: Path, max_pages: int) -> ImageFacts:
    """Given an image file, return its format and page sizes (at most max_pages + 1 of them), read from
    the headers; raise DocumentLoadError when the headers cannot be read or name another format."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                facts = ImageFacts(str(image.format), _page_sizes(image, max_pages))
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
    for number, (width, height) in enumerate(facts.sizes, start=1):
        if width * height > MAX_PAGE_PIXELS:
            raise too_many_pixels(number, (width, height))
    return facts
