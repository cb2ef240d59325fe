"""Evidence images of a finding: the page with the value's box drawn, and a zoomed crop (PDFs and scans),
rendered from the kept original (`flows.originals`) and cached by content hash, page and box."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from flask import Blueprint, Response, abort, current_app
from markupsafe import Markup
from sqlalchemy import select

from cluster_intake.pipeline import extract_document
from extractors.errors import IntakeError
from flows.originals import original_path
from review.evidence import (
    EVIDENCE_CSS,
    EvidenceCache,
    EvidenceError,
    EvidenceSource,
    docx_paragraph_html,
    docx_table_html,
)
from review.finding_view import Evidence, finding_view
from review.queries import FindingRow
from review.web.render import config, engine
from schema.document import ExtractedDocument
from store.tables import filings

evidence = Blueprint("evidence", __name__)
CACHE_DIR = "cache/evidence"
HASH_CHUNK = 1024 * 1024
SOURCES = ("pdf", "ocr")
CACHE_LOCK = threading.Lock()
PREPARER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence-prepare")
logger = logging.getLogger(__name__)
DOCUMENTS_KEPT = 16


def original_of(found: Evidence) -> Path | None:
    """Given a finding's evidence, return the original file it was read from: the batch's kept copy, else
    the inbox file when its bytes still hash to what was read (a changed file is no evidence)."""
    kept = original_path(config().out, found.sha256, Path(found.path).suffix)
    if kept.is_file():
        return kept
    inbox = Path(found.path)
    if inbox.is_file() and _sha256(inbox) == found.sha256:
        return inbox
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _cache() -> EvidenceCache:
    """Return the app's evidence cache (one per app; safe for the server's threads)."""
    extensions = current_app.extensions
    with CACHE_LOCK:
        if "review_evidence_cache" not in extensions:
            extensions["review_evidence_cache"] = EvidenceCache(config().out / CACHE_DIR)
    return cast(EvidenceCache, extensions["review_evidence_cache"])


def prepare_scans(findings: Sequence[FindingRow]) -> None:
    """Given a submission's findings, work out in the background how each scanned page they point at was
    turned and straightened, so that the first crop of a page does not pay for it during a request."""
    pages: dict[int, set[int]] = defaultdict(set)
    for finding in findings:
        location = finding.location or {}
        if location.get("source") == "ocr" and isinstance(location.get("page"), int):
            pages[finding.filing_id].add(int(location["page"]))  # type: ignore[call-overload]
    if not pages:
        return
    with engine().connect() as connection:
        rows = connection.execute(select(filings).where(filings.c.id.in_(list(pages)))).all()
    cache = _cache()
    for row in rows:
        found = Evidence("page", row.id, row.sha256, row.path, "ocr")
        original = original_of(found)
        if original is not None:
            PREPARER.submit(_prepare, cache, original, sorted(pages[row.id]), row.sha256)


def _prepare(cache: EvidenceCache, original: Path, pages: list[int], sha256: str) -> None:
    try:
        cache.prepare(original, pages, sha256=sha256)
    except EvidenceError:
        logger.info("no scan geometry for %s", original.name)


def _image(finding_id: str, whole_page: bool) -> Any:
    view = finding_view(engine(), finding_id)
    if view is None or view.evidence.kind != "page":
        abort(404)
    found = view.evidence
    original = original_of(found)
    if original is None or found.page is None or found.bbox is None or found.source not in SOURCES:
        abort(404)
    source = cast(EvidenceSource, found.source)
    try:
        cache = _cache()
        if whole_page:
            png = cache.page_png(original, source, found.page, [found.bbox], sha256=found.sha256)
        else:
            png = cache.crop_png(original, source, found.page, found.bbox, sha256=found.sha256)
    except EvidenceError:
        abort(404)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, no-store"})


@evidence.route("/evidence/<finding_id>/crop.png")
def crop(finding_id: str) -> Any:
    """The zoomed crop around a finding's box."""
    return _image(finding_id, whole_page=False)


@evidence.route("/evidence/<finding_id>/page.png")
def page(finding_id: str) -> Any:
    """The whole page of a finding with its box drawn."""
    return _image(finding_id, whole_page=True)


@lru_cache(maxsize=DOCUMENTS_KEPT)
def _document(path: Path, sha256: str) -> ExtractedDocument:
    """Given a kept original and its hash (the cache key), return its intermediate document."""
    return extract_document(path)


def table_html(found: Evidence) -> Markup | None:
    """Given a finding's evidence in a Word file, return the table around its cell, or the body paragraphs
    around its paragraph (HTML in which every text of the filing is escaped)."""
    if found.kind not in ("table", "paragraph"):
        return None
    original = original_of(found)
    if original is None:
        return None
    try:
        document = _document(original, found.sha256)
        if found.kind == "paragraph":
            return Markup(docx_paragraph_html(document, found.paragraph or 0))
        return Markup(docx_table_html(document, found.table or 0, found.row or 0, found.col or 0))
    except (EvidenceError, IntakeError):
        return None


@evidence.route("/evidence/style.css")
def style() -> Any:
    """The styles of the Word tables and paragraphs shown as evidence."""
    return Response(EVIDENCE_CSS, mimetype="text/css")
