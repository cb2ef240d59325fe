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
Deterministic: one `random.Random(name)` per filing.
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent
DOCX_DIR = ROOT.parent / "docx"
DPI = 150
JPEG_QUALITY = 50
TICKED = frozenset("☑☒■")
EMPTY = frozenset("□☐")
TYPED_TICKS = frozenset("√✓✔")
SEAL_RADIUS_MM = 20.0
SEAL_RED = (40, 40, 215)  # BGR

Image8 = npt.NDArray[np.uint8]
Rect = tuple[float, float, float, float]


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
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = tuple((c["text"], (c["x0"], c["top"], c["x1"], c["bottom"])) for c in page.chars)
            pages.append(PageText(chars, float(page.width), float(page.height)))
    return pages


def render_pages(pdf_path: Path) -> list[Image8]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        images = [page.render(scale=DPI / 72).to_numpy() for page in pdf]
    finally:
        pdf.close()
    return [np.ascontiguousarray(img[:, :, :3]) for img in images]


def to_pixels(rect: Rect) -> tuple[int, int, int, int]:
    s = DPI / 72
    return (round(rect[0] * s), round(rect[1] * s), round(rect[2] * s), round(rect[3] * s))


def redraw_tick(image: Image8, rect: Rect, style: int) -> None:
    """Replace a ticked box glyph by a printed □ plus a hand mark (√ over the box, or a filled box)."""
    x0, y0, x1, y1 = to_pixels(rect)
    size = min(x1 - x0, y1 - y0)
    cy = (y0 + y1) // 2
    bx0, by0 = x0 + 1, cy - size // 2 + 1
    bx1, by1 = bx0 + size - 2, by0 + size - 2
    image[y0:y1, x0:x1] = 255
    cv2.rectangle(image, (bx0, by0), (bx1, by1), (0, 0, 0), 1)
    if style == 0:
        points = np.array([[bx0 + 1, cy], [bx0 + size // 3, by1 + 1], [bx1 + size // 3, by0 - size // 2]])
        cv2.polylines(image, [points.astype(np.int32)], False, (70, 30, 20), 2, cv2.LINE_AA)
    else:
        cv2.rectangle(image, (bx0 + 2, by0 + 2), (bx1 - 2, by1 - 2), (20, 20, 20), -1)


def hand_ticks(image: Image8, text: PageText, counter: list[int]) -> None:
    """Redraw every other ticked glyph by hand; a typed √ before a box becomes a hand tick in the box."""
    for index, (ch, rect) in enumerate(text.chars):
        if ch in TICKED:
            counter[0] += 1
            if counter[0] % 2 == 0:
                redraw_tick(image, rect, (counter[0] // 2) % 2)
        elif ch in TYPED_TICKS and index + 1 < len(text.chars) and text.chars[index + 1][0] in EMPTY:
            x0, y0, x1, y1 = to_pixels(rect)
            image[y0:y1, x0:x1] = 255
            redraw_tick(image, text.chars[index + 1][1], 0)


def stamp_seal(image: Image8, center: tuple[int, int], rng: random.Random) -> None:
    """Multiply a red round seal (ring, inner ring, star, ring of marks) onto the image."""
    radius = round(SEAL_RADIUS_MM / 25.4 * DPI)
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


def seal_centers(plan: ScanPlan, texts: list[PageText]) -> list[tuple[int, tuple[int, int]]]:
    """Return (page, pixel centre) of every seal to stamp: seal fields that are present, then extras."""
    centers: list[tuple[int, tuple[int, int]]] = []
    for field_id, anchor in SEAL_ANCHORS.items():
        hits = [(i, r) for i, t in enumerate(texts) for r in t.find(anchor)]
        if field_id == "declaration.county_seal":
            hits = [(i, r) for i, r in hits if i > 0 and "推荐单位" not in _before(texts[i], r)]
        if plan.seals[field_id] and hits:
            page, rect = hits[0] if field_id != "declaration.recommending_unit_seal" else hits[-1]
            x0, y0, x1, y1 = to_pixels(rect)
            centers.append((page, (x1 + (x1 - x0), y1)))
    if plan.seal_over_text is not None:
        page, needle = plan.seal_over_text
        x0, y0, x1, y1 = to_pixels(next(texts[page].find(needle)))
        centers.append((page, ((x0 + x1) // 2 + 20, (y0 + y1) // 2 - 10)))
    return centers


def _before(text: PageText, rect: Rect) -> str:
    line = [ch for ch, r in text.chars if abs(r[1] - rect[1]) < 2 and r[0] < rect[0]]
    return "".join(line)


def simulate_scan(image: Image8, rng: random.Random) -> Image8:
    """Skew by up to 1.5°, blur slightly and add sensor noise."""
    height, width = image.shape[:2]
    angle = rng.uniform(-1.5, 1.5)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    skewed = cv2.warpAffine(image, matrix, (width, height), borderValue=(255, 255, 255))
    blurred = cv2.GaussianBlur(skewed, (3, 3), 0.6)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 4, blurred.shape)
    noisy: Image8 = np.clip(blurred.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    return noisy


def save(pages: list[Image8], target: Path) -> None:
    images = [Image.fromarray(cv2.cvtColor(p, cv2.COLOR_BGR2RGB)) for p in pages]
    if target.suffix == ".pdf":
        images[0].save(target, save_all=True, append_images=images[1:], resolution=DPI, quality=JPEG_QUALITY)
    else:
        ycbcr = [image.convert("YCbCr") for image in images]
        ycbcr[0].save(
            target,
            save_all=True,
            append_images=ycbcr[1:],
            compression="jpeg",
            quality=JPEG_QUALITY,
            dpi=(DPI, DPI),
        )


def write_truth(plan: ScanPlan, target: Path) -> None:
    truth = json.loads((DOCX_DIR / f"{plan.name}.truth.json").read_text(encoding="utf-8"))
    truth["source"] = target.name
    for field_id, stamped in plan.seals.items():
        truth["fields"][field_id] = {"value": stamped, "status": "present"}
    truth["scan"] = {
        "dpi": DPI,
        "seals": plan.seals,
        "seal_over_text": list(plan.seal_over_text) if plan.seal_over_text else None,
        "upside_down_pages": [i + 1 for i in plan.upside_down],
    }
    out = target.with_name(f"{target.stem}.truth.json")
    out.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_scan(plan: ScanPlan, outdir: Path) -> Path:
    """Given a plan, write its scan and truth into outdir and return the scan's path."""
    rng = random.Random(plan.name)
    with tempfile.TemporaryDirectory(prefix="scan-export-") as tmp:
        pdf_path = export_pdf(DOCX_DIR / f"{plan.name}.docx", Path(tmp))
        texts = read_texts(pdf_path)
        # PDFium renders RGB as BGR byte order already (to_numpy of a BGR bitmap)
        pages = render_pages(pdf_path)
    counter = [0]
    for image, text in zip(pages, texts, strict=True):
        hand_ticks(image, text, counter)
    for page, center in seal_centers(plan, texts):
        stamp_seal(pages[page], center, rng)
    target = outdir / f"{plan.name}{plan.suffix}"
    scanned = [simulate_scan(p, rng) for p in pages]
    for index in plan.upside_down:
        scanned[index] = np.asarray(cv2.rotate(scanned[index], cv2.ROTATE_180), dtype=np.uint8)
    save(scanned, target)
    write_truth(plan, target)
    return target


def main() -> None:
    for plan in SCANS:
        print(make_scan(plan, ROOT))


if __name__ == "__main__":
    main()
