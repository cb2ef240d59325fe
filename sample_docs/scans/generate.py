"""Simulated paper scans of two sample filings: printed, ticked by hand, stamped, scanned.

Usage (from the repository root; needs LibreOffice):

    .venv/bin/python -m sample_docs.scans.generate

For each filing in `SCANS`: the .docx is exported to PDF with LibreOffice and rasterised with PDFium;
every other ticked box glyph is redrawn as a printed □ with a hand-drawn √ (or a filled box), a
typed √ before a box becomes a hand tick in it, red round seals are stamped at the 盖章/公章 lines
the filing lists (a missing seal is simply not stamped), one extra seal lands on a number, then each
page is skewed, blurred and noised, a listed page is put in upside down, and all are saved with JPEG
compression as a multi-page TIFF or an image-only PDF. `<name>.truth.json` is the .docx truth
with `source` set, the three seal fields set to what was stamped, and a `scan` entry describing it.
Deterministic: one `random.Random(name)` per filing. `variety.py` builds many varied scans from the same
pieces (render at any dpi, tick styles, seals, skew, noise, turn, save, truth).
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from sample_docs.scans.hand_marks import PRINTED_LABELS, BoxLabel, draw_circle, draw_new_style, style_label

ROOT = Path(__file__).resolve().parent
DOCX_DIR = ROOT.parent / "docx"
DPI = 150
JPEG_QUALITY = 50
TICKED = frozenset("☑☒■")
EMPTY = frozenset("□☐")
TYPED_TICKS = frozenset("√✓✔")
SEAL_RADIUS_MM = 20.0
SEAL_RED = (40, 40, 215)  # BGR
PEN_BLUE = (70, 30, 20)  # BGR
TICK_STYLES = ("check", "filled", "beside", "cross")  # hand marks; None keeps the printed glyph
OPTION_CHARS = 8
TURNS = MappingProxyType(
    {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
)

Image8 = npt.NDArray[np.uint8]
Rect = tuple[float, float, float, float]
Center = tuple[int, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class BoxTruth:
    """A printed box of a page as marked: its square in pixels and its label (`hand_marks`)."""

    box: tuple[int, int, int, int]
    label: BoxLabel


@dataclass(frozen=True, slots=True)
class ScanPlan:
    """What to do with one filing: output format, which seals to stamp, which number to cover."""

    name: str
    suffix: str
    seals: dict[str, bool]
    seal_over_text: tuple[int, str] | None = None
    upside_down: tuple[int, ...] = ()


SCANS = (
    ScanPlan(
        "00_application_clean",
        ".tif",
        {
            "cover.county_authority_seal": True,
            "declaration.county_seal": False,
            "declaration.recommending_unit_seal": True,
        },
        seal_over_text=(3, "１０８．４５"),
    ),
    ScanPlan(
        "01_review_clean",
        ".pdf",
        {
            "cover.county_authority_seal": True,
            "declaration.county_seal": True,
            "declaration.recommending_unit_seal": True,
        },
        upside_down=(1,),
    ),
)
SEAL_ANCHORS = {
    "cover.county_authority_seal": "（盖章）",
    "declaration.county_seal": "（公章）",
    "declaration.recommending_unit_seal": "推荐单位（公章）",
}


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's characters (text, rect in points) and its size in points."""

    chars: tuple[tuple[str, Rect], ...]
    width: float
    height: float

    def find(self, needle: str) -> Iterator[Rect]:
        """Yield the rect of each occurrence of `needle` in the page's character stream."""
        text = "".join(ch for ch, _ in self.chars)
        start = text.find(needle)
        while start >= 0:
            rects = [rect for _, rect in self.chars[start : start + len(needle)]]
            yield (rects[0][0], rects[0][1], rects[-1][2], rects[-1][3])
            start = text.find(needle, start + 1)


def export_pdf(docx: Path, outdir: Path) -> Path:
    """Convert one .docx to PDF with a private LibreOffice profile."""
    profile = (outdir / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(outdir), str(docx)], check=True, capture_output=True)
    return outdir / f"{docx.stem}.pdf"


def read_texts(pdf_path: Path) -> list[PageText]:
    """Given a PDF, return each page's characters with their rects (points)."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = tuple((c["text"], (c["x0"], c["top"], c["x1"], c["bottom"])) for c in page.chars)
            pages.append(PageText(chars, float(page.width), float(page.height)))
    return pages


def render_pages(pdf_path: Path, dpi: int = DPI) -> list[Image8]:
    """Given a PDF, return its pages rendered at `dpi` as BGR images."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        images = [page.render(scale=dpi / 72).to_numpy() for page in pdf]
    finally:
        pdf.close()
    return [np.ascontiguousarray(img[:, :, :3]) for img in images]


def export_and_render(docx: Path, dpi: int = DPI) -> tuple[list[PageText], list[Image8]]:
    """Given a .docx, export it with LibreOffice and return its pages' text and images at `dpi`."""
    with tempfile.TemporaryDirectory(prefix="scan-export-") as tmp:
        pdf_path = export_pdf(docx, Path(tmp))
        # PDFium renders RGB as BGR byte order already (to_numpy of a BGR bitmap)
        return read_texts(pdf_path), render_pages(pdf_path, dpi)


def to_pixels(rect: Rect, dpi: int = DPI) -> tuple[int, int, int, int]:
    """Given a rect in points, return it in pixels at `dpi`."""
    s = dpi / 72
    return (round(rect[0] * s), round(rect[1] * s), round(rect[2] * s), round(rect[3] * s))


def redraw_tick(
    image: Image8, rect: Rect, style: int | str, dpi: int = DPI, rng: random.Random | None = None
) -> tuple[int, int, int, int]:
    """Replace a ticked box glyph by a printed □ plus a hand mark; return the □'s pixel box.

    Styles: 0 or "check" (√ over the box), 1 or "filled" (a filled box), "beside" (√ left of the box,
    its tail over the box's corner), "cross" (× in the box), and the styles of `hand_marks`
    (`overshoot`, `strokes_cross`, `blob`; `circle` leaves the box empty: the caller circles the text).
    """
    x0, y0, x1, y1 = to_pixels(rect, dpi)
    size = min(x1 - x0, y1 - y0)
    cy = (y0 + y1) // 2
    bx0, by0 = x0 + 1, cy - size // 2 + 1
    bx1, by1 = bx0 + size - 2, by0 + size - 2
    image[y0:y1, x0:x1] = 255
    cv2.rectangle(image, (bx0, by0), (bx1, by1), (0, 0, 0), 1)
    if style in (0, "check"):
        points = np.array([[bx0 + 1, cy], [bx0 + size // 3, by1 + 1], [bx1 + size // 3, by0 - size // 2]])
        _pen(image, [points], size)
    elif style in (1, "filled"):
        cv2.rectangle(image, (bx0 + 2, by0 + 2), (bx1 - 2, by1 - 2), (20, 20, 20), -1)
    elif style == "beside":
        points = np.array(
            [[bx0 - size, cy - size // 4], [bx0 - size * 2 // 3, by1], [bx0 + size // 4, by0 - size // 3]]
        )
        _pen(image, [points], size)
    elif style == "cross":
        _pen(
            image,
            [
                np.array([[bx0 + 2, by0 + 2], [bx1 - 2, by1 - 2]]),
                np.array([[bx1 - 2, by0 + 2], [bx0 + 2, by1 - 2]]),
            ],
            size,
        )
    elif style != "circle":
        draw_new_style(image, str(style), (bx0, by0, bx1, by1), rng)
    return (bx0, by0, bx1 + 1, by1 + 1)


def _pen(image: Image8, strokes: list[npt.NDArray[np.int_]], size: int) -> None:
    """Draw pen strokes (blue-black, 2 px at 150 dpi, thicker for bigger boxes) as open polylines."""
    width = max(2, round(size / 9))
    cv2.polylines(image, [p.astype(np.int32) for p in strokes], False, PEN_BLUE, width, cv2.LINE_AA)


def hand_ticks(
    image: Image8,
    text: PageText,
    styles: Iterator[int | str | None],
    typed: int | str | None,
    dpi: int = DPI,
    typed_after: bool = False,
    rng: random.Random | None = None,
    empty_styles: Iterator[int | str | None] | None = None,
) -> list[BoxTruth]:
    """Redraw ticked glyphs by hand, each in the next style of `styles` (None: leave it printed);
    a typed √ just before a box (just after one if `typed_after`: `□√是`) becomes a hand tick of
    style `typed` in that box (None: leave typed ticks printed); with `empty_styles` (training views
    only: the filing's answers no longer hold), every empty box is marked in the next of those.
    Return every box of the page with its label (see `hand_marks`)."""
    truths: dict[int, BoxTruth] = {}
    for index, (ch, rect) in enumerate(text.chars):
        if ch in TICKED:
            style = next(styles)
            truths[index] = _mark_box(image, text, index, style, dpi, rng)
        elif ch in TYPED_TICKS and typed is not None:
            neighbour = index - 1 if typed_after else index + 1
            if 0 <= neighbour < len(text.chars) and text.chars[neighbour][0] in EMPTY:
                x0, y0, x1, y1 = to_pixels(rect, dpi)
                image[y0:y1, x0:x1] = 255
                truths[neighbour] = _mark_box(image, text, neighbour, typed, dpi, rng)
    for index, (ch, rect) in enumerate(text.chars):
        if ch in EMPTY and index not in truths:
            style = next(empty_styles) if empty_styles is not None else None
            empty = BoxTruth(to_pixels(rect, dpi), "empty")
            truths[index] = empty if style is None else _mark_box(image, text, index, style, dpi, rng)
    return [truths[i] for i in sorted(truths)]


def _mark_box(
    image: Image8, text: PageText, index: int, style: int | str | None, dpi: int, rng: random.Random | None
) -> BoxTruth:
    """Draw one box's hand mark (None: leave the printed glyph) and return its truth."""
    ch, rect = text.chars[index]
    if style is None:
        return BoxTruth(to_pixels(rect, dpi), PRINTED_LABELS.get(ch, "ticked"))
    box = redraw_tick(image, rect, style, dpi, rng)
    if style == "circle":
        option = option_rect(text, index)
        if option is not None:
            draw_circle(image, to_pixels(option, dpi), box[2] - box[0], rng)
    return BoxTruth(box, style_label(style))


def option_rect(text: PageText, index: int) -> Rect | None:
    """Given a page's text and a box glyph's index, return the rect of the option text after it: the
    characters on its line right of it (by place: a box glyph of another font may come anywhere in
    the stream) up to the next box, space or gap (at most OPTION_CHARS)."""
    box = text.chars[index][1]
    middle = (box[1] + box[3]) / 2
    after = sorted(
        ((ch, rect) for ch, rect in text.chars if rect[1] <= middle <= rect[3] and rect[0] >= box[2] - 0.5),
        key=lambda item: item[1][0],
    )
    rects: list[Rect] = []
    previous = box
    for ch, rect in after[:OPTION_CHARS]:
        if ch in TICKED | EMPTY or not ch.strip() or rect[0] - previous[2] > rect[3] - rect[1]:
            break
        rects.append(rect)
        previous = rect
    if not rects:
        return None
    return (rects[0][0], min(r[1] for r in rects), rects[-1][2], max(r[3] for r in rects))


def alternate_styles() -> Iterator[int | None]:
    """Yield the committed scans' tick styles: every other ticked glyph by hand, √ and filled in turn."""
    while True:
        yield from (None, 1, None, 0)


def stamp_seal(image: Image8, center: tuple[int, int], rng: random.Random, dpi: int = DPI) -> None:
    """Multiply a red round seal (ring, inner ring, star, ring of marks) onto the image."""
    radius = round(SEAL_RADIUS_MM / 25.4 * dpi)
    layer = np.full(image.shape, 255, np.uint8)
    cv2.circle(layer, center, radius, SEAL_RED, max(2, radius // 14), cv2.LINE_AA)
    cv2.circle(layer, center, int(radius * 0.68), SEAL_RED, 1, cv2.LINE_AA)
    star = [
        (
            center[0] + int(radius * 0.3 * (1 if k % 2 == 0 else 0.4) * np.sin(k * np.pi / 5)),
            center[1] - int(radius * 0.3 * (1 if k % 2 == 0 else 0.4) * np.cos(k * np.pi / 5)),
        )
        for k in range(10)
    ]
    cv2.fillPoly(layer, [np.array(star, np.int32)], SEAL_RED)
    for k in range(18):
        angle = np.pi * (0.85 + 1.3 * k / 17)
        px = center[0] + int(radius * 0.83 * np.cos(angle))
        py = center[1] + int(radius * 0.83 * np.sin(angle))
        cv2.circle(layer, (px, py), max(2, radius // 16), SEAL_RED, -1)
    fade = rng.uniform(0.75, 0.95)
    blended = image.astype(np.float32) * (1 - fade + fade * layer.astype(np.float32) / 255)
    image[:] = np.clip(blended, 0, 255).astype(np.uint8)


def seal_anchor(field_id: str, texts: list[PageText]) -> tuple[int, Rect] | None:
    """Given a seal field and the pages' text, return (page, rect) of its printed 盖章/公章 line, if any."""
    hits = [(i, r) for i, t in enumerate(texts) for r in t.find(SEAL_ANCHORS[field_id])]
    if field_id == "declaration.county_seal":
        hits = [(i, r) for i, r in hits if i > 0 and "推荐单位" not in _before(texts[i], r)]
    if not hits:
        return None
    return hits[0] if field_id != "declaration.recommending_unit_seal" else hits[-1]


def stamped_seals(plan: ScanPlan, texts: list[PageText]) -> dict[str, bool]:
    """Given a plan and the pages' text, return per seal field whether a seal lands on it (wanted and found)."""
    return {f: wanted and seal_anchor(f, texts) is not None for f, wanted in plan.seals.items()}


def seal_centers(plan: ScanPlan, texts: list[PageText], dpi: int = DPI) -> list[Center]:
    """Return (page, pixel centre) of every seal to stamp: seal fields that are present, then extras."""
    centers: list[Center] = []
    for field_id in SEAL_ANCHORS:
        anchor = seal_anchor(field_id, texts)
        if plan.seals[field_id] and anchor is not None:
            page, rect = anchor
            x0, y0, x1, y1 = to_pixels(rect, dpi)
            centers.append((page, (x1 + (x1 - x0), y1)))
    if plan.seal_over_text is not None:
        page, needle = plan.seal_over_text
        x0, y0, x1, y1 = to_pixels(next(texts[page].find(needle)), dpi)
        centers.append((page, ((x0 + x1) // 2 + 20, (y0 + y1) // 2 - 10)))
    return centers


def _before(text: PageText, rect: Rect) -> str:
    line = [ch for ch, r in text.chars if abs(r[1] - rect[1]) < 2 and r[0] < rect[0]]
    return "".join(line)


def skew(image: Image8, angle: float) -> Image8:
    """Given an image, return it rotated by `angle` degrees about its centre (white fill, same size)."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    white = (255, 255, 255) if image.ndim == 3 else 255
    return np.asarray(cv2.warpAffine(image, matrix, (width, height), borderValue=white), dtype=np.uint8)


def add_noise(image: Image8, sigma: float, seed: int) -> Image8:
    """Given an image, return it with Gaussian sensor noise of `sigma` grey levels (seeded)."""
    noise = np.random.default_rng(seed).standard_normal(image.shape, dtype=np.float32) * np.float32(sigma)
    noisy: Image8 = np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    return noisy


def turn(image: Image8, degrees: int) -> Image8:
    """Given an image, return it turned clockwise by 90, 180 or 270 degrees."""
    return np.asarray(cv2.rotate(image, TURNS[degrees]), dtype=np.uint8)


def simulate_scan(image: Image8, rng: random.Random) -> Image8:
    """Skew by up to 1.5°, blur slightly and add sensor noise."""
    skewed = skew(image, rng.uniform(-1.5, 1.5))
    blurred = np.asarray(cv2.GaussianBlur(skewed, (3, 3), 0.6), dtype=np.uint8)
    return add_noise(blurred, 4, rng.randrange(2**32))


def save(pages: list[Image8], target: Path, dpi: int = DPI, quality: int = JPEG_QUALITY) -> None:
    """Write BGR (or greyscale) pages as an image-only PDF or a JPEG-compressed multi-page TIFF."""
    images = [Image.fromarray(cv2.cvtColor(p, cv2.COLOR_BGR2RGB) if p.ndim == 3 else p) for p in pages]
    if target.suffix == ".pdf":
        images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi, quality=quality)
    else:
        ycbcr = [image.convert("YCbCr") if image.mode == "RGB" else image for image in images]
        ycbcr[0].save(
            target,
            save_all=True,
            append_images=ycbcr[1:],
            compression="jpeg",
            quality=quality,
            dpi=(dpi, dpi),
        )


def scan_truth(
    truth: dict[str, object], target: Path, seals: dict[str, bool], scan: dict[str, object]
) -> None:
    """Write `<target stem>.truth.json`: `truth` with `source`, the seal fields and a `scan` entry set."""
    fields = cast(dict[str, object], truth["fields"])
    truth["source"] = target.name
    for field_id, stamped in seals.items():
        fields[field_id] = {"value": stamped, "status": "present"}
    truth["scan"] = scan
    out = target.with_name(f"{target.stem}.truth.json")
    out.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_truth(plan: ScanPlan, target: Path) -> None:
    """Write the truth of a committed scan: the .docx truth, seals as planned, the plan as `scan`."""
    truth = json.loads((DOCX_DIR / f"{plan.name}.truth.json").read_text(encoding="utf-8"))
    scan: dict[str, object] = {
        "dpi": DPI,
        "seals": plan.seals,
        "seal_over_text": list(plan.seal_over_text) if plan.seal_over_text else None,
        "upside_down_pages": [i + 1 for i in plan.upside_down],
    }
    scan_truth(truth, target, plan.seals, scan)


def mark_pages(
    pages: list[Image8],
    texts: Iterable[PageText],
    styles: Iterator[int | str | None],
    typed: int | str | None,
    dpi: int = DPI,
    typed_after: bool = False,
    rng: random.Random | None = None,
    empty_styles: Iterator[int | str | None] | None = None,
) -> list[list[BoxTruth]]:
    """Redraw the ticks of every page by hand (one style sequence across pages); see `hand_ticks`.
    Return each page's boxes with their labels."""
    return [
        hand_ticks(image, text, styles, typed, dpi, typed_after, rng, empty_styles)
        for image, text in zip(pages, texts, strict=True)
    ]


def make_scan(plan: ScanPlan, outdir: Path) -> Path:
    """Given a plan, write its scan and truth into outdir and return the scan's path."""
    rng = random.Random(plan.name)
    texts, pages = export_and_render(DOCX_DIR / f"{plan.name}.docx")
    mark_pages(pages, texts, alternate_styles(), 0)
    for page, center in seal_centers(plan, texts):
        stamp_seal(pages[page], center, rng)
    target = outdir / f"{plan.name}{plan.suffix}"
    scanned = [simulate_scan(p, rng) for p in pages]
    for index in plan.upside_down:
        scanned[index] = turn(scanned[index], 180)
    save(scanned, target)
    write_truth(plan, target)
    return target


def main() -> None:
    """Write the committed scans into this folder."""
    for plan in SCANS:
        print(make_scan(plan, ROOT))


if __name__ == "__main__":
    main()
