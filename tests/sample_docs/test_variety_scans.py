"""The variety scan harness: profiles, page effects, tick styles, seals in the truth, one file per scan."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageSequence

from sample_docs.scans import variety
from sample_docs.scans.generate import (
    SEAL_ANCHORS,
    TICK_STYLES,
    Image8,
    PageText,
    Rect,
    redraw_tick,
    save,
    turn,
)
from sample_docs.scans.variety import (
    DPI_CHOICES,
    INK_CHOICES,
    TICK_STYLE_CHOICES,
    ScannerProfile,
    Source,
    draw_profile,
    make_variety_scan,
    number_to_cover,
    scan_page,
    tick_plan,
)

PAGE = (900, 700)  # height, width in pixels at 150 dpi: small pages keep the tests fast
SEAL_FIELDS = tuple(SEAL_ANCHORS)


def profile(**changes: object) -> ScannerProfile:
    """Return a drawn profile at 150 dpi, scanned (not faxed or photographed), with the given fields
    replaced."""
    drawn = replace(draw_profile(random.Random(0)), dpi=150, medium="scanner")
    return replace(drawn, **changes)  # type: ignore[arg-type]


def line_of(text: str, x: float, y: float) -> tuple[tuple[str, Rect], ...]:
    """Return characters of `text` set in 10-point cells from (x, y) in points."""
    return tuple((ch, (x + 10 * i, y, x + 10 * (i + 1), y + 10)) for i, ch in enumerate(text))


def fake_pages(*_: object) -> tuple[list[PageText], list[Image8]]:
    """Stand in for LibreOffice: a cover with （盖章）, a numbers page, a declaration with both 公章 lines."""
    height, width = PAGE
    texts = [
        PageText(line_of("县级主管部门（盖章）☑是□否", 10, 20), width * 0.48, height * 0.48),
        PageText(line_of("总产值123.45亿元", 10, 20), width * 0.48, height * 0.48),
        PageText(
            line_of("县（公章）", 10, 20) + line_of("推荐单位（公章）", 10, 120), width * 0.48, height * 0.48
        ),
    ]
    return texts, [np.full((height, width, 3), 255, np.uint8) for _ in texts]


def source(tmp_path: Path) -> Source:
    """Return a source filing with a minimal truth (its .docx is never read: export is faked)."""
    truth: dict[str, object] = {
        "source": "x.docx",
        "fields": {f: {"value": None, "status": "missing"} for f in SEAL_FIELDS},
        "render": {"tick_encodings": ["glyph_check", "glyph_square"]},
    }
    return Source("x", tmp_path / "x.docx", truth)


def red_pixels(image: Image8) -> int:
    """Return how many pixels of a BGR image are clearly red."""
    blue, green, red = (image[:, :, k].astype(int) for k in range(3))
    return int(np.count_nonzero((red - blue > 80) & (red - green > 80)))


def test_profiles_are_deterministic_per_seed() -> None:
    first = [draw_profile(random.Random(f"variety:7:{i}")) for i in range(5)]
    again = [draw_profile(random.Random(f"variety:7:{i}")) for i in range(5)]
    other = [draw_profile(random.Random(f"variety:8:{i}")) for i in range(5)]
    assert first == again
    assert first != other


def test_profiles_cover_every_option() -> None:
    profiles = [draw_profile(random.Random(f"variety:1:{i}")) for i in range(200)]
    assert {p.dpi for p in profiles} == set(DPI_CHOICES)
    assert {p.tick_style for p in profiles} == set(TICK_STYLE_CHOICES)
    assert {p.ink for p in profiles} == set(INK_CHOICES)
    assert {p.turn for p in profiles} == {0, 90, 180, 270}
    assert {p.medium for p in profiles} == {"scanner", "fax", "photo"}
    assert all(p.suffix == ".tif" and not p.colour for p in profiles if p.medium == "fax")
    assert {p.suffix for p in profiles} == {".tif", ".pdf"}
    assert {p.colour for p in profiles} == {True, False}
    assert all(35 <= p.jpeg_quality <= 90 and 0 <= p.max_skew <= 3 for p in profiles)
    assert any(not all(p.seals.values()) for p in profiles)


@pytest.mark.parametrize("ink", INK_CHOICES)
@pytest.mark.parametrize("colour", [True, False])
def test_scan_page_keeps_size_and_sets_channels(ink: str, colour: bool) -> None:
    page = np.full((*PAGE, 3), 255, np.uint8)
    page[100:110, 50:650] = 0
    scanned, angle = scan_page(page, profile(ink=ink, colour=colour, max_skew=3.0), random.Random(1))
    assert scanned.dtype == np.uint8
    assert scanned.shape == ((*PAGE, 3) if colour else PAGE)
    assert -3 <= angle <= 3
    assert scanned[105, 350].mean() < 160 < scanned[450, 350].mean()


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_turn_swaps_sides_for_quarter_turns(degrees: int) -> None:
    turned = turn(np.zeros(PAGE, np.uint8), degrees)
    assert turned.shape == (PAGE if degrees == 180 else PAGE[::-1])


@pytest.mark.parametrize("style", TICK_STYLES)
def test_each_tick_style_draws_pen_ink(style: str) -> None:
    page = np.full((*PAGE, 3), 255, np.uint8)
    redraw_tick(page, (60, 60, 70, 70), style, 150)
    assert page.shape == (*PAGE, 3)
    assert np.count_nonzero(page.min(axis=2) < 128) > 40


@pytest.mark.parametrize("suffix", [".tif", ".pdf"])
@pytest.mark.parametrize("channels", [3, 0])
def test_save_writes_every_page_at_its_size(tmp_path: Path, suffix: str, channels: int) -> None:
    shape = (*PAGE, 3) if channels else PAGE
    pages = [np.full(shape, 200, np.uint8), turn(np.full(shape, 200, np.uint8), 90)]
    target = tmp_path / f"scan{suffix}"
    save(pages, target, 150, 40)
    if suffix == ".tif":
        frames = [(f.size, f.mode) for f in ImageSequence.Iterator(Image.open(target))]
        assert [size for size, _ in frames] == [(PAGE[1], PAGE[0]), (PAGE[0], PAGE[1])]
        assert {mode for _, mode in frames} <= ({"RGB", "YCbCr"} if channels else {"L"})
    else:
        pdf = pdfium.PdfDocument(str(target))
        sizes = [tuple(round(side * 150 / 72) for side in page.get_size()) for page in pdf]
        pdf.close()
        assert sizes == [(PAGE[1], PAGE[0]), (PAGE[0], PAGE[1])]


def test_number_to_cover_picks_a_decimal_past_the_cover() -> None:
    texts, _ = fake_pages()
    assert number_to_cover(texts, random.Random(0)) == (1, "123.45")


def test_typed_ticks_follow_the_filing_encoding() -> None:
    after = {"render": {"tick_encodings": ["check_after_box", "check_after_text"]}}
    assert tick_plan(profile(tick_style="printed"), after) == (None, True)
    assert tick_plan(profile(tick_style="cross"), {"render": {"tick_encodings": []}}) == ("cross", False)


@pytest.mark.parametrize(
    "wanted", [(True, True, True), (True, False, True), (False, True, False), (False, False, False)]
)
def test_truth_seals_are_what_was_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wanted: tuple[bool, bool, bool]
) -> None:
    monkeypatch.setattr(variety, "export_and_render", fake_pages)
    seals = dict(zip(SEAL_FIELDS, wanted, strict=True))
    chosen = profile(seals=seals, seal_over_number=False, turn=0, colour=True, max_skew=0.0, suffix=".tif")
    scan = make_variety_scan(source(tmp_path), chosen, random.Random(3), tmp_path / "x.tif")
    truth = json.loads((tmp_path / "x.truth.json").read_text(encoding="utf-8"))
    assert truth["source"] == "x.tif"
    assert {f: truth["fields"][f]["value"] for f in SEAL_FIELDS} == seals == truth["scan"]["seals"]
    frames = [np.asarray(f.convert("RGB"))[:, :, ::-1] for f in ImageSequence.Iterator(Image.open(scan))]
    red = [red_pixels(frame) > 200 for frame in frames]
    assert red == [wanted[0], False, wanted[1] or wanted[2]]


def test_truth_seal_is_false_when_its_line_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts, pages = fake_pages()
    monkeypatch.setattr(variety, "export_and_render", lambda *_: (texts[:2], pages[:2]))
    chosen = profile(seals=dict.fromkeys(SEAL_FIELDS, True), seal_over_number=True, turn=180, suffix=".pdf")
    make_variety_scan(source(tmp_path), chosen, random.Random(4), tmp_path / "y.pdf")
    scan = json.loads((tmp_path / "y.truth.json").read_text(encoding="utf-8"))["scan"]
    assert scan["seals"] == {SEAL_FIELDS[0]: True, SEAL_FIELDS[1]: False, SEAL_FIELDS[2]: False}
    assert scan["seal_over_text"] == [1, "123.45"]
    assert scan["turned_page"]["degrees"] == 180 and scan["upside_down_pages"] == [
        scan["turned_page"]["page"]
    ]
    assert len(scan["skew_degrees"]) == 2


def test_count_scans_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(variety, "export_and_render", fake_pages)
    assert variety.main(["--out", str(tmp_path), "--count", "3", "--seed", "5", "--sources", "both"]) == 0
    scans = sorted(p for p in tmp_path.iterdir() if p.suffix in (".tif", ".pdf"))
    assert len(scans) == 3
    assert all(p.with_name(f"{p.stem}.truth.json").is_file() for p in scans)
    assert [p.name.split("_")[1] for p in scans] == ["gen", "doc", "gen"]


@pytest.mark.slow
def test_real_scans_from_libreoffice(tmp_path: Path) -> None:
    assert variety.main(["--out", str(tmp_path), "--count", "2", "--seed", "11", "--sources", "samples"]) == 0
    scans = sorted(p for p in tmp_path.iterdir() if p.suffix in (".tif", ".pdf"))
    assert len(scans) == 2
    truths = [json.loads(p.with_name(f"{p.stem}.truth.json").read_text(encoding="utf-8")) for p in scans]
    assert [t["form"] for t in truths] == ["application", "review"]
    assert all(t["fields"][f]["value"] == t["scan"]["seals"][f] for t in truths for f in SEAL_FIELDS)
