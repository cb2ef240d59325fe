"""Stage tests: text-layer characters decoded by font; widgets and drawn boxes as glyphs."""

from __future__ import annotations

import pytest

from extractors.pdf.marks import page_to_mark_glyphs, text_glyphs_outside_widgets
from extractors.pdf.primitives import Glyph, PageContent, TickStroke, Widget
from extractors.pdf.symbol_glyphs import char_to_text, font_family
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, BBox


@pytest.mark.parametrize(
    ("ch", "font", "expected"),
    [
        ("\uf0fe", "ABCDEF+Wingdings-Regular", TICKED_GLYPH),
        ("\uf0a8", "Wingdings", EMPTY_GLYPH),
        ("\uf052", "Wingdings2", TICKED_GLYPH),
        ("\uf0a3", "Wingdings 2", EMPTY_GLYPH),
        ("R", "Wingdings2", TICKED_GLYPH),
        ("£", "Wingdings2", EMPTY_GLYPH),
        ("þ", "Wingdings", TICKED_GLYPH),
        ("\uf0fe", "OpenSymbol", TICKED_GLYPH),
        ("\uf052", "FAAAAA+OpenSymbol", TICKED_GLYPH),
        ("\uf0a3", "OpenSymbol", EMPTY_GLYPH),
        ("\uf06c", "Wingdings", UNKNOWN_GLYPH),
        # a missing glyph in a text font: drawn as Noto's crossed box whatever the code, decoded from it
        ("\uf0fe", "NotoSansCJKjp-Regular-VKana", TICKED_GLYPH),
        ("\uf0a8", "SimSun", EMPTY_GLYPH),
        ("\uf06c", "SimSun", UNKNOWN_GLYPH),
        ("\ue000", "SimSun", UNKNOWN_GLYPH),
        ("\ue00a", "OpenSymbol", "\ue00a"),
        ("☒", "MS-Gothic", "☒"),
        ("是", "SimSun", "是"),
        ("R", "TimesNewRoman", "R"),
    ],
)
def test_pdf_symbol_char_decoded_by_its_font(ch: str, font: str, expected: str) -> None:
    assert char_to_text(ch, font) == expected


def test_pdf_symbol_font_family_drops_subset_prefix_and_style() -> None:
    assert font_family("BCDEFG+Wingdings2-Regular") == "Wingdings2"
    assert font_family("SimSun,Bold") == "SimSun"


def page(glyphs: tuple[Glyph, ...] = (), **parts: object) -> PageContent:
    return PageContent(number=1, width=595, height=842, glyphs=glyphs, edges=(), **parts)  # type: ignore[arg-type]


def test_pdf_widgets_become_glyphs_and_replace_the_printed_box() -> None:
    box = BBox(100, 100, 110, 110)
    printed = Glyph("☑", "DejaVuSans", box, 10)
    other = Glyph("是", "SimSun", BBox(110, 100, 120, 110), 10)
    content = page((printed, other), widgets=(Widget(box, checked=False),))
    assert [g.text for g in text_glyphs_outside_widgets(content)] == ["是"]
    assert [g.text for g in page_to_mark_glyphs(content)] == [EMPTY_GLYPH]


def test_pdf_drawn_box_with_a_drawn_tick_is_ticked() -> None:
    ticked, empty = BBox(50, 50, 60, 60), BBox(50, 80, 60, 90)
    content = page(boxes=(ticked, empty), strokes=(TickStroke(BBox(51, 51, 59, 59)),))
    assert [g.text for g in page_to_mark_glyphs(content)] == [TICKED_GLYPH, EMPTY_GLYPH]


def test_pdf_drawn_tick_over_a_typed_box_ticks_it() -> None:
    typed = Glyph("□", "DejaVuSerif", BBox(50, 50, 60, 60), 10)
    content = page((typed,), strokes=(TickStroke(BBox(52, 48, 62, 58)),))
    assert [g.text for g in page_to_mark_glyphs(content)] == ["√"]


def test_pdf_stray_slanted_path_is_not_a_tick() -> None:
    content = page(strokes=(TickStroke(BBox(300, 300, 310, 310)),))
    assert page_to_mark_glyphs(content) == []
