"""Write one table to a worksheet: bold header row, frozen panes, autofilter, column widths."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.cells import Cell
from reports.injection import text_cells
from reports.widths import text_width

HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
MIN_WIDTH = 8
MAX_WIDTH = 60
EXCEL_MAX_TEXT = 32_767


def display_width(value: Cell) -> int:
    """Given a cell value, return its width in Excel character columns (CJK counts double)."""
    text = "" if value is None else str(value)
    return text_width(text.split("\n", 1)[0])


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Given a header and rows, return a readable width for every column (bounded)."""
    widths = [display_width(header) for header in headers]
    for row in rows:
        widths = [max(width, display_width(value)) for width, value in zip(widths, row, strict=True)]
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def safe_cell(value: Cell) -> Cell:
    """Given a cell value, return it storable in Excel: control characters removed (openpyxl refuses
    them; Word text can hold vertical tabs and form feeds), text cut to Excel's 32,767 characters."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text if len(text) <= EXCEL_MAX_TEXT else text[: EXCEL_MAX_TEXT - 1] + "…"


def write_table(
    sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Cell]], freeze: str = "A2"
) -> None:
    """Given a sheet, headers and rows, write them with a styled, filterable, frozen header row."""
    sheet.append(list(headers))
    for row in rows:
        sheet.append(text_cells(sheet, [safe_cell(value) for value in row]))
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
    sheet.freeze_panes = freeze
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for index, width in enumerate(column_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
