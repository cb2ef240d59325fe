"""Turn a section's row list into its bordered table(s), applying the filer's layout changes."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.rows import FillerRow, Layout, Row, YearHeader
from sample_docs.builder.styles import add_paragraph
from sample_docs.builder.table import add_row, new_table

EXTRA_ROW = FillerRow("备注", "以上数据来源于县统计局及集群运营管理机构统计，截至2024年12月31日。")
BLANK_ROW = FillerRow("", "")


def section_heading(document: DocumentObject, title: str) -> None:
    """Given a document and a section title, append the section heading paragraph."""
    add_paragraph(document, title, bold=True, east_asia="黑体")


def _with_filler_rows(ctx: Ctx, section_id: str, rows: Sequence[Row]) -> list[Row]:
    """Given a section's rows, return them with the filer's blank / 备注 rows inserted."""
    result = list(rows)
    if ctx.filling.layout.blank_row_section == section_id:
        result.insert(2, BLANK_ROW)
    if ctx.filling.layout.extra_row_section == section_id:
        result.append(EXTRA_ROW)
    return result


def _split(ctx: Ctx, section_id: str, rows: list[Row]) -> list[list[Row]]:
    """Given a section's rows, return one chunk per table (two when the filer split a year table)."""
    if ctx.filling.layout.split_section != section_id or not isinstance(rows[0], YearHeader):
        return [rows]
    middle = len(rows) // 2
    return [rows[:middle], [rows[0], *rows[middle:]]]


def render_section(
    document: DocumentObject, ctx: Ctx, section_id: str, layout: Layout, rows: Sequence[Row]
) -> None:
    """Given a section's heading-less rows and grid, append its table(s) to the document."""
    chunks = _split(ctx, section_id, _with_filler_rows(ctx, section_id, rows))
    for index, chunk in enumerate(chunks):
        if index:
            add_paragraph(document)
        table = new_table(document, layout.widths)
        for row in chunk:
            for cells in row.specs(ctx, layout):
                add_row(table, cells)
