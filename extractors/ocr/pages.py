"""Stage `path_to_images`: a scanned filing (image-only PDF, multi-page TIFF, JPEG, PNG) as BGR pages.

A scanned PDF is rendered with PDFium at `dpi` (never above the scan's own); an image file's page is
first given square pixels (a standard-resolution fax declares 200 × 100 dpi), and when finer than `dpi`
(its short side taken as A4's 210 mm) scaled down to it: 300 dpi shows a form no better to the
stages than 200 dpi, at twice the cost. Refused with a `DocumentLoadError` (bilingual reason): unreadable
images, too many pages, pages too small to read.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.errors import DocumentLoadError
from extractors.ocr.geometry import Image
from extractors.ocr.headers import (
    MAX_PAGE_PIXELS,
    Resolution,
    check_image_file,
    square_pixel_size,
    too_many_pixels,
)

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"})
MIN_PAGE_SIDE = 400
MIN_NATIVE_DPI = 100
A4_SHORT_INCHES = 210 / 25.4
DOWNSCALE_SLACK = 1.1
"""An image is scaled down only when finer than DOWNSCALE_SLACK × the wanted dpi."""


def native_dpi(page: pdfium.PdfPage) -> float | None:
    """Given a PDF page, return the resolution of its largest embedded image (None without images)."""
    width_pt = page.get_size()[0]
    sizes = [obj.get_px_size()[0] for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]
    return max(sizes) / (width_pt / 72) if sizes and width_pt else None


def render_dpi(page: pdfium.PdfPage, dpi: int) -> float:
    """Given a page and the wanted dpi, return the dpi to render at: never above the scan's own."""
    native = native_dpi(page)
    return min(float(dpi), native) if native and native >= MIN_NATIVE_DPI else float(dpi)


def check_pdf_page(page: pdfium.PdfPage, number: int, scale: float) -> None:
    """Given a page, its number and the render scale, raise DocumentLoadError before rendering when the
    page or one of its images would decode to more than MAX_PAGE_PIXELS (a 700-byte PDF can declare a
    page of 200 × 200 inches)."""
    width, height = page.get_size()
    size = (round(width * scale), round(height * scale))
    if not (0 < size[0] * size[1] <= MAX_PAGE_PIXELS):
        raise too_many_pixels(number, size)
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        pixels = image.get_px_size()
        if pixels[0] * pixels[1] > MAX_PAGE_PIXELS:
            raise too_many_pixels(number, pixels)


def render_page(page: pdfium.PdfPage, number: int, dpi: int) -> Image:
    """Given a scanned PDF page, its number and the wanted dpi, return it as a BGR image (checked first)."""
    scale = render_dpi(page, dpi) / 72
    check_pdf_page(page, number, scale)
    return np.ascontiguousarray(page.render(scale=scale).to_numpy()[:, :, :3])


def pdf_to_images(path: Path, dpi: int, max_pages: int) -> list[Image]:
    """Given a scanned PDF, return its pages as BGR images, at dpi or the scan's own lower resolution."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise DocumentLoadError("PDF 文件已损坏，无法解析", f"malformed PDF: {error}") from error
    try:
        _check_count(len(pdf), max_pages)
        return [render_page(pdf[index], index + 1, dpi) for index in range(len(pdf))]
    except pdfium.PdfiumError as error:
        raise DocumentLoadError("PDF 页面无法渲染", f"cannot render a PDF page: {error}") from error
    finally:
        pdf.close()


def at_most_dpi(image: Image, dpi: int) -> Image:
    """Given a page image and a resolution, return it scaled down to that resolution when it is finer
    (its short side taken as A4's width)."""
    native = min(image.shape[:2]) / A4_SHORT_INCHES
    if native <= dpi * DOWNSCALE_SLACK:
        return image
    scale = dpi / native
    return np.ascontiguousarray(cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))


def square_pixels(image: Image, resolution: Resolution | None) -> Image:
    """Given a decoded page and its declared resolution, return it with square pixels (a standard-
    resolution fax stretched to its printed height; see `headers.square_pixel_size`)."""
    height, width = image.shape[:2]
    size = square_pixel_size((width, height), resolution)
    if size == (width, height):
        return image
    return np.ascontiguousarray(cv2.resize(image, size, interpolation=cv2.INTER_LINEAR))


def decode_page(path: Path, index: int) -> Image:
    """Given an image file and a page index (0-based), return that page decoded as a BGR image."""
    try:
        ok, pages = cv2.imreadmulti(str(path), index, 1, flags=cv2.IMREAD_COLOR)
        if not ok or not pages:
            single = cv2.imread(str(path), cv2.IMREAD_COLOR) if index == 0 else None
            pages = () if single is None else (single,)
    except cv2.error as error:
        raise DocumentLoadError(
            "图片无法解码（可能已损坏或过大）", f"cannot decode image: {error.err}"
        ) from error
    if not pages:
        raise DocumentLoadError("图片文件无法读取或已损坏", f"cannot decode page {index + 1}")
    return np.asarray(pages[0], dtype=np.uint8)


def image_file_to_images(path: Path, max_pages: int, dpi: int) -> list[Image]:
    """Given a TIFF (possibly multi-page), JPEG or PNG file, return its pages as BGR images with square
    pixels, at most at dpi, after its headers were checked (format, page count, pixels); one page
    decoded at a time."""
    facts = check_image_file(path, max_pages)
    return [
        at_most_dpi(square_pixels(decode_page(path, index), resolution), dpi)
        for index, resolution in enumerate(facts.resolutions)
    ]


def _check_count(count: int, max_pages: int) -> None:
    if count == 0:
        raise DocumentLoadError("文件没有页面", "the file has no pages")
    if count > max_pages:
        raise DocumentLoadError(
            f"页数过多（{count} 页，上限 {max_pages} 页）", f"too many pages ({count}; limit {max_pages})"
        )


def check_page_sizes(images: list[Image]) -> None:
    """Given the pages, raise DocumentLoadError if one is too small to hold a readable form page."""
    for number, image in enumerate(images, start=1):
        if min(image.shape[:2]) < MIN_PAGE_SIDE:
            raise DocumentLoadError(
                f"第 {number} 页图像分辨率过低，无法识别",
                f"page {number} is too small ({image.shape[1]}x{image.shape[0]} px)",
            )


def path_to_images(path: Path, dpi: int, max_pages: int) -> list[Image]:
    """Given a scanned filing, return its pages as BGR images (raises DocumentLoadError on bad input)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        images = pdf_to_images(path, dpi, max_pages)
    elif suffix in IMAGE_SUFFIXES:
        images = image_file_to_images(path, max_pages, dpi)
    else:
        raise DocumentLoadError(f"不支持的扫描件格式“{suffix}”", f"unsupported scan format {suffix!r}")
    check_page_sizes(images)
    return images
