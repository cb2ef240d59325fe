"""The OCR backend: scanned filings into the common intermediate form.

Reads like the algorithm: file → page images → per page: a photographed sheet flattened, straighten →
read (ruling, boxes, seals, words; a page that reads with very low confidence is read again turned by
180°) → pages as PDF primitives in points, aligned on their tables → the PDF layout stages (nested
tables, rows and tables continued over pages) → label rows split over pages joined, labels snapped to
the catalogue, number cells restricted → one document carrying the seals and the confidence threshold.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import cv2

from extractors.base import Extractor
from extractors.ocr.drafting import align_pages, reading_to_content, reading_to_seals
from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.engines.factory import options_to_engine
from extractors.ocr.fill_ins import join_wrapped_fill_ins
from extractors.ocr.geometry import Image
from extractors.ocr.numeric import NumberCells, restrict_numbers
from extractors.ocr.options import OcrOptions
from extractors.ocr.page import PageReading, read_page, straighten
from extractors.ocr.pages import IMAGE_SUFFIXES, path_to_images
from extractors.ocr.parallel import EnginePool, map_pages
from extractors.ocr.photo import photo_to_page
from extractors.ocr.snapping import (
    LabelSnapper,
    catalogue_directions,
    catalogue_labels,
    catalogue_options,
    snap_blocks,
)
from extractors.ocr.split_labels import join_split_labels
from extractors.ocr.stray_dots import drop_stray_dots
from extractors.ocr.target_cells import restrict_target_cells
from extractors.pdf.backend import pages_to_drafts
from extractors.pdf.drafts import drafts_to_blocks
from extractors.printed_labels import catalogue_row_labels
from schema.catalog import load_field_catalogue
from schema.document import Block, ExtractedDocument, ScanFacts

logger = logging.getLogger(__name__)


def read_upright(
    page: Image, number: int, engine: OcrEngine, options: frozenset[str] = frozenset()
) -> PageReading:
    """Given a page (and the printed option texts), return its reading: a photographed sheet is first
    flattened; one that reads poorly is also read turned by 180° (the better reading kept)."""
    sheet, photographed = photo_to_page(page)
    straight, turn, skew = straighten(sheet)
    reading = read_page(straight, number, engine, turn, skew, options)
    if reading.confidence < engine.upright_confidence:
        flipped = read_page(
            cv2.rotate(straight, cv2.ROTATE_180), number, engine, (turn + 180) % 360, skew, options
        )
        reading = flipped if flipped.confidence > reading.confidence else reading
    return replace(reading, photographed=photographed)


def readings_to_blocks(
    readings: list[PageReading], snapper: LabelSnapper, numbers: NumberCells
) -> tuple[Block, ...]:
    """Given every page's reading, return the document's blocks in reading order: laid out by the
    PDF stages (nested tables, lines and tables continued over pages joined), labels snapped to the
    catalogue, number cells restricted to number characters, target values cleaned of specks."""
    pages = align_pages([reading_to_content(reading) for reading in readings])
    drafts = join_wrapped_fill_ins(pages_to_drafts(pages, False, snapper.starts_row), snapper.labels)
    blocks = join_split_labels(drafts_to_blocks(drafts), snapper)
    restricted = restrict_numbers(snap_blocks(blocks, snapper), numbers)
    return drop_stray_dots(restrict_target_cells(restricted, snapper.directions))


def _notes(readings: list[PageReading], engine: OcrEngine) -> tuple[str, ...]:
    notes = [f"ocr engine: {engine.name}"]
    for r in readings:
        if r.photographed:
            notes.append(f"page {r.number}: a photo, flattened / 第 {r.number} 页为拍摄照片，已校正透视")
        if r.turn:
            notes.append(f"page {r.number}: turned by {r.turn}° / 第 {r.number} 页已旋转 {r.turn}°")
    return tuple(notes)


class OcrExtractor(Extractor):
    """Reads a scanned filing (image-only PDF, TIFF, JPEG, PNG; one filing per file) into the common form."""

    def __init__(self, options: OcrOptions | None = None, engine: OcrEngine | None = None) -> None:
        self._options = options or OcrOptions.resolve()
        self._engine = engine
        self._engines = EnginePool(self._worker_engine, 1 if engine is not None else self._options.workers)
        catalogue = load_field_catalogue()
        self._snapper = LabelSnapper(
            catalogue_labels(catalogue),
            catalogue_options(catalogue),
            catalogue_directions(catalogue),
            catalogue_row_labels(catalogue),
        )
        self._numbers = NumberCells.from_catalogue(catalogue)

    @classmethod
    def supported_suffixes(cls) -> frozenset[str]:
        return IMAGE_SUFFIXES

    @property
    def engine(self) -> OcrEngine:
        """The OCR engine, created on first use (model loading is not free)."""
        if self._engine is None:
            self._engine = options_to_engine(self._options)
        return self._engine

    def _worker_engine(self, number: int) -> OcrEngine:
        """The engine of a page-reading worker: the first shares `engine`, the others are new."""
        return self.engine if number == 0 else options_to_engine(self._options)

    def read_pages(self, path: Path) -> list[PageReading]:
        """Given a scan, return each page's reading (stages up to words, boxes and seals), `workers`
        pages at a time (an engine given to the constructor reads alone)."""
        images = path_to_images(path, self._options.dpi, self._options.max_pages)
        pages = list(enumerate(images, start=1))
        options = self._snapper.options
        return map_pages(
            lambda engine, page: read_upright(page[1], page[0], engine, options), pages, self._engines
        )

    def extract(self, path: Path) -> ExtractedDocument:
        """Given a scanned filing (also an image-only PDF), return its paragraphs, tables, ticks and seals."""
        readings = self.read_pages(path)
        seals = tuple(seal for r in readings for seal in reading_to_seals(r))
        return ExtractedDocument(
            source=path.name,
            kind="ocr",
            blocks=readings_to_blocks(readings, self._snapper, self._numbers),
            page_count=len(readings),
            notes=_notes(readings, self.engine),
            scan=ScanFacts(seals=seals, confidence_threshold=self._options.confidence_threshold),
        )
