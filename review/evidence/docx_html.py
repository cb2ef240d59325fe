"""`docx_table_html`, `docx_paragraph_html`: evidence of a Word filing's value as an HTML fragment.

Rendered from the intermediate document (`schema.document`), where `Provenance.table` is a
`Table.index` (document-wide, nested tables numbered after their parent, as `extractors.mapping.stream`
numbers them), `row`/`col` the grid slot of the value's cell, and `Provenance.paragraph` a body
paragraph's `Paragraph.index`. The value's cell gets TARGET_CLASS, the cells of its row ROW_CLASS; the
table's first HEADER_ROWS rows (the year headings) and `window` rows either side of the value are
shown, the rows left out summarised in a GAP_CLASS row. Merged cells keep their colspan/rowspan
(clipped to the rows shown); slots no cell covers are empty cells.

Every text of a filing is untrusted: it is escaped, never put in an attribute, never linked; control
and bidirectional-override characters are shown as visible code points (they could hide or reorder
what the operator reads); a very long text is cut. Attributes are fixed class names and integers.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from review.evidence.errors import EvidenceError
from schema.document import Cell, ExtractedDocument, Paragraph, Table

ROW_WINDOW = 3
HEADER_ROWS = 1
PARAGRAPH_CONTEXT = 2
MAX_CELL_CHARS = 2000
MAX_COLUMNS = 64
MAX_NESTED_DEPTH = 2
MAX_NESTED_ROWS = 30
TABLE_CLASS = "ev-table"
NESTED_CLASS = "ev-nested"
TARGET_CLASS = "ev-target"
ROW_CLASS = "ev-row"
GAP_CLASS = "ev-gap"
EMPTY_CLASS = "ev-empty"
PARAGRAPHS_CLASS = "ev-paragraphs"
KEPT_CONTROLS = frozenset("\n\t")

EVIDENCE_CSS = f"""
table.{TABLE_CLASS}, table.{NESTED_CLASS} {{ border-collapse: collapse; }}
table.{TABLE_CLASS} td, table.{NESTED_CLASS} td {{
  border: 1px solid #888; padding: 2px 6px; vertical-align: top;
}}
td.{ROW_CLASS} {{ background: #fff8dc; }}
td.{TARGET_CLASS} {{ background: #ffe08a; outline: 3px solid #dc143c; outline-offset: -2px; }}
tr.{GAP_CLASS} td {{ color: #666; text-align: center; font-style: italic; }}
td.{EMPTY_CLASS} {{ background: #f4f4f4; }}
div.{PARAGRAPHS_CLASS} p.{TARGET_CLASS} {{ background: #ffe08a; outline: 3px solid #dc143c; }}
"""
"""Styles for the classes above, for the web app to serve with its own static files."""


def safe_text(text: str) -> str:
    """Given a text from a filing, return it as HTML: cut to MAX_CELL_CHARS, control and format
    characters (bidi overrides, NUL…) shown as ⟨U+XXXX⟩, escaped, line breaks as <br>."""
    cut = text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"
    shown = "".join(
        f"⟨U+{ord(ch):04X}⟩"
        if ch not in KEPT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")
        else ch
        for ch in cut
    )
    return html.escape(shown, quote=True).replace("\n", "<br>")


@dataclass(frozen=True, slots=True)
class _Target:
    """The value's cell, or none (a nested table shown for context)."""

    cell: Cell | None = None

    def classes(self, cell: Cell) -> list[str]:
        if self.cell is None:
            return []
        if cell is self.cell:
            return [TARGET_CLASS, ROW_CLASS]
        overlap = cell.row < self.cell.row + self.cell.row_span and self.cell.row < cell.row + cell.row_span
        return [ROW_CLASS] if overlap else []


def find_table(document: ExtractedDocument, index: int) -> Table:
    """Given a document and a Table.index, return the table; raise EvidenceError when there is none."""
    for table in document.iter_tables():
        if table.index == index:
            return table
    raise EvidenceError(f"文档中没有第 {index} 号表格", f"no table with index {index}")


def covering_cell(table: Table, row: int, col: int) -> Cell:
    """Given a table and a grid slot, return the cell covering it; raise EvidenceError when none does."""
    for cell in table.cells:
        if cell.covers_row(row) and cell.col <= col < cell.col + cell.col_span:
            return cell
    raise EvidenceError(
        f"表格中没有第 {row + 1} 行第 {col + 1} 列单元格",
        f"table {table.index} has no cell at ({row}, {col})",
    )


def visible_segments(n_rows: int, first: int, last: int, window: int) -> list[range]:
    """Given a table's row count, the value's first and last grid rows and the window, return the runs
    of rows to show: the header rows, and the value's rows with `window` rows either side."""
    body = range(max(0, first - window), min(n_rows, last + window + 1))
    header = range(0, min(HEADER_ROWS, n_rows))
    if not header or header.stop >= body.start:
        return [range(0, body.stop)]
    return [header, body]


def _slot_owners(table: Table) -> dict[tuple[int, int], Cell]:
    owners: dict[tuple[int, int], Cell] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, min(cell.col + cell.col_span, MAX_COLUMNS)):
                owners.setdefault((r, c), cell)
    return owners


def _cell_html(cell: Cell, rows: range, n_cols: int, target: _Target, depth: int) -> str:
    row_span = len(range(max(cell.row, rows.start), min(cell.row + cell.row_span, rows.stop)))
    col_span = min(cell.col_span, n_cols - cell.col)
    attributes = "".join(
        f' {name}="{value}"' for name, value in (("colspan", col_span), ("rowspan", row_span)) if value > 1
    )
    classes = target.classes(cell)
    class_attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{class_attribute}{attributes}>{_blocks_html(cell, depth)}</td>"


def _blocks_html(cell: Cell, depth: int) -> str:
    parts: list[str] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            parts.append(safe_text(block.text))
        elif depth < MAX_NESTED_DEPTH:
            rows = range(0, min(block.n_rows, MAX_NESTED_ROWS))
            parts.append(_table_html(block, [rows], _Target(), depth + 1, NESTED_CLASS))
        else:
            parts.append(safe_text("［嵌套表格］"))
    return "<br>".join(parts)


def _segment_rows(table: Table, rows: range, target: _Target, depth: int) -> Iterator[str]:
    owners = _slot_owners(table)
    n_cols = min(table.n_cols, MAX_COLUMNS)
    shown: set[int] = set()
    for r in rows:
        cells: list[str] = []
        for c in range(n_cols):
            owner = owners.get((r, c))
            if owner is None:
                cells.append(f'<td class="{EMPTY_CLASS}"></td>')
            elif id(owner) not in shown and owner.col == c:
                shown.add(id(owner))
                cells.append(_cell_html(owner, rows, n_cols, target, depth))
        yield f"<tr>{''.join(cells)}</tr>"


def _gap_row(count: int, n_cols: int) -> str:
    return f'<tr class="{GAP_CLASS}"><td colspan="{max(1, n_cols)}">…（省略 {count} 行）…</td></tr>'


def _table_html(table: Table, segments: list[range], target: _Target, depth: int, css: str) -> str:
    n_cols = min(table.n_cols, MAX_COLUMNS)
    rows: list[str] = []
    previous_end = 0
    for segment in segments:
        if segment.start > previous_end:
            rows.append(_gap_row(segment.start - previous_end, n_cols))
        rows.extend(_segment_rows(table, segment, target, depth))
        previous_end = segment.stop
    if table.n_rows > previous_end:
        rows.append(_gap_row(table.n_rows - previous_end, n_cols))
    return f'<table class="{css}"><tbody>{"".join(rows)}</tbody></table>'


def docx_table_html(
    document: ExtractedDocument, table: int, row: int, col: int, *, window: int = ROW_WINDOW
) -> str:
    """Given a Word filing's intermediate document and a value's Provenance.table/row/col, return an
    HTML fragment of that table: header rows, the value's row(s) with `window` rows either side, the
    value's cell marked TARGET_CLASS and its row ROW_CLASS. Raises EvidenceError when the table or
    cell is not in the document."""
    if not 0 <= window <= MAX_NESTED_ROWS:
        raise ValueError(f"window must be within 0..{MAX_NESTED_ROWS}; got {window}")
    found = find_table(document, table)
    cell = covering_cell(found, row, col)
    segments = visible_segments(found.n_rows, cell.row, cell.row + cell.row_span - 1, window)
    return _table_html(found, segments, _Target(cell), 0, TABLE_CLASS)


def docx_paragraph_html(
    document: ExtractedDocument, paragraph: int, *, context: int = PARAGRAPH_CONTEXT
) -> str:
    """Given a Word filing's intermediate document and a value's Provenance.paragraph, return an HTML
    fragment of that body paragraph (TARGET_CLASS) with `context` body paragraphs either side (a cover
    value such as 集群名称 sits in a paragraph). Raises EvidenceError when there is no such paragraph."""
    if not 0 <= context <= MAX_NESTED_ROWS:
        raise ValueError(f"context must be within 0..{MAX_NESTED_ROWS}; got {context}")
    body = [block for block in document.blocks if isinstance(block, Paragraph)]
    position = next((i for i, p in enumerate(body) if p.index == paragraph), None)
    if position is None:
        raise EvidenceError(f"文档中没有第 {paragraph} 号段落", f"no body paragraph with index {paragraph}")
    shown = body[max(0, position - context) : position + context + 1]
    items = [
        f'<p class="{TARGET_CLASS}">{safe_text(p.text)}</p>'
        if p.index == paragraph
        else f"<p>{safe_text(p.text)}</p>"
        for p in shown
    ]
    return f'<div class="{PARAGRAPHS_CLASS}">{"".join(items)}</div>'
