"""Cells that stay text: nothing a filer wrote — a value, a file name — becomes a formula or a DDE call.

Every text of a report comes from an untrusted filing or its name. A spreadsheet program evaluates a CSV
field beginning with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (`=cmd|' /C calc'!A0`
starts a program through DDE), and openpyxl stores a Python string beginning with `=` as a formula.
So, the one rule for every writer of `reports/`:

- CSV (`csv_field`): OWASP's rule — such a field gets a leading apostrophe (Excel shows the rest as
  text), and the writer quotes every text field;
- xlsx (`keep_text`): every string cell is written as a string cell, never as a formula, whatever it
  begins with (the text is kept exactly).

A notice written as .docx holds text in `w:t` runs, which Word never evaluates; it needs no rule as long
as it writes no field codes.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.cell.cell import MergedCell

from reports.cells import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_TYPE = "s"


def csv_field(value: Cell) -> Cell:
    """Given a cell value for a CSV file, return it safe to open in a spreadsheet (texts that would
    start a formula get a leading apostrophe; numbers and empty cells are kept)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def keep_text(cells: Iterable[SheetCell | MergedCell]) -> None:
    """Given the cells of a written worksheet row, make every string cell a string cell (openpyxl took
    one beginning with `=` for a formula)."""
    for cell in cells:
        if isinstance(cell, SheetCell) and isinstance(cell.value, str):
            cell.data_type = TEXT_TYPE
