"""Stage `page_to_blocks`: OCR words, checkbox glyphs and ruled grids into paragraphs and tables.

Every token (an OCR word, or a decided checkbox as its canonical glyph) goes to the grid cell that
holds its centre, else to the page body. Tokens are grouped into visual lines (vertical overlap),
ordered left to right, so a box glyph comes before its option text. A line is one `Paragraph` with
its pixel bbox and the lowest confidence of its tokens; a cell's confidence is its lowest line's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from extractors.ocr.geometry import Grid, GridCell, OcrWord, TickBox, TickState, center, contains_point, union
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, BBox, Block, Cell, Paragraph, Table

GLYPHS = {TickState.TICKED: TICKED_GLYPH, TickState.EMPTY: EMPTY_GLYPH, TickState.UNKNOWN: UNKNOWN_GLYPH}
SPACE_GAP = 0.6
WRAP_SLACK = 1.8

LineFixer = Callable[[tuple[Paragraph, ...]], tuple[Paragraph, ...]]


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of text on the page: an OCR word or a checkbox glyph."""

    text: str
    bbox: BBox
    confidence: float


def ticks_to_tokens(ticks: list[TickBox]) -> list[Token]:
    """Given decided checkboxes, return them as glyph tokens."""
    return [Token(GLYPHS[t.state], t.bbox, t.confidence) for t in ticks]


def words_to_tokens(words: list[OcrWord]) -> list[Token]:
    """Given OCR words, return them as tokens (empty words dropped)."""
    return [Token(w.text.strip(), w.bbox, w.confidence) for w in words if w.text.strip()]


def tokens_to_lines(tokens: list[Token]) -> list[list[Token]]:
    """Given tokens, return them grouped into visual lines, top to bottom, each left to right.

    Left to right by centre: a detector box often starts a little early, over a whitened checkbox.
    """
    lines: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: center(t.bbox)[1]):
        cy = center(token.bbox)[1]
        if lines and _same_line(lines[-1], cy):
            lines[-1].append(token)
        else:
            lines.append([token])
    return [sorted(line, key=lambda t: center(t.bbox)[0]) for line in lines]


def _same_line(line: list[Token], cy: float) -> bool:
    box = union([t.bbox for t in line])
    height = max(t.bbox.height for t in line)
    return abs(center(box)[1] - cy) <= height * 0.5


def line_text(line: list[Token]) -> str:
    """Given a line's tokens (left to right), return its text; a wide gap becomes one space."""
    parts = [line[0].text]
    for before, token in pairwise(line):
        gap = token.bbox.x0 - before.bbox.x1
        parts.append(" " if gap > SPACE_GAP * token.bbox.height else "")
        parts.append(token.text)
    return "".join(parts)


Line = list[Token]


def _wraps(line: Line, following: Line, right_edge: float) -> bool:
    """A line that runs up to the right edge continues on the next one, unless that starts an option."""
    height = max(t.bbox.height for t in line)
    starts_option = following[0].text[:1] in GLYPHS.values()
    return not starts_option and line[-1].bbox.x1 >= right_edge - WRAP_SLACK * height


def join_wrapped(lines: list[Line], right_edge: float) -> list[list[Line]]:
    """Given visual lines and the right edge of their column, return paragraphs as groups of lines."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _wraps(groups[-1][-1], line, right_edge):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _confidence(tokens: list[Token]) -> float:
    """The lowest confidence of the tokens that carry letters, digits, CJK or a box glyph (brackets
    and commas read with less confidence without mattering), or of all tokens when none do."""
    glyphs = set(GLYPHS.values())
    meaningful = [t for t in tokens if any(ch.isalnum() or ch in glyphs for ch in t.text)] or tokens
    return round(min(t.confidence for t in meaningful), 3)


def lines_to_paragraphs(groups: list[list[Line]], page: int, first_index: int) -> tuple[Paragraph, ...]:
    """Given paragraphs as groups of visual lines, return them as `Paragraph`s indexed from first_index."""
    return tuple(
        Paragraph(
            text="".join(line_text(line) for line in group),
            index=first_index + n,
            page=page,
            bbox=union([t.bbox for line in group for t in line]),
            confidence=_confidence([t for line in group for t in line]),
        )
        for n, group in enumerate(groups)
    )


@dataclass(frozen=True, slots=True)
class PageTokens:
    """A page's tokens split by the grid cell they fall in (key: grid index, cell index) or the body."""

    in_cells: dict[tuple[int, int], list[Token]]
    body: list[Token]


def split_tokens(tokens: list[Token], grids: list[Grid]) -> PageTokens:
    """Given tokens and the page's grids, return the tokens of each cell and those outside tables."""
    in_cells: dict[tuple[int, int], list[Token]] = {}
    body: list[Token] = []
    for token in tokens:
        slot = _cell_of(token, grids)
        if slot is None:
            body.append(token)
        else:
            in_cells.setdefault(slot, []).append(token)
    return PageTokens(in_cells, body)


def _cell_of(token: Token, grids: list[Grid]) -> tuple[int, int] | None:
    cx, cy = center(token.bbox)
    for g, grid in enumerate(grids):
        if not contains_point(grid.bbox, cx, cy):
            continue
        for c, cell in enumerate(grid.cells):
            if contains_point(cell.bbox, cx, cy):
                return (g, c)
    return None


@dataclass
class BlockBuilder:
    """Numbers paragraphs and tables across pages while the pages are turned into blocks."""

    fix_lines: LineFixer
    next_paragraph: int = 0
    next_table: int = 0

    def paragraphs(self, tokens: list[Token], page: int, right_edge: float) -> tuple[Paragraph, ...]:
        lines = join_wrapped(tokens_to_lines(tokens), right_edge)
        found = self.fix_lines(lines_to_paragraphs(lines, page, self.next_paragraph))
        self.next_paragraph += len(found)
        return found

    def cell(self, grid_cell: GridCell, tokens: list[Token], page: int) -> Cell:
        paragraphs = self.paragraphs(tokens, page, grid_cell.bbox.x1)
        confidence = min((p.confidence for p in paragraphs if p.confidence is not None), default=None)
        return Cell(
            row=grid_cell.row,
            col=grid_cell.col,
            row_span=grid_cell.row_span,
            col_span=grid_cell.col_span,
            blocks=paragraphs,
            page=page,
            bbox=grid_cell.bbox,
            confidence=confidence,
        )

    def table(self, grid: Grid, g: int, tokens: PageTokens, page: int) -> Table:
        cells = tuple(
            self.cell(cell, tokens.in_cells.get((g, c), []), page) for c, cell in enumerate(grid.cells)
        )
        self.next_table += 1
        return Table(
            index=self.next_table - 1, n_rows=grid.n_rows, n_cols=grid.n_cols, cells=cells, page=page
        )

    def page_blocks(self, tokens: list[Token], grids: list[Grid], page: int) -> list[Block]:
        """Given a page's tokens and grids, return its paragraphs and tables in reading order.

        Lines outside tables stay one paragraph each (the cover and headings do not wrap; joining
        them by the page's right edge would glue the cover's label lines together).
        """
        split = split_tokens(tokens, grids)
        items: list[tuple[float, Block | list[Line]]] = [
            (grid.bbox.y0, self.table(grid, g, split, page)) for g, grid in enumerate(grids)
        ]
        for line in tokens_to_lines(split.body):
            items.append((line[0].bbox.y0, [line]))
        blocks: list[Block] = []
        for _, item in sorted(items, key=lambda pair: pair[0]):
            blocks.extend(self._body(item, page) if isinstance(item, list) else (item,))
        return blocks

    def _body(self, group: list[Line], page: int) -> tuple[Paragraph, ...]:
        found = self.fix_lines(lines_to_paragraphs([group], page, self.next_paragraph))
        self.next_paragraph += len(found)
        return found
