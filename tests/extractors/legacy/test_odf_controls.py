"""An .odt's form controls become glyphs in content.xml; a package without any is left as it is."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extractors.errors import DocumentLoadError
from extractors.legacy.odf_controls import odt_controls_to_glyphs

FIXTURE = Path(__file__).resolve().parent / "data" / "form_controls.odt"


def test_controls_become_glyphs_and_the_package_stays_whole() -> None:
    data = odt_controls_to_glyphs(FIXTURE.read_bytes())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        content = archive.read("content.xml").decode("utf-8")
    assert "draw:control" not in content
    assert "☐是（需附情况说明）" in content and "☑第一产业 ☐第二产业" in content


def test_package_without_controls_is_unchanged() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert odt_controls_to_glyphs(out.getvalue()) == out.getvalue()


def test_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>")
    with pytest.raises(DocumentLoadError):
        odt_controls_to_glyphs(out.getvalue())
