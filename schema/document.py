"""The common intermediate form every backend produces and the one label mapper reads.

Backends decode every checkbox encoding into the canonical glyphs below, so the mapper never
sees Wingdings codes, content controls or form fields: a ticked box is TICKED_GLYPH, an empty one
EMPTY_GLYPH, and a box whose state cannot be known UNKNOWN_GLYPH. Glyphs typed by filers
(■ √ ☒ …) are left as typed; `extractors.marks` interprets them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

TICKED_GLYPH = "☑"
EMPTY_GLYPH = "☐"
UNKNOWN_GLYPH = "⍰"
EMPTY_BOXES = frozenset("□☐▢◻❑❒▭" + EMPTY_GLYPH)
"""Characters that draw an empty box (typed by filers, or a backend's canonical EMPTY_GLYPH)."""
TICKED_BOXES = frozenset("☑☒■▇█▣◼⊠✅⬛◙⊗▪" + TICKED_GLYPH)
"""Characters that draw a ticked or filled box."""
UNKNOWN_BOXES = frozenset(UNKNOWN_GLYPH)
BOXES = EMPTY_BOXES | TICKED_BOXES | UNKNOWN_BOXES
TICK_MARKS = frozenset("√✓✔✗✘×╳Ⅹ")
"""Marks a filer writes (or types) beside an option instead of ticking its box."""
MARKS = BOXES | TICK_MARKS
"""Every glyph that answers a choice: a box in any state, or a tick mark."""

SourceKind = Literal["docx", "pdf", "ocr", "doc"]

# Why a reading may be wrong: the `reasons:` of rule low_confidence in rules.yaml (a test keeps them equal).
LOW_SCORE_DOUBT = "low_score"
REPAIRED_DOUBT = "repaired"
SEAL_DOUBT = "seal_over_text"
BOX_DOUBT = "box_uncertain"
GLYPH_DOUBT = "glyph_in_text"
COUNT_DOUBT = "count_names_mismatch"
FORMAT_DOUBT = "format_suspect"
PAGE_CUT_DOUBT = "cut_by_page"
UNREAD_DOUBT = "unread_ink"
DOUBT_REASONS = (
    LOW_SCORE_DOUBT,
    REPAIRED_DOUBT,
    SEAL_DOUBT,
    BOX_DOUBT,
    GLYPH_DOUBT,
    COUNT_DOUBT,
    FORMAT_DOUBT,
    PAGE_CUT_DOUBT,
    UNREAD_DOUBT,
)


@dataclass(frozen=True, slots=True)
class BBox:
    """A rectangle in page coordinates (points for PDFs, pixels for images), origin top-left."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of text: a paragraph of the body or one paragraph inside a cell."""

    text: str
    index: int
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None
    doubt: str | None = None
    """Why this reading may be wrong (a low_confidence reason code of rules.yaml), set by a backend."""
    read_as: str | None = None
    """The engine's text before a repair rule changed it (scans)."""
    mark_confidences: tuple[float | None, ...] = ()
    """The confidence of each mark glyph (`MARKS`: boxes, tick marks) of the text, in order (scans;
    empty when not known)."""


Reading = tuple[float | None, str | None]
"""A reading's (confidence, doubt): how sure a backend is of it, and why not."""


def weakest_reading(readings: Iterable[Reading]) -> Reading:
    """Given the (confidence, doubt) of the parts of one reading, return the lowest known confidence
    with the doubt of that part (the first doubt when no confidence is known)."""
    parts = list(readings)
    known = [part for part in parts if part[0] is not None]
    if known:
        return min(known, key=lambda part: part[0] or 0.0)
    return None, next((doubt for _, doubt in parts if doubt), None)


def blocks_reading(blocks: Iterable[object]) -> Reading:
    """Given a cell's blocks, return the weakest reading of its paragraphs."""
    return weakest_reading((b.confidence, b.doubt) for b in blocks if isinstance(b, Paragraph))


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid cell with its spans resolved; `blocks` keeps paragraphs and nested tables in order."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    blocks: tuple[Paragraph | Table, ...] = ()
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None
    doubt: str | None = None
    """The doubt of the cell's weakest reading (see Paragraph.doubt)."""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def mark_confidences(self) -> tuple[float | None, ...]:
        """The confidence of each mark glyph of the cell's own paragraphs, in order."""
        return tuple(c for p in self.paragraphs for c in p.mark_confidences)

    @property
    def nested_tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def text(self) -> str:
        """The cell's own paragraphs joined by newlines (nested tables excluded)."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def read_as(self) -> str | None:
        """The engine's text of the cell before repairs, when a repair changed any of its lines."""
        if not any(p.read_as is not None for p in self.paragraphs):
            return None
        return "\n".join(p.read_as if p.read_as is not None else p.text for p in self.paragraphs)

    def covers_row(self, row: int) -> bool:
        return self.row <= row < self.row + self.row_span


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a grid of distinct cells (a merged cell appears once, at its top-left slot)."""

    index: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    page: int | None = None
    depth: int = 0
    _rows: _RowIndex | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def _index(self) -> _RowIndex:
        """The cells by grid row, built once (a 20,000-row table is read in linear time)."""
        if self._rows is None:
            object.__setattr__(self, "_rows", _RowIndex.of(self.cells, self.n_rows))
        assert self._rows is not None
        return self._rows

    def row_cells(self, row: int) -> list[Cell]:
        """Given a grid row, return the cells covering it (incl. vertical merges), left to right."""
        return list(self._index.covering.get(row, ()))

    def starting_cells(self, row: int) -> list[Cell]:
        """Given a grid row, return the cells whose top-left slot is in it, in stored order."""
        return list(self._index.starting.get(row, ()))

    def rows(self) -> Iterator[list[Cell]]:
        for r in range(self.n_rows):
            yield self.row_cells(r)


@dataclass(frozen=True, slots=True)
class _RowIndex:
    """A table's cells by grid row: those covering each row (left to right) and those starting in it."""

    covering: dict[int, tuple[Cell, ...]]
    starting: dict[int, tuple[Cell, ...]]

    @classmethod
    def of(cls, cells: tuple[Cell, ...], n_rows: int) -> _RowIndex:
        """Given a table's cells and its row count, return the index (spans clipped to the table)."""
        covering: dict[int, list[Cell]] = {}
        starting: dict[int, list[Cell]] = {}
        for cell in cells:
            starting.setdefault(cell.row, []).append(cell)
            for row in range(cell.row, min(cell.row + cell.row_span, max(n_rows, cell.row + 1))):
                covering.setdefault(row, []).append(cell)
        return cls(
            covering={row: tuple(sorted(found, key=lambda c: c.col)) for row, found in covering.items()},
            starting={row: tuple(found) for row, found in starting.items()},
        )


Block = Paragraph | Table

DEFAULT_CONFIDENCE_THRESHOLD = 0.85


@dataclass(frozen=True, slots=True)
class SealMark:
    """A red round seal found on a scanned page, with its detection confidence (bbox in points from
    the page's top-left, like every box of a scan)."""

    page: int
    bbox: BBox
    confidence: float


@dataclass(frozen=True, slots=True)
class ScanFacts:
    """What only a scan shows: the seals on its pages, and the confidence below which OCR is queried."""

    seals: tuple[SealMark, ...] = ()
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """What a backend read from one file: body blocks in reading order plus notes on the reading."""

    source: str
    kind: SourceKind
    blocks: tuple[Block, ...]
    page_count: int | None = None
    converted_from: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    scan: ScanFacts | None = None

    def iter_tables(self) -> Iterator[Table]:
        """Yield every table, nested ones after their parent, in document order."""
        yield from _walk_tables(self.blocks)

    def all_text(self) -> str:
        """Return every paragraph's text, in document order, newline-joined."""
        return "\n".join(p.text for p in iter_paragraphs(self.blocks))


def _walk_tables(blocks: tuple[Block, ...]) -> Iterator[Table]:
    for block in blocks:
        if isinstance(block, Table):
            yield block
            for cell in block.cells:
                yield from _walk_tables(cell.blocks)


def iter_paragraphs(blocks: tuple[Block, ...]) -> Iterator[Paragraph]:
    """Yield every paragraph, descending into table cells, in reading order."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
            continue
        for r in range(block.n_rows):
            for cell in block.starting_cells(r):
                yield from iter_paragraphs(cell.blocks)
