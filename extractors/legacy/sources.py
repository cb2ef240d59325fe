"""Stage `file_to_conversion_source`: the file LibreOffice is given, by what the filing is.

The filing is never handed over under its own name: it is written into the conversion's work folder
as `filing<suffix>`, the suffix telling LibreOffice what the content is (a Word binary named .docx, an
RTF or a web page named .doc all arrive with their right suffix). Web pages are neutralised first
(`web_pages`): nothing in them reaches outside the file. Ticks LibreOffice would drop are written as
glyphs first: a web page's and an RTF's tick fields (`web_pages`, `rtf_fields`), an .odt's form
controls (`odf_controls`). An RTF's text boxes are written as body text where they are anchored
(`rtf_shapes`): LibreOffice runs a table nested inside a box together.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from extractors.legacy.odf_controls import odt_controls_to_glyphs
from extractors.legacy.rtf_fields import rtf_fields_to_glyphs
from extractors.legacy.rtf_shapes import rtf_shape_text_to_body
from extractors.legacy.web_pages import web_page_to_html
from extractors.sniffing import FileKind, Sniffed

SOURCE_STEM = "filing"
CONVERTED_KINDS = frozenset(
    {FileKind.WORD_BINARY, FileKind.OPEN_DOCUMENT, FileKind.RTF, FileKind.HTML, FileKind.MHT}
)


def file_to_conversion_source(path: Path, sniffed: Sniffed, workdir: Path) -> Path:
    """Given a filing, its kind and an empty work folder, return the file to convert, written there."""
    folder = workdir / "in"
    folder.mkdir(parents=True, exist_ok=True)
    if sniffed.kind in (FileKind.HTML, FileKind.MHT):
        target = folder / f"{SOURCE_STEM}.html"
        target.write_bytes(web_page_to_html(path.read_bytes(), mime=sniffed.kind is FileKind.MHT))
        return target
    target = folder / f"{SOURCE_STEM}{sniffed.suffix}"
    if sniffed.kind is FileKind.RTF:
        target.write_bytes(rtf_shape_text_to_body(rtf_fields_to_glyphs(path.read_bytes())))
        return target
    if sniffed.kind is FileKind.OPEN_DOCUMENT:
        target.write_bytes(odt_controls_to_glyphs(path.read_bytes()))
        return target
    shutil.copyfile(path, target)
    return target
