"""Exports from the page: the records with the review's corrections, as one ZIP to download."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, send_file

from review.exports import export_from_store
from review.web.render import engine, render_page

exports = Blueprint("exports", __name__)


@exports.route("/export")
def export_page() -> Any:
    """The export page: what the download holds."""
    return render_page("export.html")


@exports.route("/export/records.zip")
def export_zip() -> Any:
    """records.xlsx, records.csv and records/*.json with the corrections applied and marked, zipped."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="review-export-") as folder:
        root = Path(folder)
        files = export_from_store(engine(), root)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.relative_to(root).as_posix())
    buffer.seek(0)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"审核结果-{stamp}.zip"
    return send_file(buffer, mimetype="application/zip", as_attachment=True, download_name=name)
