"""Stage `pages_to_furniture`: what every page prints around the form — never part of a value.

Running headers and footers (the cluster name and the form's title, `内部资料`), page numbers in any
of the styles offices use (`— 21 —`, `－3－`, `第 3 页 共 20 页`, `3/20`, `Page 3 of 20`) and
watermarks. A header or footer is a line outside the tables, in the top or bottom band of the page,
whose text (digits aside) comes back at about the same height on other pages; a page number is
recognised on its own. A watermark is text far larger than the page's own (a diagonal `样稿` across
the page); its characters are dropped before they can fall into a cell.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from extractors.pdf.lines import Line, glyphs_to_lines
from extractors.pdf.primitives import Glyph, PageContent

BAND_SHARE = 0.12
SAME_HEIGHT = 12.0
WATERMARK_SIZE_RATIO = 2.6
WATERMARK_MIN_SIZE = 28.0
_DASHES = r"\-—–―－一~～"
PAGE_NUMBER = re.compile(
    rf"^[{_DASHES}\s]*(第\s*)?\d+\s*(页)?(\s*[/／]\s*\d+|\s*共\s*\d+\s*页)?[{_DASHES}\s]*$"
    r"|^(page|p\.)\s*\d+(\s*(of|/)\s*\d+)?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Furniture:
    """The repeated header and footer lines of a document: (text key, top or bottom band, height)."""

    lines: frozenset[tuple[str, bool, int]] = frozenset()

    def holds(self, line: Line, page_height: float) -> bool:
        """Given a body line and its page's height, return whether it is page furniture."""
        top = _band(line, page_height)
        if top is None:
            return False
        if PAGE_NUMBER.match(line.text.strip()):
            return True
        key = line_key(line.text)
        height = round(line.bbox.y0 / SAME_HEIGHT)
        return any((key, top, h) in self.lines for h in (height - 1, height, height + 1))


def line_key(text: str) -> str:
    """Given a line's text, return it as compared between pages (digits and spacing aside)."""
    return _DIGITS.sub("#", _SPACE.sub("", text))


def _band(line: Line, page_height: float) -> bool | None:
    """True in the top band, False in the bottom band, None in between."""
    if line.bbox.y1 <= page_height * BAND_SHARE:
        return True
    if line.bbox.y0 >= page_height * (1 - BAND_SHARE):
        return False
    return None


def _margin_lines(page: PageContent) -> list[Line]:
    low, high = page.height * BAND_SHARE, page.height * (1 - BAND_SHARE)
    glyphs = [g for g in page.glyphs if g.bbox.y1 <= low or g.bbox.y0 >= high]
    return glyphs_to_lines(glyphs, page.number) if glyphs else []


def pages_to_furniture(pages: list[PageContent]) -> Furniture:
    """Given the read pages, return the header and footer lines that come back on other pages."""
    seen: Counter[tuple[str, bool, int]] = Counter()
    for page in pages:
        keys = set()
        for line in _margin_lines(page):
            top = _band(line, page.height)
            if top is not None and line_key(line.text):
                keys.add((line_key(line.text), top, round(line.bbox.y0 / SAME_HEIGHT)))
        seen.update(keys)
    repeated = {key for key, pages_seen in seen.items() if pages_seen >= 2}
    return Furniture(frozenset(repeated))


def without_watermark(glyphs: list[Glyph]) -> list[Glyph]:
    """Given a page's glyphs, return them without a watermark's: characters far larger than the
    page's usual text size."""
    sizes = [g.size for g in glyphs if not g.text.isspace()]
    if not sizes:
        return glyphs
    limit = max(WATERMARK_MIN_SIZE, WATERMARK_SIZE_RATIO * statistics.median(sizes))
    return [g for g in glyphs if g.size < limit]
