"""Stage tests: ruling edges → grids (spans, open regions, nested tables, frames)."""

from __future__ import annotations

from extractors.pdf.edges import edges_to_ruling
from extractors.pdf.grid import Grid, ruling_to_grids
from extractors.pdf.primitives import Edge, Orientation

H, V = Orientation.HORIZONTAL, Orientation.VERTICAL


def box_edges(x0: float, y0: float, x1: float, y1: float) -> list[Edge]:
    return [Edge(H, y0, x0, x1), Edge(H, y1, x0, x1), Edge(V, x0, y0, y1), Edge(V, x1, y0, y1)]


def spans(grid: Grid) -> list[tuple[int, int, int, int]]:
    return [(c.row, c.col, c.row_span, c.col_span) for c in grid.cells]


def test_pdf_grid_merged_cells_get_spans() -> None:
    # 3 columns x 3 rows; row 0 spans all columns; column 0 spans rows 1-2
    edges = [
        *box_edges(0, 0, 300, 90),
        Edge(H, 30, 0, 300),
        Edge(H, 60, 100, 300),
        Edge(V, 100, 30, 90),
        Edge(V, 200, 30, 90),
    ]
    (grid,) = ruling_to_grids(edges_to_ruling(tuple(edges)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert spans(grid) == [(0, 0, 1, 3), (1, 0, 2, 1), (1, 1, 1, 1), (1, 2, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)]


def test_pdf_grid_double_and_broken_borders_are_one_line() -> None:
    edges = [
        *box_edges(0, 0, 200, 60),
        Edge(H, 30.4, 0, 90),
        Edge(H, 29.8, 88, 200),  # the same border drawn in two pieces, 0.6 pt apart
        Edge(V, 100, 0, 60),
        Edge(V, 100.5, 0, 60),  # drawn twice (both neighbouring cells)
    ]
    (grid,) = ruling_to_grids(edges_to_ruling(tuple(edges)))
    assert spans(grid) == [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]


def test_pdf_grid_space_beside_a_short_row_is_not_a_cell() -> None:
    edges = [
        Edge(H, 0, 0, 200),
        Edge(H, 30, 0, 200),
        Edge(H, 60, 0, 100),
        Edge(V, 0, 0, 60),
        Edge(V, 100, 0, 60),
        Edge(V, 200, 0, 30),
    ]
    (grid,) = ruling_to_grids(edges_to_ruling(tuple(edges)))
    assert spans(grid) == [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1)]


def test_pdf_grid_table_drawn_inside_a_cell_is_nested() -> None:
    edges = [
        *box_edges(0, 0, 400, 300),
        Edge(H, 50, 0, 400),
        *box_edges(20, 100, 380, 200),
        Edge(V, 200, 100, 200),
    ]
    (outer,) = ruling_to_grids(edges_to_ruling(tuple(edges)))
    assert spans(outer) == [(0, 0, 1, 1), (1, 0, 1, 1)]
    (inner,) = outer.cells[1].nested
    assert spans(inner) == [(0, 0, 1, 1), (0, 1, 1, 1)]


def test_pdf_grid_nested_table_touching_the_page_break_border_is_a_frame() -> None:
    # at a page break LibreOffice closes the outer cell and the inner table 0.5 pt apart: one component
    edges = [
        *box_edges(0, 0, 400, 300),
        *box_edges(20, 200, 380, 299.5),
        Edge(V, 200, 200, 299.5),
        Edge(H, 250, 20, 380),
    ]
    (outer,) = ruling_to_grids(edges_to_ruling(tuple(edges)))
    assert spans(outer) == [(0, 0, 1, 1)]
    (inner,) = outer.cells[0].nested
    assert (inner.n_rows, inner.n_cols) == (2, 2)


def test_pdf_grid_two_tables_in_one_frame_stay_apart() -> None:
    edges = [
        *box_edges(0, 0, 400, 400),
        *box_edges(20, 50, 380, 150),
        Edge(V, 200, 50, 150),
        *box_edges(20, 250, 380, 399.6),
        Edge(H, 300, 20, 380),
        Edge(V, 100, 250, 399.6),
    ]
    (outer,) = ruling_to_grids(edges_to_ruling(tuple(edges)))
    nested = [n for c in outer.cells for n in c.nested]
    assert [(n.n_rows, n.n_cols) for n in nested] == [(1, 2), (2, 2)]
