"""The PDF backend: typed (text-layer) PDFs into the common intermediate form.

Reads like the algorithm: open (checks) → pages to primitives (turned upright) → the text layer
checked (none usable: a scan, for the OCR backend) → 2-up sheets split → per page: edges → ruling →
grids → glyphs into cells and body lines → join tables continued across pages → freeze into blocks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from extractors.base import Extractor
from extractors.pdf.body_text import join_body_lines
from extractors.pdf.continuation import LabelTest, join_continued_tables, no_label
from extractors.pdf.drafts import DraftBlock, drafts_to_blocks
from extractors.pdf.edges import edges_to_ruling
from extractors.pdf.furniture import pages_to_furniture
from extractors.pdf.grid import ruling_to_grids
from extractors.pdf.label_lines import join_label_lines
from extractors.pdf.opening import (
    DEFAULT_PDF_LIMITS,
    PdfLimits,
    check_text_layer,
    is_scanned_page,
    open_pdf,
    permissions_note,
)
from extractors.pdf.page_layout import page_to_drafts
from extractors.pdf.primitives import PageContent
from extractors.pdf.reader import document_to_pages
from extractors.pdf.substitutes import decode_letters_of_joined_cells
from extractors.pdf.two_up import split_two_up
from extractors.printed_labels import PrintedRowLabels
from schema.catalog import load_field_catalogue
from schema.document import ExtractedDocument

logger = logging.getLogger(__name__)


def pages_to_drafts(
    pages: list[PageContent], join_body: bool = True, is_label: LabelTest = no_label
) -> list[DraftBlock]:
    """Given the read pages, return the document's drafts with continued tables joined (a cell that
    begins with a printed label, by `is_label`, starting a new row) and wrapped body lines joined,
    unless `join_body` is False: OCR'd line ends are too ragged to find the text area's right edge,
    and the cover's fill-in lines would run together."""
    drafts: list[DraftBlock] = []
    furniture = pages_to_furniture(pages)
    for page in pages:
        grids = ruling_to_grids(edges_to_ruling(page.edges))
        drafts.extend(page_to_drafts(page, grids, furniture))
    if join_body:
        drafts = join_body_lines(join_label_lines(drafts))
    return join_continued_tables(drafts, is_label)


def pages_to_notes(pages: list[PageContent]) -> tuple[str, ...]:
    """Given the read pages, return a note for each page read only from its picture (a scanned page)."""
    scanned = [page.number for page in pages if is_scanned_page(page)]
    note = "第{}页没有文字层（扫描页），未读取 / page {} has no text layer (scanned), not read"
    return tuple(note.format(n, n) for n in scanned)


class PdfExtractor(Extractor):
    """Reads a typed PDF filing (Word/WPS/LibreOffice export or fillable form) into the common form."""

    def __init__(self, limits: PdfLimits = DEFAULT_PDF_LIMITS) -> None:
        self._limits = limits
        self._row_labels = PrintedRowLabels.from_catalogue(load_field_catalogue())

    @classmethod
    def supported_suffixes(cls) -> frozenset[str]:
        return frozenset({".pdf"})

    def extract(self, path: Path) -> ExtractedDocument:
        """Given a PDF path, return its paragraphs and ruled tables with checkbox marks decoded."""
        pdf = open_pdf(path, self._limits)
        try:
            pages = list(document_to_pages(pdf))
            permissions = permissions_note(pdf)
        finally:
            pdf.close()
        check_text_layer(pages)
        pages, split = split_two_up(pages)
        drafts = pages_to_drafts(pages, is_label=self._row_labels.starts_row)
        blocks = drafts_to_blocks(decode_letters_of_joined_cells(drafts))
        return ExtractedDocument(
            source=path.name,
            kind="pdf",
            blocks=blocks,
            page_count=len(pages),
            notes=(*permissions, *split, *pages_to_notes(pages)),
        )
