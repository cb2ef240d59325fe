"""Stage `page_to_mark_glyphs`: checkbox marks that are not text, as glyphs placed where they sit.

AcroForm checkbox and radio widgets become ☑/☐ at the widget's box; a drawn square becomes ☐, or ☑
when a drawn tick (a small slanted path) lies on it; a drawn tick over a typed □ is returned as a
√ beside it, which the mapper reads as ticking that option.
"""

from __future__ import annotations

from extractors.pdf.primitives import Glyph, PageContent, TickStroke
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, BBox

MARK_FONT = "(mark)"
TICK_MARK = "√"
TYPED_BOXES = frozenset("□☐▢" + EMPTY_GLYPH)
PRINTED_BOXES = TYPED_BOXES | frozenset("☑☒■" + TICKED_GLYPH)


def _overlaps(a: BBox, b: BBox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _glyph(text: str, box: BBox) -> Glyph:
    return Glyph(text=text, font=MARK_FONT, bbox=box, size=max(box.height, 1.0))


def _box_glyph(box: BBox, strokes: tuple[TickStroke, ...]) -> Glyph:
    ticked = any(_overlaps(box, stroke.bbox) for stroke in strokes)
    return _glyph(TICKED_GLYPH if ticked else EMPTY_GLYPH, box)


def _loose_strokes(page: PageContent) -> list[Glyph]:
    """Drawn ticks on a typed empty box (□ ☐): a √ glyph at the stroke, which ticks that option."""
    typed = [g.bbox for g in page.glyphs if g.text in TYPED_BOXES]
    return [
        _glyph(TICK_MARK, stroke.bbox)
        for stroke in page.strokes
        if any(_overlaps(box, stroke.bbox) for box in typed)
        and not any(_overlaps(box, stroke.bbox) for box in page.boxes)
    ]


def page_to_mark_glyphs(page: PageContent) -> list[Glyph]:
    """Given a page, return glyphs for its widgets, drawn boxes and drawn ticks."""
    marks = [_glyph(TICKED_GLYPH if w.checked else EMPTY_GLYPH, w.bbox) for w in page.widgets]
    marks.extend(_box_glyph(box, page.strokes) for box in page.boxes)
    marks.extend(_loose_strokes(page))
    return marks


def text_glyphs_outside_widgets(page: PageContent) -> list[Glyph]:
    """Given a page, return its text glyphs minus printed boxes under a widget (the widget is the box)."""
    if not page.widgets:
        return list(page.glyphs)
    return [
        g
        for g in page.glyphs
        if not (g.text in PRINTED_BOXES and any(_overlaps(g.bbox, w.bbox) for w in page.widgets))
    ]
