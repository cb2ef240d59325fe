"""Stage `join_continued_tables`: a table broken by a page break made whole again.

A table that ends its page and a table that starts the next page with the same left and right
borders are one table. Header rows LibreOffice/Word repeat on the new page are dropped. A row split
by the page break (a paragraph running on, an empty first row, or an empty label cell beside
filled ones) is joined back into one row: its parts' lines are concatenated in the upper part's cells.
Tables nested in joined cells are joined the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.pdf.drafts import DraftBlock, DraftCell, DraftTable
from extractors.pdf.edges import snap_positions
from extractors.pdf.lines import (
    CELL_PADDING,
    OPTION_STARTS,
    Line,
    continues,
    join_lines,
    starts_with_ideograph,
)

ALIGN_TOLERANCE = 3.0
YEAR = re.compile(r"(19|20)\d\d\s*年[.,，。·\s]*")
LATIN_MIN = 0.5
NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?[\u4e00-\u9fff]")
BOTTOM_SLACK = 3.0

LabelTest = Callable[[str], bool]
"""Whether a cell's text begins with a printed label of the form (a new row's label, never the rest
of the label above it)."""


ROW_OF_ENTRIES = 3
SHORT_ENTRY = 6


def no_label(_text: str) -> bool:
    """The label test of a reader that knows no printed labels."""
    return False


def _aligned(a: DraftTable, b: DraftTable) -> bool:
    return abs(a.xs[0] - b.xs[0]) <= ALIGN_TOLERANCE and abs(a.xs[-1] - b.xs[-1]) <= ALIGN_TOLERANCE


def _continues(a: DraftTable, b: DraftTable) -> bool:
    return b.page == a.last_page + 1 and _aligned(a, b)


def _drop_repeated_header(a: DraftTable, b: DraftTable) -> None:
    header = a.row_texts(0)
    if b.n_rows > 1 and any(header) and b.row_texts(0) == header:
        b.cells = [c for c in b.cells if c.row > 0]
        for cell in b.cells:
            cell.row -= 1
        b.n_rows -= 1


def _remap_columns(a: DraftTable, b: DraftTable) -> list[float]:
    mapping = snap_positions(a.xs + b.xs, ALIGN_TOLERANCE)
    xs = sorted(set(mapping.values()))
    for table in (a, b):
        bounds = [mapping[x] for x in table.xs]
        for cell in table.cells:
            start = xs.index(bounds[cell.col])
            cell.col, cell.col_span = start, xs.index(bounds[cell.col + cell.col_span]) - start
    return xs


def _overlap(a: DraftCell, b: DraftCell) -> bool:
    return a.col < b.col + b.col_span and b.col < a.col + a.col_span


def _upper_part(a: DraftTable, cell: DraftCell) -> DraftCell | None:
    return next((c for c in a.row_cells(a.n_rows - 1) if _overlap(c, cell)), None)


def _text_runs_on(upper: DraftCell, cell: DraftCell, is_label: LabelTest) -> bool:
    """Whether `upper`'s content runs on into `cell`: a nested table, or a line the page cut. Across
    a page break a number (`2023年` under `2022年`) is taken as running on only when not even one
    character would have fitted: short values in narrow columns otherwise look like wraps; a text
    that begins with a printed label starts a new row however full the line above it, and one that
    completes the printed label the part above begins runs on however short that part's line."""
    if not upper.items or not cell.items or is_label(cell.text):
        return False
    if isinstance(upper.items[-1], DraftTable) and isinstance(cell.items[0], DraftTable):
        return True
    if not upper.lines or not cell.lines:
        return False
    if is_label(upper.text + cell.text) and not is_label(upper.text):
        return True  # the two parts make a printed label (`集群 中小企业` ⏎ `上云比例（%）`, broken by hand)
    return _line_runs_on(upper, upper.lines[-1], cell.lines[0])


def _line_runs_on(upper: DraftCell, previous: Line, line: Line, row_split: bool = False) -> bool:
    """Whether `line` (first on the new page) continues `previous` (last of `upper`): the text reached
    the bottom of its cell (it was cut by the page, not finished above blank space) and the next
    piece did not fit on the line. In a row already known to be split (`row_split`), a number with
    its unit after a line that stopped inside a sentence is judged like Chinese text."""
    if upper.bbox.y1 - previous.bbox.y1 > BOTTOM_SLACK * previous.size:
        return False
    if _is_year(previous.text) and _is_year(line.text):
        return False  # `2023年` under `2022年`: the next year's row, however narrow the column
    right = upper.bbox.x1 - CELL_PADDING
    sentence = row_split and _unit_mid_sentence(previous.text, line.text)
    latin = not starts_with_ideograph(line.text) and not sentence
    if latin and right - previous.tail_x1 > LATIN_MIN * line.size:
        return False
    return continues(previous, line, right)


def _unit_mid_sentence(previous: str, text: str) -> bool:
    """A number with its unit (`10.72亿元`, `2次`) after a line that stopped inside a sentence (`…达到`):
    the rest of that sentence, not a value of its own, when it did not fit (`lines.head_width`)."""
    return bool(previous) and starts_with_ideograph(previous[-1]) and NUMBER_WITH_UNIT.match(text) is not None


def _runs_on(a: DraftTable, cell: DraftCell, is_label: LabelTest) -> bool:
    """Whether a cell starting in the last row of `a` runs on into `cell` (a split row); a cell that
    spans rows below the break is a merged label going on, not a split row."""
    upper = _upper_part(a, cell)
    if upper is None or upper.row != a.n_rows - 1 or cell.row_span != 1:
        return False
    return (upper.col, upper.col_span) == (cell.col, cell.col_span) and _text_runs_on(upper, cell, is_label)


def _continues_span(a: DraftTable, cell: DraftCell, is_label: LabelTest) -> DraftCell | None:
    """The merged cell of `a` that `cell` continues, if any: a label spanning rows across the page
    break goes on below it, empty or with the rest of its text."""
    upper = _upper_part(a, cell)
    if upper is None or upper.col != cell.col or upper.col_span != cell.col_span:
        return None
    if upper.row == a.n_rows - 1 and cell.row_span == 1:
        return None
    return upper if not cell.text or _text_runs_on(upper, cell, is_label) else None


def _full_width_cells(a: DraftTable, first: list[DraftCell]) -> bool:
    """A single cell across the whole table on both sides of the break: one big cell broken by the page."""
    last = a.row_cells(a.n_rows - 1)
    columns = len(a.xs) - 1
    return len(first) == 1 and len(last) == 1 and first[0].col_span == last[0].col_span == columns


def _starts_in_last_row(a: DraftTable, cell: DraftCell) -> bool:
    upper = _upper_part(a, cell)
    return upper is not None and upper.row == a.n_rows - 1


def _empty_label_beside_text(a: DraftTable, first: list[DraftCell]) -> bool:
    """The leftmost cell of the continued row that is not a merged label going on is empty under a
    filled cell of the last row, while cells beside it hold text: the row was split after its label,
    as a new row always has its label filled."""
    own = [c for c in first if c.row_span == 1 and _starts_in_last_row(a, c)]
    if not own or own[0].text or not any(c.text for c in first):
        return False
    label = own[0]
    upper = _upper_part(a, label)
    return (
        upper is not None and (upper.col, upper.col_span) == (label.col, label.col_span) and bool(upper.text)
    )


def _options_go_on(a: DraftTable, first: list[DraftCell]) -> bool:
    """A cell of the continued row opens with a box under a cell that lists options or announces them
    (`…工作：`), with nothing but empty cells left of it: the option list runs on past the break."""
    for index, cell in enumerate(first):
        if cell.text:
            upper = _upper_part(a, cell)
            return (
                cell.text[0] in OPTION_STARTS
                and upper is not None
                and upper.row == a.n_rows - 1
                and (upper.col, upper.col_span) == (cell.col, cell.col_span)
                and (any(ch in OPTION_STARTS for ch in upper.text) or upper.text.endswith(("：", ":")))
                and all(not c.text for c in first[:index])
            )
    return False


def is_split_row(a: DraftTable, b: DraftTable, is_label: LabelTest = no_label) -> bool:
    """Given a table's part on one page and its continuation, return whether a row was split."""
    first = [c for c in b.row_cells(0) if c.row == 0]
    if not first:
        return False
    if not any(c.text for c in first):
        return True
    if _next_year_row(a, first):
        return False
    if _full_width_cells(a, first):
        return True
    if any(is_label(c.text) for c in first if c.text):
        return False  # a cell opens with a printed row label (`优质中小企业数量` beside 主导产业 going on)
    if _row_of_entries(first):
        return False
    if _empty_label_beside_text(a, first) or _options_go_on(a, first):
        return True
    return _same_columns(a, first) and any(_runs_on(a, c, is_label) for c in first)


def _row_of_entries(first: list[DraftCell]) -> bool:
    """Three or more cells of the continued row hold a short entry (one line of at most SHORT_ENTRY
    characters), every other cell one line and none empty, but a merged label going on in the first
    column: a new row of entries (`行业 | 4 | 1 | …`, `优质中小企业数量 | 70 | 110 | 121`) — the rest of a
    row the page split holds the ends of long texts — however full its narrow cells look."""
    filled = [c for c in first if c.text.strip()]
    single = [c for c in filled if "\n" not in c.text.strip()]
    short = [c for c in single if len(c.text.strip()) <= SHORT_ENTRY]
    first_col = min(c.col for c in first)
    blank_only_first = all(c.text.strip() or c.col == first_col for c in first)
    return (
        len(short) >= ROW_OF_ENTRIES
        and blank_only_first
        and all(c in single or c.col == first_col for c in filled)
    )


def _next_year_row(a: DraftTable, first: list[DraftCell]) -> bool:
    """A cell of the continued row is a year (`2023年`) under a year of the last row: the next year's
    row, however its merged label runs on beside it."""
    for cell in first:
        upper = _upper_part(a, cell)
        if upper is not None and upper.row == a.n_rows - 1 and _is_year(cell.text) and _is_year(upper.text):
            return True
    return False


def _is_year(text: str) -> bool:
    return YEAR.fullmatch(text.strip()) is not None


def _same_columns(a: DraftTable, first: list[DraftCell]) -> bool:
    """Every cell of the continued row lies under a cell of the last row with the same columns: a row
    the page split keeps its cells; a row laid out otherwise (`label | text` after `label | 2022 | 2023 |
    2024`) is a new one, however full the last label line above it."""
    last = {(c.col, c.col_span) for c in a.row_cells(a.n_rows - 1)}
    return all((c.col, c.col_span) in last for c in first)


def _append_items(upper: DraftCell, cell: DraftCell) -> None:
    """Move `cell`'s content under `upper`'s, rejoining a line the page break cut in two."""
    items = list(cell.items)
    last, first = (upper.items[-1] if upper.items else None), (items[0] if items else None)
    if (
        isinstance(last, Line)
        and isinstance(first, Line)
        and _line_runs_on(upper, last, first, row_split=True)
    ):
        upper.items[-1] = join_lines(last, first)
        items = items[1:]
    upper.items.extend(items)


def _merge_split_row(a: DraftTable, b: DraftTable) -> None:
    for cell in [c for c in b.cells if c.row == 0]:
        upper = _upper_part(a, cell)
        if upper is None:
            cell.row = a.n_rows - 1
            a.cells.append(cell)
            continue
        _append_items(upper, cell)
        upper.row_span += cell.row_span - 1
    for cell in (c for c in b.cells if c.row > 0):
        cell.row += a.n_rows - 1
        a.cells.append(cell)
    a.n_rows += b.n_rows - 1


def _append_rows(a: DraftTable, b: DraftTable, is_label: LabelTest) -> None:
    for cell in b.cells:
        spanning = _continues_span(a, cell, is_label) if cell.row == 0 else None
        if spanning is not None:
            _append_items(spanning, cell)
            spanning.row_span += cell.row_span
            continue
        cell.row += a.n_rows
        a.cells.append(cell)
    a.n_rows += b.n_rows


def join_tables(a: DraftTable, b: DraftTable, is_label: LabelTest = no_label) -> DraftTable:
    """Given a table, its continuation on the next page and the printed-label test, return `a`
    extended by `b`."""
    _drop_repeated_header(a, b)
    a.xs = _remap_columns(a, b)
    if is_split_row(a, b, is_label):
        _merge_split_row(a, b)
    else:
        _append_rows(a, b, is_label)
    a.last_page = b.last_page
    for cell in a.cells:
        cell.items = join_continued_tables(cell.items, is_label)
    return a


def join_continued_tables(blocks: list[DraftBlock], is_label: LabelTest = no_label) -> list[DraftBlock]:
    """Given blocks in reading order across pages (and the printed-label test), return them with
    continued tables joined."""
    joined: list[DraftBlock] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if isinstance(previous, DraftTable) and isinstance(block, DraftTable) and _continues(previous, block):
            joined[-1] = join_tables(previous, block, is_label)
        else:
            joined.append(block)
    return joined
