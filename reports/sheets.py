"""Write one table to a worksheet: bold header row, frozen panes, autofilter, column widths, marked cells.

The workbooks are written with openpyxl's write-only mode, which streams each row to disk as it is added
and holds no cell: memory does not grow with the number of rows. Such a sheet takes its column widths and
frozen panes before its first row, so a table is first spooled (`TableSpool`: each row pickled to a
temporary file as it is made, the widths and the row count kept up on the way), then streamed into its
sheet in one go. A row may mark cells apart (`Mark`: a fill, a comment) and may carry its place in the
table when it is made out of order. A workbook's tables are made together (`SpooledBook`) while a writer
reads the submissions once, then written in the order they were made.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.comments import Comment
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
COMMENT_AUTHOR = "cluster-intake"


def display_width(value: Cell) -> int:
    """Given a cell value, return its width in Excel character columns (CJK counts double)."""
    text = "" if value is None else str(value)
    return text_width(text.split("\n", 1)[0])


def widened(widths: list[int], row: Sequence[Cell]) -> list[int]:
    """Given the display widths so far and one more row, return the widths that fit it too."""
    return [max(width, display_width(value)) for width, value in zip(widths, row, strict=True)]


def bounded(widths: Sequence[int]) -> list[int]:
    """Given the display widths of the columns, return readable column widths (padded, bounded)."""
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def safe_cell(value: Cell) -> Cell:
    """Given a cell value, return it storable in Excel: control characters removed (openpyxl refuses
    them; Word text can hold vertical tabs and form feeds), text cut to Excel's 32,767 characters."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text if len(text) <= EXCEL_MAX_TEXT else text[: EXCEL_MAX_TEXT - 1] + "…"


@dataclass(frozen=True, slots=True)
class Mark:
    """A cell of a row drawn apart: its column (from 0), its fill, and a comment (None: none)."""

    column: int
    fill: PatternFill
    comment: str | None = None


SpooledRow = tuple[tuple[Cell, ...], tuple[Mark, ...]]


class TableSpool:
    """One sheet's table while its rows are made: each row is pickled to a temporary file (the rows are
    held on disk, not in memory), the column widths and the row count are kept up; `write` then streams
    the table into a write-only workbook. Rows come out in the order added, or, when every row was given
    its place (`order`), in the order of their places."""

    def __init__(self, headers: Sequence[str], freeze: str = "A2") -> None:
        self.headers = tuple(headers)
        self.freeze = freeze
        self.rows = 0
        self._widths = [display_width(header) for header in headers]
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - the table's life: closed by `close`
        self._places = array("q")
        self._offsets = array("q")

    @property
    def widths(self) -> list[int]:
        """The readable width of every column for the rows so far (bounded)."""
        return bounded(self._widths)

    def add(self, row: Sequence[Cell], marks: Sequence[Mark] = (), order: int | None = None) -> None:
        """Given one row (a value per header), the cells it marks and, for a table made out of order, its
        place, spool the row (its values made storable: `safe_cell`)."""
        if (order is None and self._places) or (order is not None and len(self._places) != self.rows):
            raise ValueError("either every row of a table is given its place or none is")
        self._widths = widened(self._widths, row)
        if order is not None:
            self._places.append(order)
            self._offsets.append(self._file.tell())
        spooled: SpooledRow = (tuple(safe_cell(value) for value in row), tuple(marks))
        pickle.dump(spooled, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.rows += 1

    def spooled(self) -> Iterator[SpooledRow]:
        """Yield the spooled rows with their marks, in the order added or, if placed, of their places."""
        self._file.seek(0)
        if not self._places:
            for _ in range(self.rows):
                yield pickle.load(self._file)
            return
        for index in sorted(range(self.rows), key=self._places.__getitem__):
            self._file.seek(self._offsets[index])
            yield pickle.load(self._file)

    def write(self, book: Workbook, title: str) -> Worksheet:
        """Given a write-only workbook and a sheet title, add the table as that sheet — styled header row,
        frozen panes, column widths, autofilter, every text a text cell (`reports.injection`), marked
        cells filled and commented — and return the sheet; the spool is then closed."""
        sheet: Worksheet = book.create_sheet(title)  # write-only; has every attribute used here
        sheet.freeze_panes = self.freeze
        for index, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([header_cell(sheet, header) for header in self.headers])
        for values, marks in self.spooled():
            sheet.append(marked_cells(sheet, text_cells(sheet, values), marks))
        last = get_column_letter(max(len(self.headers), 1))
        sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        self.close()
        return sheet

    def close(self) -> None:
        """Remove the spooled rows."""
        self._file.close()


def header_cell(sheet: Worksheet, header: str) -> SheetCell:
    """Given a sheet and a header, return its header cell: bold, filled, wrapped, centred vertically."""
    cell = WriteOnlyCell(sheet, value=header)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
    return cell


def marked_cells(
    sheet: Worksheet, cells: list[SheetCell | Cell], marks: Sequence[Mark]
) -> list[SheetCell | Cell]:
    """Given a sheet, a row ready for `append` and its marks, return the row with every marked cell
    filled and commented (a text stays a text cell)."""
    for mark in marks:
        value = cells[mark.column]
        cell = value if isinstance(value, SheetCell) else WriteOnlyCell(sheet, value=value)
        cell.fill = mark.fill
        if mark.comment is not None:
            cell.comment = Comment(mark.comment, COMMENT_AUTHOR)
        cells[mark.column] = cell
    return cells


Finish = Callable[[Worksheet, TableSpool], None]
"""What is done to a sheet once its table is written in (conditional formatting), given the table."""


class SpooledBook:
    """The tables of one workbook while their rows are made; `save` writes them as a write-only workbook,
    one sheet per table in the order they were made. Closing it (as a context manager) removes every
    spooled row."""

    def __init__(self) -> None:
        self._tables: list[tuple[str, TableSpool, Finish | None]] = []

    def __enter__(self) -> SpooledBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def table(
        self, title: str, headers: Sequence[str], freeze: str = "A2", finish: Finish | None = None
    ) -> TableSpool:
        """Given a sheet title, its headers, the cell its panes freeze at and what to do to the sheet
        once written, return its empty table (the next sheet of the workbook)."""
        spool = TableSpool(headers, freeze)
        self._tables.append((title, spool, finish))
        return spool

    def save(self, path: Path) -> None:
        """Given a path, write every table there as a sheet of one workbook."""
        book = Workbook(write_only=True)
        for title, spool, finish in self._tables:
            sheet = spool.write(book, title)
            if finish is not None:
                finish(sheet, spool)
        book.save(path)

    def close(self) -> None:
        """Remove every table's spooled rows."""
        for _, spool, _ in self._tables:
            spool.close()
