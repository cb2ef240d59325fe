"""The cover page (underlined blanks, or a borderless two-column table) and the 填报说明 page."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Pt

from sample_docs.builder.context import Ctx
from sample_docs.builder.filling import CoverFill
from sample_docs.builder.instructions import FORM_MARKS, NAME_HINT, PUBLISHER, TITLES, instructions
from sample_docs.builder.styles import HEITI_FONT, TITLE_SIZE, add_paragraph, add_run, page_break
from sample_docs.builder.table import CellSpec, add_row, new_table

BLANK = " " * 42
LINE_LABELS = (
    "县级行政区划中小企业主管部门（盖章）：",
    "集群运营管理机构：",
    "申报时间：",
    "联系人及联系电话：",
)
REGION_SUFFIXES = ("省（区、市）", "市（区）", "县（市、区）")
COVER_SIZE = Pt(15)


def _line_values(cover: CoverFill | None) -> tuple[str, ...]:
    """Given the cover filling, return the values of the four single-blank lines."""
    if cover is None:
        return ("",) * len(LINE_LABELS)
    return (cover.county_authority, cover.operator, cover.date, cover.contact)


def _region_text(cover: CoverFill | None) -> str:
    """Given the cover filling, return the 所属地区 blank with stems before the printed suffixes."""
    stems = ("    ", "    ", "   ") if cover is None else (cover.province, cover.city, cover.county)
    return "".join(stem + suffix for stem, suffix in zip(stems, REGION_SUFFIXES, strict=True))


def _underlined_line(document: DocumentObject, label: str, value: str) -> None:
    """Given a label and value, append a cover line: the label then an underlined blank."""
    paragraph = add_paragraph(document)
    add_run(paragraph, label, size=COVER_SIZE)
    add_run(paragraph, f"  {value}  " if value else BLANK, underline=True, size=COVER_SIZE)


def _cover_lines(document: DocumentObject, cover: CoverFill | None) -> None:
    """Given the document, append the cover lines written into underlined blanks."""
    _underlined_line(document, "集群名称：", cover.cluster_name if cover else "")
    add_paragraph(document, NAME_HINT, center=True)
    region = add_paragraph(document)
    add_run(region, "所属地区：", size=COVER_SIZE)
    add_run(region, _region_text(cover), size=COVER_SIZE)
    for label, value in zip(LINE_LABELS, _line_values(cover), strict=True):
        _underlined_line(document, label, value)


def _cover_table(document: DocumentObject, cover: CoverFill) -> None:
    """Given a filled cover, append its lines as a borderless label | value table."""
    table = new_table(document, (6.2, 9.8), borders=False)
    add_row(table, [CellSpec(("集群名称：",)), CellSpec((cover.cluster_name, NAME_HINT))])
    add_row(table, [CellSpec(("所属地区：",)), CellSpec((_region_text(cover),))])
    for label, value in zip(LINE_LABELS, _line_values(cover), strict=True):
        add_row(table, [CellSpec((label,)), CellSpec((value,))])


def build_cover(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append the cover page and the 填报说明 page of the context's form."""
    add_paragraph(document, FORM_MARKS[ctx.form], size=Pt(16), east_asia=HEITI_FONT)
    add_paragraph(document)
    add_paragraph(document, TITLES[ctx.form], bold=True, size=TITLE_SIZE, center=True)
    add_paragraph(document)
    cover = ctx.filling.cover
    if cover is not None and cover.as_table:
        _cover_table(document, cover)
    else:
        _cover_lines(document, cover)
    for _ in range(3):
        add_paragraph(document)
    add_paragraph(document, PUBLISHER, size=COVER_SIZE, center=True)
    page_break(document)
    add_paragraph(document, "填报说明", bold=True, size=Pt(16), center=True)
    for text in instructions(ctx.form):
        add_paragraph(document, text)
    page_break(document)
