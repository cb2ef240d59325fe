"""Evidence for the review station: a finding's value shown where it was read, framework-free.

- `render_page(original, source, page, highlights, settings)` → PNG of one page (typed PDF: source
  "pdf"; scan: "ocr"), each `Provenance.bbox` highlighted.
- `render_crop(original, source, page, bbox, settings)` → PNG of the box with context, zoomed.
- `docx_table_html(document, table, row, col)` / `docx_paragraph_html(document, paragraph)` → an HTML
  fragment of a Word filing's table or body paragraphs, the value marked (classes in `EVIDENCE_CSS`).
- `EvidenceCache(folder)` → the same images cached on disk (`page_png`, `crop_png`).

Bad originals, pages or boxes raise `EvidenceError` (bilingual); nothing here runs a subprocess or
touches the network. Safe to call from several threads: PDFium (not thread-safe) is only used under
`PDFIUM_LOCK`, which any other PDFium user in the same process must also take. Scans: the OCR backend
stores no per-page transform, so it is recovered from the page (`scan_transform`); pass a known
`ScanTransform` as `transform=` to skip that.
"""

from review.evidence.cache import EvidenceCache
from review.evidence.docx_html import EVIDENCE_CSS, docx_paragraph_html, docx_table_html
from review.evidence.errors import EvidenceError
from review.evidence.pdf_source import PDFIUM_LOCK
from review.evidence.recovery import scan_transform
from review.evidence.render import EvidenceSource, render_crop, render_page
from review.evidence.scan_geometry import ScanTransform
from review.evidence.settings import DEFAULT_SETTINGS, RenderSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "EVIDENCE_CSS",
    "PDFIUM_LOCK",
    "EvidenceCache",
    "EvidenceError",
    "EvidenceSource",
    "RenderSettings",
    "ScanTransform",
    "docx_paragraph_html",
    "docx_table_html",
    "render_crop",
    "render_page",
    "scan_transform",
]
