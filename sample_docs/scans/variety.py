"""Many varied simulated scans: each source filing printed, ticked, stamped and scanned by a random scanner.

Usage (from the repository root; needs LibreOffice):

    .venv/bin/python -m sample_docs.scans.variety --out DIR --count N --seed S [--sources generated|samples|both]

Scan `i` takes one source filing — freshly generated (`sample_docs.generator`, seed S) or a committed
`sample_docs/docx/*.docx`, only filings whose tick encodings LibreOffice prints faithfully (`PAPER_SAFE`) —
and a `ScannerProfile` drawn from `random.Random(f"variety:{S}:{i}")`: resolution, colour or grey,
paper tint, uneven light, ink spread or fading, blur, noise and toner specks, JPEG quality, skew, one page
turned, how ticks were made by hand, which seals were stamped (one maybe over a number) and the format
(multi-page TIFF or image-only PDF). The pipeline is `generate.py`'s. Writes `DIR/<name>.{tif,pdf}` and
`DIR/<name>.truth.json`: the source truth with `source`, the seal fields as stamped and a `scan` entry
(the profile, per-page skew, turned page). Same (seed, index) → same scan.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import random
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
import numpy.typing as npt

from sample_docs.generator.__main__ import batch_plan
from sample_docs.generator.filing import generate_filing
from sample_docs.generator.layout import encodings_for
from sample_docs.generator.output import write_filing
from sample_docs.scans.generate import (
    DOCX_DIR,
    SEAL_ANCHORS,
    Image8,
    PageText,
    ScanPlan,
    add_noise,
    export_and_render,
    mark_pages,
    save,
    scan_truth,
    seal_centers,
    skew,
    stamp_seal,
    stamped_seals,
    turn,
)
from sample_docs.scans.media import MEDIA, Medium, fax_page, photo_page, save_fax

logger = logging.getLogger(__name__)

SourceKind = Literal["generated", "samples", "both"]
TickStyle = Literal[
    "printed", "check", "beside", "filled", "cross", "overshoot", "strokes_cross", "blob", "circle", "mixed"
]
Ink = Literal["normal", "spread", "faded"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("generated", "samples", "both")
TICK_STYLE_CHOICES: tuple[TickStyle, ...] = (
    "printed",
    "check",
    "beside",
    "filled",
    "cross",
    "overshoot",
    "strokes_cross",
    "blob",
    "circle",
    "mixed",
    "mixed",
)
MIXED_STYLES = ("check", "beside", "filled", "cross", "overshoot", "strokes_cross", "blob", "circle")
"""A filer who ticks each box a different way (`mixed`) draws from these."""
TURNS = (0, 0, 90, 180, 270)
INK_CHOICES: tuple[Ink, ...] = ("normal", "normal", "spread", "faded")
DPI_CHOICES = (150, 200, 300)
SUFFIXES = (".tif", ".pdf")
# Encodings whose tick state survives LibreOffice's print (Wingdings symbols, fonts and fields do not).
PAPER_SAFE = frozenset(
    {"glyph_check", "glyph_square", "glyph_cross", "check_before_box", "check_after_box", "check_after_text"}
)
SEAL_KEPT = 0.8  # chance that each seal was stamped
NUMBER = re.compile(r"\d[\d,，]*[.．]\d+")
LIGHT_STEP = 16


@dataclass(frozen=True, slots=True)
class ScannerProfile:
    """How one filing was printed, marked and scanned (all drawn from the scan's RNG)."""

    dpi: int
    colour: bool
    tint: tuple[int, int, int]  # paper colour, BGR
    illumination: float  # darkening at the dim edge, 0–0.25
    light_angle: float  # degrees; the direction light falls off
    vignette: float  # extra darkening towards the corners, 0–0.15
    ink: Ink
    blur: float  # Gaussian sigma in pixels at 150 dpi
    noise: float  # Gaussian sensor noise, grey levels
    specks: int  # toner specks per page
    jpeg_quality: int
    max_skew: float  # each page skewed by up to ± this many degrees
    turn: int  # one page turned by 0, 90, 180 or 270 degrees
    tick_style: TickStyle
    seals: dict[str, bool]
    seal_over_number: bool
    suffix: str
    medium: Medium = "scanner"
    standard_fax: bool = False  # a fax at 200×100 dpi


@dataclass(frozen=True, slots=True)
class Source:
    """One source filing: its name, its .docx and its truth."""

    name: str
    docx: Path
    truth: dict[str, object]


def draw_profile(rng: random.Random) -> ScannerProfile:
    """Given an RNG, return a random scanner profile (same RNG state → same profile)."""
    warm = rng.randint(0, 18)
    medium = rng.choice(MEDIA)
    profile = ScannerProfile(
        dpi=rng.choice(DPI_CHOICES),
        colour=rng.random() < 0.6,
        tint=(255 - warm - rng.randint(0, 10), 255 - warm // 2, 255 - rng.randint(0, 4)),
        illumination=round(rng.uniform(0.0, 0.25), 3),
        light_angle=round(rng.uniform(0, 360), 1),
        vignette=round(rng.uniform(0.0, 0.15), 3),
        ink=rng.choice(INK_CHOICES),
        blur=round(rng.uniform(0.3, 1.1), 2),
        noise=round(rng.uniform(2, 8), 1),
        specks=rng.randint(0, 400),
        jpeg_quality=rng.randint(35, 90),
        max_skew=round(rng.uniform(0, 3), 2),
        turn=rng.choice(TURNS),
        tick_style=rng.choice(TICK_STYLE_CHOICES),
        seals={field_id: rng.random() < SEAL_KEPT for field_id in SEAL_ANCHORS},
        seal_over_number=rng.random() < 0.4,
        suffix=rng.choice(SUFFIXES),
        medium=medium,
        standard_fax=rng.random() < 0.5,
    )
    if medium == "fax":
        return replace(profile, colour=False, suffix=".tif")
    return replace(profile, colour=True, suffix=".pdf") if medium == "photo" else profile


def print_look(image: Image8, ink: Ink) -> Image8:
    """Given a rendered page, return it as printed: toner spread (strokes thicken) or faded, or as is."""
    if ink == "spread":
        return np.asarray(cv2.erode(image, np.ones((2, 2), np.uint8)), dtype=np.uint8)
    if ink == "faded":
        return (255 - (255 - image.astype(np.float32)) * 0.7).astype(np.uint8)
    return image


def light_field(shape: tuple[int, int], profile: ScannerProfile) -> npt.NDArray[np.float32]:
    """Given a page's (height, width), return the per-pixel brightness factor: gradient plus vignette
    (computed on a grid LIGHT_STEP times coarser and scaled up: light varies slowly)."""
    height, width = shape
    rows, cols = max(2, height // LIGHT_STEP), max(2, width // LIGHT_STEP)
    ys, xs = np.mgrid[0:rows, 0:cols].astype(np.float32)
    xs, ys = xs / (cols - 1) - 0.5, ys / (rows - 1) - 0.5
    angle = np.deg2rad(profile.light_angle)
    along = xs * np.cos(angle) + ys * np.sin(angle) + 0.5  # 0 at the lit edge, 1 at the dim edge
    corners = (xs**2 + ys**2) * 2  # 0 in the centre, 1 at the corners
    coarse = (1 - profile.illumination * np.clip(along, 0, 1) - profile.vignette * corners).astype(np.float32)
    field: npt.NDArray[np.float32] = np.asarray(
        cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR), np.float32
    )
    return field


def paper(image: Image8, profile: ScannerProfile) -> Image8:
    """Given a page, return it on tinted paper under uneven light."""
    factor = light_field(image.shape[:2], profile)[..., None]
    tint = np.array(profile.tint, np.float32) / 255
    return np.clip(image.astype(np.float32) * factor * tint, 0, 255).astype(np.uint8)


def toner_specks(image: Image8, count: int, rng: random.Random) -> None:
    """Dot `count` small grey-black toner specks at random places on the page, in place."""
    height, width = image.shape[:2]
    for _ in range(count):
        centre = (rng.randrange(width), rng.randrange(height))
        shade = rng.randint(40, 150)
        cv2.circle(image, centre, rng.choice((0, 1, 1, 2)), (shade, shade, shade), -1)


def scan_page(image: Image8, profile: ScannerProfile, rng: random.Random) -> tuple[Image8, float]:
    """Given a printed page, return it as scanned with the profile, and the skew angle used."""
    angle = round(rng.uniform(-profile.max_skew, profile.max_skew), 2)
    page = paper(skew(print_look(image, profile.ink), angle), profile)
    toner_specks(page, profile.specks, rng)
    sigma = profile.blur * profile.dpi / 150
    size = 2 * int(np.ceil(2 * sigma)) + 1
    page = np.asarray(cv2.GaussianBlur(page, (size, size), sigma), dtype=np.uint8)
    page = add_noise(page, profile.noise, rng.randrange(2**32))
    if not profile.colour:
        page = np.asarray(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    return page, angle


def number_to_cover(texts: list[PageText], rng: random.Random) -> tuple[int, str] | None:
    """Given the pages' text, return (page, text) of a decimal number past the cover to stamp over, if any."""
    found = {
        (page, match.group())
        for page, text in enumerate(texts)
        if page > 0
        for match in NUMBER.finditer("".join(ch for ch, _ in text.chars))
    }
    return rng.choice(sorted(found)) if found else None


def tick_plan(profile: ScannerProfile, truth: dict[str, object]) -> tuple[str | None, bool]:
    """Given a profile and the source truth, return the hand style for ticks (None: printed; `mixed`:
    each box its own) and whether a typed √ belongs to the box before it (`□√是`) rather than after
    it (`√□是`)."""
    style = None if profile.tick_style == "printed" else profile.tick_style
    render = truth.get("render")
    encodings = render.get("tick_encodings", []) if isinstance(render, dict) else []
    return style, "check_after_box" in encodings


def mixed_styles(rng: random.Random) -> Iterator[str | None]:
    """Yield a hand style drawn afresh for every ticked box (a filer ticking each box her own way)."""
    while True:
        yield rng.choice(MIXED_STYLES)


def to_medium(image: Image8, profile: ScannerProfile, rng: random.Random) -> Image8:
    """Given a scanned page, return it as the profile's medium delivers it (fax, photo or the scan)."""
    if profile.medium == "fax":
        return fax_page(image, rng, profile.standard_fax)
    return photo_page(image, rng) if profile.medium == "photo" else image


def scan_entry(
    profile: ScannerProfile, plan: ScanPlan, seals: dict[str, bool], skews: list[float], turned: int | None
) -> dict[str, object]:
    """Return the truth's `scan` entry: what was stamped, page turns and skews, and the whole profile."""
    return {
        "dpi": profile.dpi,
        "seals": seals,
        "seal_over_text": list(plan.seal_over_text) if plan.seal_over_text else None,
        "medium": profile.medium,
        "upside_down_pages": [turned + 1] if turned is not None and profile.turn == 180 else [],
        "turned_page": None if turned is None else {"page": turned + 1, "degrees": profile.turn},
        "skew_degrees": skews,
        "profile": asdict(profile),
    }


def make_variety_scan(source: Source, profile: ScannerProfile, rng: random.Random, target: Path) -> Path:
    """Given a source filing, a profile and the scan's RNG, write the scan and its truth to `target`."""
    texts, pages = export_and_render(source.docx, profile.dpi)
    over = number_to_cover(texts, rng) if profile.seal_over_number else None
    plan = ScanPlan(target.stem, profile.suffix, profile.seals, seal_over_text=over)
    style, typed_after = tick_plan(profile, source.truth)
    styles = mixed_styles(rng) if style == "mixed" else itertools.repeat(style)
    typed = rng.choice(MIXED_STYLES) if style == "mixed" else style
    mark_pages(pages, texts, styles, typed, profile.dpi, typed_after, rng if style == "mixed" else None)
    for page, center in seal_centers(plan, texts, profile.dpi):
        stamp_seal(pages[page], center, rng, profile.dpi)
    scanned = [scan_page(page, profile, rng) for page in pages]
    images = [to_medium(image, profile, rng) for image, _ in scanned]
    turned = rng.randrange(len(images)) if profile.turn else None
    if turned is not None:
        images[turned] = turn(images[turned], profile.turn)
    if profile.medium == "fax":
        save_fax(images, target, profile.standard_fax)
    else:
        save(images, target, profile.dpi, profile.jpeg_quality)
    seals = stamped_seals(plan, texts)
    scan_truth(source.truth, target, seals, scan_entry(profile, plan, seals, [a for _, a in scanned], turned))
    return target


def read_source(docx: Path) -> Source:
    """Given a .docx with its truth file beside it, return the source."""
    truth = json.loads(docx.with_name(f"{docx.stem}.truth.json").read_text(encoding="utf-8"))
    return Source(docx.stem, docx, truth)


def paper_safe(truth: dict[str, object]) -> bool:
    """Given a filing's truth, return whether all its tick encodings print faithfully."""
    render = truth.get("render")
    encodings = render.get("tick_encodings", []) if isinstance(render, dict) else []
    return set(encodings) <= PAPER_SAFE


def committed_sources() -> list[Source]:
    """Return the committed sample filings whose ticks print faithfully."""
    sources = [read_source(path) for path in sorted(DOCX_DIR.glob("*.docx"))]
    return [source for source in sources if paper_safe(source.truth)]


def generated_source(seed: int, slot: int, workdir: Path) -> Source:
    """Given a seed and a slot, generate the slot-th paper-safe filing of the batch into workdir."""
    safe = (g for g in itertools.count() if set(encodings_for(g)) <= PAPER_SAFE)
    index = next(itertools.islice(safe, slot, None))
    _, form, clean = batch_plan(index + 1, None)[index]
    return read_source(write_filing(generate_filing(form, seed, index, clean), workdir))


def source_for(kind: SourceKind, seed: int, index: int, workdir: Path) -> tuple[str, Source]:
    """Given the source kind, seed and scan index, return ("gen" or "doc", the source filing)."""
    slot = index // 2 if kind == "both" else index
    if kind == "generated" or (kind == "both" and index % 2 == 0):
        return "gen", generated_source(seed, slot, workdir)
    samples = committed_sources()
    return "doc", samples[slot % len(samples)]


def make_one(kind: SourceKind, seed: int, index: int, out: Path) -> Path:
    """Given the source kind, seed and index, write scan `index` into `out` and return its path."""
    rng = random.Random(f"variety:{seed}:{index}")
    profile = draw_profile(rng)
    with tempfile.TemporaryDirectory(prefix="variety-source-") as tmp:
        origin, source = source_for(kind, seed, index, Path(tmp))
        target = out / f"{index:02d}_{origin}_{source.name}{profile.suffix}"
        return make_variety_scan(source, profile, rng, target)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Given command-line arguments, return the parsed options."""
    parser = argparse.ArgumentParser(prog="python -m sample_docs.scans.variety", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--count", type=int, default=8, help="number of scans")
    parser.add_argument("--seed", type=int, default=1, help="seed of the profiles and generated filings")
    parser.add_argument("--sources", choices=SOURCE_KINDS, default="both", help="where filings come from")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Given command-line arguments, write the scans and return the exit code."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.count):
        logger.info("wrote %s", make_one(args.sources, args.seed, index, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
