"""Cells that stay text: nothing a filer wrote — a value, a file name — becomes a formula or a DDE call.

Every text of a report comes from an untrusted filing or its name. A spreadsheet program evaluates a CSV
field beginning with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (`=cmd|' /C calc'!A0`
starts a program through DDE), and openpyxl stores a Python string beginning with `=` as a formula.
So, the one rule for every writer of `reports/`:

- CSV (`csv_field`): OWASP's rule — such a field gets a leading apostrophe (Excel shows the rest as
  text), and the writer quotes every text field;
- xlsx (`text_cells`): every string cell is written as a string cell, never as a formula, whatever it
  begins with (the text is kept exactly).

A notice written as .docx holds text in `w:t` runs, which Word never evaluates; it needs no rule as long
as it writes no field codes.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

from reports.cells import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_TYPE = "s"


def csv_field(value: Cell) -> Cell:
    """Given a cell value for a CSV file, return it safe to open in a spreadsheet (texts that would
    start a formula get a leading apostrophe; numbers and empty cells are kept)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_cells(sheet: Worksheet, values: Iterable[Cell]) -> list[SheetCell | Cell]:
    """Given a worksheet and the values of a row, return them for `sheet.append`, every string made a
    string cell (openpyxl would take one beginning with `=` for a formula)."""
    return [_text_cell(sheet, value) if isinstance(value, str) else value for value in values]


def _text_cell(sheet: Worksheet, text: str) -> SheetCell:
    cell = WriteOnlyCell(sheet, value=text)  # a cell made for `append`, which places it
    cell.data_type = TEXT_TYPE
    return cell
