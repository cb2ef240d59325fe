"""One page through the OCR stages: upright → deskew → ink → ruling → grids, boxes, seals → words.

Reads like the algorithm. The OCR engine sees the page (or, for a per-cell engine, each cell) with
ruling lines and checkboxes whitened out: boxes are decided from pixels and come back as glyphs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.ocr.anchored_boxes import anchor_missed_boxes
from extractors.ocr.circled import circle_chosen, ink_to_rings
from extractors.ocr.confirm import bbox_crop, confirm_boxes
from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.faint_boxes import faint_ticks
from extractors.ocr.geometry import Grid, Image, OcrWord, TickBox
from extractors.ocr.preprocess import deskew, despeckle, gray_to_faint_ink, gray_to_ink, page_to_gray, upright
from extractors.ocr.ruling import (
    Ruling,
    drop_seal_arcs,
    ink_to_ruling,
    ruling_to_edges,
    ruling_to_grids,
)
from extractors.ocr.seals import page_to_seals
from extractors.ocr.splitting import split_words
from extractors.ocr.ticks import free_ink, page_to_ticks
from extractors.ocr.tokens import Token, ticks_to_tokens, words_to_tokens
from extractors.ocr.unread import GlyphReader, mark_unread_cells, read_lone_dashes, reread_doubtful_marks
from extractors.pdf.primitives import Edge
from schema.document import BBox, SealMark

logger = logging.getLogger(__name__)

MIN_CELL_INK = 0.002
CELL_INSET = 3
READ_MARGIN = 24
MIN_READ_SIDE = 800


@dataclass(frozen=True, slots=True)
class PageReading:
    """What one page yielded: ruling edges and tokens (words and box glyphs) in pixels of the straight
    page, its width in pixels, seals, how it was turned, and whether it was a photo flattened first."""

    number: int
    edges: tuple[Edge, ...]
    tokens: tuple[Token, ...]
    seals: tuple[SealMark, ...]
    turn: int
    skew: float
    width: int
    photographed: bool = False

    @property
    def confidence(self) -> float:
        """The mean confidence of the page's words, weighted by text length (1.0 for a blank page)."""
        weights = [(len(t.text), t.confidence) for t in self.tokens]
        total = sum(w for w, _ in weights)
        return sum(w * c for w, c in weights) / total if total else 1.0


def straighten(page: Image) -> tuple[Image, int, float]:
    """Given a BGR page, return it upright and deskewed, with the turn and skew correction applied."""
    turned, turn = upright(page)
    straight, skew = deskew(turned)
    return straight, turn, skew


def page_to_ruling(faint: Image, seals: tuple[SealMark, ...]) -> Ruling:
    """Given a page's faint ink mask and its seals, return its ruling lines (seal rings dropped): a
    thin grey rule of a 150 dpi scan breaks up at the ordinary threshold (rows of a table would run
    together), and a line's length and clear sides alone tell it from text."""
    return drop_seal_arcs(ink_to_ruling(faint), seals)


def glyph_reader(engine: OcrEngine, gray: Image) -> GlyphReader:
    """Given the engine and the grayscale page, return a reader of the one glyph at a bbox."""
    return lambda box: engine.recognize(bbox_crop(gray, box))


def ocr_input(gray: Image, lines: Image | None, ticks: list[TickBox]) -> Image:
    """Given a grayscale page, its boxes and (per-cell engines) ruling lines, return what the engine reads.

    Ruling lines stay for page engines: they keep the text detector from joining neighbouring cells.
    """
    clean = gray.copy()
    if lines is not None:
        clean[cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0] = 255
    for tick in ticks:
        size = tick.bbox.width
        x0, y0 = round(tick.bbox.x0 - 2), round(tick.bbox.y0 - size * 0.5)
        x1, y1 = round(tick.bbox.x1 + 2), round(tick.bbox.y1 + 2)
        clean[max(0, y0) : y1, max(0, x0) : x1] = 255
    return clean


def _offset(words: list[OcrWord], dx: float, dy: float) -> list[OcrWord]:
    return [
        OcrWord(w.text, BBox(w.bbox.x0 + dx, w.bbox.y0 + dy, w.bbox.x1 + dx, w.bbox.y1 + dy), w.confidence)
        for w in words
    ]


def read_cells(engine: OcrEngine, clean: Image, grids: list[Grid]) -> list[OcrWord]:
    """Given the engine, the clean page and its grids, return the words of every inked cell and the body."""
    words: list[OcrWord] = []
    body = clean.copy()
    for grid in grids:
        for cell in grid.cells:
            x0, y0, x1, y1 = (round(v) for v in cell.bbox.as_tuple())
            crop = clean[y0 + CELL_INSET : y1 - CELL_INSET, x0 + CELL_INSET : x1 - CELL_INSET]
            if crop.size and float(np.count_nonzero(crop < 128)) / crop.size >= MIN_CELL_INK:
                words.extend(
                    _offset(engine.read(np.ascontiguousarray(crop)), x0 + CELL_INSET, y0 + CELL_INSET)
                )
        gx0, gy0, gx1, gy1 = (round(v) for v in grid.bbox.as_tuple())
        body[gy0 : gy1 + 1, gx0 : gx1 + 1] = 255
    return words + engine.read(body)


def _span(low: int, high: int, size: int) -> tuple[int, int]:
    """Given the inked span [low, high) of an axis `size` px long, return it widened by READ_MARGIN
    each side and to at least MIN_READ_SIDE (a text detector scales small images up), within the axis."""
    want = min(size, max(high - low + 2 * READ_MARGIN, MIN_READ_SIDE))
    start = min(max(0, (low + high) // 2 - want // 2), size - want)
    return start, start + want


def read_inked(engine: OcrEngine, clean: Image, ink: Image) -> list[OcrWord]:
    """Given the engine, the clean page and its ink, return the words of the page's inked part, in page
    pixels: the blank paper around it holds no words but costs text detection time."""
    x, y, width, height = cv2.boundingRect(ink)
    if width == 0 or height == 0:
        return engine.read(clean)
    x0, x1 = _span(x, x + width, clean.shape[1])
    y0, y1 = _span(y, y + height, clean.shape[0])
    return _offset(engine.read(np.ascontiguousarray(clean[y0:y1, x0:x1])), x0, y0)


def read_page(
    page: Image,
    number: int,
    engine: OcrEngine,
    turn: int = 0,
    skew: float = 0.0,
    options: frozenset[str] = frozenset(),
) -> PageReading:
    """Given an upright BGR page and its number, return what the stages read on it; knowing the
    printed option texts, boxes the pixel stages missed are looked for before the options."""
    gray = page_to_gray(page)
    ink = despeckle(gray_to_ink(gray))
    seals = tuple(page_to_seals(page, number, gray))
    faint = gray_to_faint_ink(gray)
    ruling = page_to_ruling(faint, seals)
    grids = ruling_to_grids(ruling)
    rings = ink_to_rings(free_ink(ink, ruling.lines), ruling.px_per_mm, grids)
    candidates = page_to_ticks(ink, ruling.lines, grids, ruling.px_per_mm)
    ticks = confirm_boxes(engine, gray, candidates)
    free, faint_free = free_ink(ink, ruling.lines), free_ink(faint, ruling.lines)
    ticks += faint_ticks(engine, gray, (free, faint_free), grids, ruling.px_per_mm, candidates)
    if engine.per_cell:
        words = read_cells(engine, ocr_input(gray, ruling.lines, ticks), grids)
    else:
        words = split_words(read_inked(engine, ocr_input(gray, None, ticks), ink), ticks, grids)
    texts, missed = anchor_missed_boxes(words_to_tokens(words), ticks, (free, faint_free), grids, options)
    read = texts + ticks_to_tokens(circle_chosen(ticks + missed, rings))
    read_glyph = glyph_reader(engine, gray)
    read = read_lone_dashes(reread_doubtful_marks(read, grids, read_glyph), grids)
    unread = mark_unread_cells(free, grids, read, seals, ruling.px_per_mm, read_glyph)
    tokens = tuple(read + unread)
    return PageReading(number, ruling_to_edges(ruling), tokens, seals, turn, skew, width=page.shape[1])
