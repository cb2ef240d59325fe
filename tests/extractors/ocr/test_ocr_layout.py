"""Layout stages: tokens into cells and lines, glyph before its option, wrapped lines, word splitting,
label snapping, rows split over a page end."""

from __future__ import annotations

from extractors.ocr.continuation import join_split_rows
from extractors.ocr.geometry import Grid, GridCell, OcrWord, TickBox, TickState
from extractors.ocr.layout import BlockBuilder, Token, ticks_to_tokens, words_to_tokens
from extractors.ocr.numeric import NumberCells, restrict_numbers, restrict_text
from extractors.ocr.snapping import LabelSnapper, catalogue_labels, catalogue_options
from extractors.ocr.splitting import split_words
from schema.catalog import load_field_catalogue
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, BBox, Cell, Paragraph, Table

CATALOGUE = load_field_catalogue()
SNAPPER = LabelSnapper(catalogue_labels(CATALOGUE), catalogue_options(CATALOGUE))


def _word(text: str, x0: float, y0: float, x1: float, confidence: float = 0.99) -> OcrWord:
    return OcrWord(text, BBox(x0, y0, x1, y0 + 24), confidence)


def _grid() -> Grid:
    cells = (
        GridCell(0, 0, 1, 1, BBox(100, 100, 400, 300)),
        GridCell(0, 1, 1, 1, BBox(400, 100, 1000, 300)),
    )
    return Grid(BBox(100, 100, 1000, 300), 1, 2, cells)


def _page(tokens: list[Token], grids: list[Grid]) -> list[object]:
    builder = BlockBuilder(fix_lines=SNAPPER.snap_lines)
    return list(builder.page_blocks(tokens, grids, page=3))


def test_box_glyphs_go_before_their_option_and_lines_keep_order() -> None:
    ticks = [
        TickBox(BBox(410, 120, 428, 138), TickState.EMPTY, 1.0),
        TickBox(BBox(410, 170, 428, 188), TickState.TICKED, 0.9),
    ]
    words = [
        _word("主导产业所属产业类型", 110, 117, 390),
        _word("第一产业", 432, 117, 520),
        _word("第二产业", 432, 167, 520),
    ]
    blocks = _page(words_to_tokens(words) + ticks_to_tokens(ticks), [_grid()])
    table = blocks[0]
    assert isinstance(table, Table)
    value = next(c for c in table.cells if c.col == 1)
    assert value.text == f"{EMPTY_GLYPH}第一产业\n{TICKED_GLYPH}第二产业"
    assert value.page == 3 and value.bbox == BBox(400, 100, 1000, 300)
    assert value.confidence == 0.9


def test_text_outside_tables_becomes_paragraphs_in_reading_order() -> None:
    words = [_word("二、主导产业情况", 100, 50, 300), _word("填报说明", 100, 400, 200)]
    blocks = _page(words_to_tokens(words), [_grid()])
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    first = blocks[0]
    assert isinstance(first, Paragraph) and first.text == "二、主导产业情况" and first.bbox is not None


def test_a_line_reaching_the_cell_edge_continues_on_the_next() -> None:
    words = [_word("名称：浙江省电动工具工程技术研究中", 410, 120, 975), _word("心", 410, 150, 434)]
    table = _page(words_to_tokens(words), [_grid()])[0]
    assert isinstance(table, Table)
    assert next(c for c in table.cells if c.col == 1).text == "名称：浙江省电动工具工程技术研究中心"


def test_option_missing_its_box_gets_an_unknown_glyph_and_zero_confidence() -> None:
    ticks = [TickBox(BBox(410, 120, 428, 138), TickState.EMPTY, 1.0)]
    words = [_word("是", 432, 117, 460), _word("否", 432, 167, 460)]
    table = _page(words_to_tokens(words) + ticks_to_tokens(ticks), [_grid()])[0]
    assert isinstance(table, Table)
    value = next(c for c in table.cells if c.col == 1)
    assert value.text == f"{EMPTY_GLYPH}是\n{UNKNOWN_GLYPH}否"
    assert value.confidence == 0.0


def test_words_cut_at_a_box_and_at_a_column_border() -> None:
    tick = TickBox(BBox(470, 120, 488, 138), TickState.TICKED, 1.0)
    words = [_word("是否", 430, 117, 510), _word("年度2022年", 300, 60, 500)]
    grid = Grid(
        BBox(100, 50, 1000, 300),
        2,
        2,
        (
            GridCell(0, 0, 1, 1, BBox(100, 50, 378, 100)),
            GridCell(0, 1, 1, 1, BBox(378, 50, 1000, 100)),
            GridCell(1, 0, 1, 1, BBox(100, 100, 400, 300)),
            GridCell(1, 1, 1, 1, BBox(400, 100, 1000, 300)),
        ),
    )
    parts = split_words(words, [tick], [grid])
    assert [p.text for p in parts] == ["是", "否", "年度", "2022年"]
    assert parts[1].bbox.x0 >= 488 and parts[2].bbox.x1 <= 378


def test_misread_label_snaps_to_the_printed_one_values_do_not() -> None:
    assert SNAPPER.snap_text("集祥总产值（亿元）") == "集群总产值（亿元）"
    assert SNAPPER.snap_text("集群名称：浙江省余杭区") == "集群名称：浙江省余杭区"
    assert SNAPPER.snap_text("余杭区经济和信息化局") == "余杭区经济和信息化局"
    assert SNAPPER.snap_text("主持数量") == "主持数量"


def _table(page: int, rows: list[tuple[str, str]]) -> Table:
    cells = tuple(
        Cell(r, c, blocks=(Paragraph(text, r * 2 + c, page),), page=page)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text
    )
    return Table(index=page, n_rows=len(rows), n_cols=2, cells=cells, page=page)


def test_row_split_over_a_page_end_is_joined() -> None:
    upper = _table(3, [("集群名称", "X"), ("属于高用水行业的集", "☐是")])
    lower = _table(
        4, [("群，水效水平是否达到行业基准值", "☑否"), ("是否已被认定为省级中小企业特色产业集群", "☐是")]
    )
    joined_upper, joined_lower = join_split_rows((upper, lower), SNAPPER)
    assert isinstance(joined_upper, Table) and isinstance(joined_lower, Table)
    last = [c for c in joined_upper.cells if c.row == 1]
    assert last[0].text == "属于高用水行业的集\n群，水效水平是否达到行业基准值"
    assert last[1].text == "☐是\n☑否"
    assert joined_lower.n_rows == 1 and joined_lower.cells[0].row == 0


def test_new_row_on_the_next_page_is_left_alone() -> None:
    upper = _table(3, [("集群名称", "X")])
    lower = _table(4, [("集群运营管理机构", "Y")])
    assert join_split_rows((upper, lower), SNAPPER) == (upper, lower)


NUMBERS = NumberCells.from_catalogue(CATALOGUE)


def test_number_cells_of_numeric_rows_lose_ocr_confusions() -> None:
    table = _table(4, [("集群总产值（亿元）", "1O8。45亿元"), ("集群名称", "O1号园区")])
    (restricted,) = restrict_numbers((table,), NUMBERS)
    assert isinstance(restricted, Table)
    texts = {(c.row, c.col): c.text for c in restricted.cells}
    assert texts[(0, 1)] == "108.45亿元"
    assert texts[(1, 1)] == "O1号园区"
    assert restrict_text("无", NUMBERS.allowed) == "无"
    assert restrict_text("l2,3O4个'", NUMBERS.allowed) == "12,304个"
    assert restrict_text("2022年", NUMBERS.allowed) == "2022年"
