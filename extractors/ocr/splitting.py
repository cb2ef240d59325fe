"""Stage `split_words`: OCR text lines cut where a checkbox or a cell border lies inside them.

A page engine reads a text line as one piece; when that piece runs over a (whitened) checkbox or
over a column border, it is cut there, its characters shared in proportion to the widths, so each
part lands in its own cell and a box glyph can go before its own option.
"""

from __future__ import annotations

from extractors.ocr.geometry import Grid, OcrWord, TickBox
from schema.document import BBox


def _cut(word: OcrWord, x0: float, x1: float) -> list[OcrWord]:
    """Given a word and a gap [x0, x1] inside it, return the parts left and right of the gap."""
    width = word.bbox.width
    if width <= 0 or not word.bbox.x0 < x0 < word.bbox.x1:
        return [word]
    text_width = max(width - (x1 - x0), 1.0)  # the gap (a whitened box) holds none of the characters
    n = _chars_before(word.text, (x0 - word.bbox.x0) / text_width)
    parts = []
    if word.text[:n].strip():
        parts.append(
            OcrWord(word.text[:n], BBox(word.bbox.x0, word.bbox.y0, x0, word.bbox.y1), word.confidence)
        )
    if word.text[n:].strip():
        right = max(x1, x0 + 1)
        parts.append(
            OcrWord(word.text[n:], BBox(right, word.bbox.y0, word.bbox.x1, word.bbox.y1), word.confidence)
        )
    return parts


def _advance(ch: str) -> float:
    """Relative width of a character: ASCII about half of a CJK (full-width) one."""
    return 0.55 if ord(ch) < 0x2E80 else 1.0


def _chars_before(text: str, share: float) -> int:
    """Given a text and a share of its width, return how many characters lie before that point."""
    total = sum(_advance(ch) for ch in text)
    width = 0.0
    for index, ch in enumerate(text):
        if width + _advance(ch) / 2 >= share * total:
            return index
        width += _advance(ch)
    return len(text)


def _overlaps_vertically(word: OcrWord, y0: float, y1: float) -> bool:
    return min(word.bbox.y1, y1) - max(word.bbox.y0, y0) > 0.3 * word.bbox.height


def _split_at(words: list[OcrWord], gaps: list[tuple[float, float, float, float]]) -> list[OcrWord]:
    for x0, y0, x1, y1 in gaps:
        words = [
            part
            for word in words
            for part in (_cut(word, x0, x1) if _overlaps_vertically(word, y0, y1) else [word])
        ]
    return words


def split_words(words: list[OcrWord], ticks: list[TickBox], grids: list[Grid]) -> list[OcrWord]:
    """Given OCR words, the page's boxes and grids, return the words cut at boxes and column borders."""
    boxes = [(t.bbox.x0, t.bbox.y0, t.bbox.x1, t.bbox.y1) for t in ticks]
    borders = [
        (cell.bbox.x1, cell.bbox.y0, cell.bbox.x1, cell.bbox.y1)
        for grid in grids
        for cell in grid.cells
        if cell.bbox.x1 < grid.bbox.x1 - 1
    ]
    return _split_at(_split_at(words, boxes), borders)
