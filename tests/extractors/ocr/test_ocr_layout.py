"""Layout of a scan page: tokens into cells and lines through the PDF stages (glyph before its
option, wrapped lines, nested tables), word splitting, label snapping, label rows split over a page
end, number cells."""

from __future__ import annotations

import pytest

from extractors.ocr.backend import readings_to_blocks
from extractors.ocr.drafting import A4_WIDTH_PT, reading_to_content
from extractors.ocr.geometry import Grid, GridCell, OcrWord, TickBox, TickState
from extractors.ocr.numeric import NumberCells, repair_points, restrict_numbers, restrict_text
from extractors.ocr.page import PageReading
from extractors.ocr.snapping import LabelSnapper, catalogue_labels, catalogue_options
from extractors.ocr.split_labels import join_split_labels
from extractors.ocr.splitting import split_words
from extractors.ocr.tokens import Token, ticks_to_tokens, words_to_tokens
from extractors.pdf.primitives import Edge, Orientation
from extractors.printed_labels import catalogue_row_labels
from schema.catalog import load_field_catalogue
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, BBox, Block, Cell, Paragraph, Table

CATALOGUE = load_field_catalogue()
SNAPPER = LabelSnapper(catalogue_labels(CATALOGUE), catalogue_options(CATALOGUE))
NUMBERS = NumberCells.from_catalogue(CATALOGUE)
WIDTH = 1240
SCALE = A4_WIDTH_PT / WIDTH


def _word(text: str, x0: float, y0: float, x1: float, confidence: float = 0.99) -> OcrWord:
    return OcrWord(text, BBox(x0, y0, x1, y0 + 24), confidence)


def _ruled(xs: list[float], ys: list[float]) -> tuple[Edge, ...]:
    """The edges of a full grid in pixels: every x and y a line across the whole table."""
    horizontal = [Edge(Orientation.HORIZONTAL, y, xs[0], xs[-1]) for y in ys]
    vertical = [Edge(Orientation.VERTICAL, x, ys[0], ys[-1]) for x in xs]
    return (*horizontal, *vertical)


def _grid_edges() -> tuple[Edge, ...]:
    return _ruled([100, 400, 1000], [100, 300])


def _reading(tokens: list[Token], edges: tuple[Edge, ...], page: int = 3) -> PageReading:
    return PageReading(page, edges, tuple(tokens), (), 0, 0.0, width=WIDTH)


def _page(tokens: list[Token], edges: tuple[Edge, ...]) -> list[Block]:
    return list(readings_to_blocks([_reading(tokens, edges)], SNAPPER, NUMBERS))


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
    blocks = _page(words_to_tokens(words) + ticks_to_tokens(ticks), _grid_edges())
    table = blocks[0]
    assert isinstance(table, Table)
    value = next(c for c in table.cells if c.col == 1)
    assert value.text == f"{EMPTY_GLYPH}第一产业\n{TICKED_GLYPH}第二产业"
    assert value.page == 3 and value.bbox is not None
    assert abs(value.bbox.x0 - 400 * SCALE) < 0.01 and abs(value.bbox.y1 - 300 * SCALE) < 0.01
    assert value.confidence == 0.9


def test_text_outside_tables_becomes_paragraphs_in_reading_order() -> None:
    words = [_word("二、主导产业情况", 100, 50, 300), _word("填报说明", 100, 400, 200)]
    blocks = _page(words_to_tokens(words), _grid_edges())
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    first = blocks[0]
    assert isinstance(first, Paragraph) and first.text == "二、主导产业情况" and first.bbox is not None


def test_a_line_reaching_the_cell_edge_continues_on_the_next() -> None:
    words = [_word("名称：浙江省电动工具工程技术研究中", 410, 120, 975), _word("心", 410, 150, 434)]
    table = _page(words_to_tokens(words), _grid_edges())[0]
    assert isinstance(table, Table)
    assert next(c for c in table.cells if c.col == 1).text == "名称：浙江省电动工具工程技术研究中心"


def test_option_missing_its_box_gets_an_unknown_glyph_and_zero_confidence() -> None:
    ticks = [TickBox(BBox(410, 120, 428, 138), TickState.EMPTY, 1.0)]
    words = [_word("是", 432, 117, 460), _word("否", 432, 167, 460)]
    table = _page(words_to_tokens(words) + ticks_to_tokens(ticks), _grid_edges())[0]
    assert isinstance(table, Table)
    value = next(c for c in table.cells if c.col == 1)
    assert value.text == f"{EMPTY_GLYPH}是\n{UNKNOWN_GLYPH}否"
    assert value.confidence == 0.0


def test_options_split_at_boxes_and_a_box_set_apart_joins_its_option() -> None:
    unboxed = SNAPPER.mark_unboxed(Paragraph("是☐否", 0, 3, None, 0.99))
    assert (unboxed.text, unboxed.confidence) == (f"{UNKNOWN_GLYPH}是☐否", 0.0)
    apart = SNAPPER.mark_unboxed(Paragraph("☑ 是（需附情况说明） ☐否", 0, 3, None, 0.99))
    assert (apart.text, apart.confidence) == ("☑是（需附情况说明） ☐否", 0.99)


def test_a_box_marked_unknown_where_none_was_found_brings_its_own_doubt_and_keeps_the_others() -> None:
    # each mark keeps its own confidence: the ⍰ added before 是 at 0, the ☐ read before 否 as it was
    line = Paragraph("是☐否", 0, 3, None, 0.99, mark_confidences=(0.97,))
    assert SNAPPER.mark_unboxed(line).mark_confidences == (0.0, 0.97)
    misfit = Paragraph("是☐否", 0, 3, None, 0.99, mark_confidences=())  # not one per mark: left as it is
    assert SNAPPER.mark_unboxed(misfit).mark_confidences == ()


def test_a_table_drawn_inside_a_cell_is_nested_there_with_its_own_cells() -> None:
    outer = _ruled([100, 1000], [100, 700])
    inner = _ruled([150, 450, 950], [300, 400, 500])
    words = [
        _word("（二）发展目标", 150, 200, 400),
        _word("方向", 160, 330, 260),
        _word("指标", 460, 330, 560),
        _word("主导产业", 160, 430, 300),
        _word("近三年集群产值年均增速", 460, 430, 800),
        _word("备注", 150, 600, 250),
    ]
    (table,) = _page(words_to_tokens(words), outer + inner)
    assert isinstance(table, Table) and len(table.cells) == 1
    kinds = [type(b).__name__ for b in table.cells[0].blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    nested = table.cells[0].blocks[1]
    assert isinstance(nested, Table) and nested.depth == 1
    assert [c.text for c in nested.cells] == ["方向", "指标", "主导产业", "近三年集群产值年均增速"]


def test_scan_boxes_are_in_points_of_an_a4_wide_page_text_widened_to_its_advance() -> None:
    tick = TickBox(BBox(600, 100, 620, 120), TickState.TICKED, 0.8)
    tokens = words_to_tokens([_word("集群名称", 620, 100, 744)]) + ticks_to_tokens([tick])
    content = reading_to_content(_reading(tokens, ()))
    word, box = content.glyphs
    assert content.width == A4_WIDTH_PT
    assert abs(box.bbox.x1 - A4_WIDTH_PT / 2) < 0.01 and box.confidence == 0.8
    assert word.bbox.x0 < A4_WIDTH_PT / 2 and abs(word.bbox.y0 - 100 * SCALE) < 0.01
    assert word.confidence == 0.99


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


def _table(rows: list[tuple[int, str, str]]) -> Table:
    cells = tuple(
        Cell(r, c, blocks=(Paragraph(text, r * 2 + c, page),), page=page)
        for r, (page, *texts) in enumerate(rows)
        for c, text in enumerate(texts)
        if text
    )
    return Table(index=0, n_rows=len(rows), n_cols=2, cells=cells, page=rows[0][0])


def test_label_row_split_over_a_page_end_is_joined() -> None:
    table = _table(
        [
            (3, "集群名称", "X"),
            (3, "属于高用水行业的集", "☐是"),
            (4, "群，水效水平是否达到行业基准值", "☑否"),
            (4, "是否已被认定为省级中小企业特色产业集群", "☐是"),
        ]
    )
    (joined,) = join_split_labels((table,), SNAPPER)
    assert isinstance(joined, Table) and joined.n_rows == 3
    row = [c for c in joined.cells if c.row == 1]
    assert row[0].text == "属于高用水行业的集\n群，水效水平是否达到行业基准值"
    assert row[1].text == "☐是\n☑否"
    assert [c.row for c in joined.cells if c.text.startswith("是否已被认定")] == [2]


def test_rows_on_one_page_or_with_whole_labels_are_left_alone() -> None:
    same_page = _table([(3, "属于高用水行业的集", "☐是"), (3, "群，水效水平是否达到行业基准值", "☑否")])
    whole = _table([(3, "集群名称", "X"), (4, "集群运营管理机构", "Y")])
    assert join_split_labels((same_page, whole), SNAPPER) == (same_page, whole)


def test_number_cells_of_numeric_rows_lose_ocr_confusions() -> None:
    table = _table(
        [
            (4, "集群总产值（亿元）", "1O8。45亿元"),
            (4, "集群名称", "O1号园区"),
            (4, "集群企业数量（个）", "1☐8"),
        ]
    )
    (restricted,) = restrict_numbers((table,), NUMBERS)
    assert isinstance(restricted, Table)
    texts = {(c.row, c.col): c.text for c in restricted.cells}
    assert texts[(0, 1)] == "108.45亿元"
    assert texts[(1, 1)] == "O1号园区"
    assert texts[(2, 1)] == "18"
    assert [c.confidence for c in restricted.cells if c.row == 2 and c.col == 1] == [0.0]
    assert restrict_text("无", NUMBERS.allowed) == "无"
    assert restrict_text("l2,3O4个'", NUMBERS.allowed) == "12,304个"
    assert restrict_text("2022年", NUMBERS.allowed) == "2022年"
    assert restrict_text("74·00", NUMBERS.allowed) == "74.00"
    assert restrict_text("4:98亿元", NUMBERS.allowed) == "4.98亿元"
    assert restrict_text("·56", NUMBERS.allowed) == "56"
    assert restrict_text("约16", NUMBERS.allowed) == "约16"  # no number: it must not become one
    assert restrict_text(".2", NUMBERS.allowed) == "2"  # a speck before the first digit
    assert restrict_text("765190.84方元", NUMBERS.allowed) == "765190.84万元"


@pytest.mark.parametrize(
    ("read", "number"),
    [
        ("18.3.7", "18.37"),
        ("1.3.64%", "13.64%"),
        ("108..45", "108.45"),
        ("126,48", "126.48"),
        ("1,234", "1,234"),
        ("12,345.6", "12,345.6"),
        ("1.2.3.4.5", "1.2.3.4.5"),
        ("5.个", "5个"),
    ],
)
def test_specks_and_commas_for_points_are_repaired_by_the_two_decimal_rule(read: str, number: str) -> None:
    assert repair_points(read) == number


def test_a_point_in_a_count_is_a_speck_a_speck_before_a_sign_too() -> None:
    assert repair_points("2678.4", integer=True) == "26784"
    assert repair_points("2678.4") == "2678.4"
    assert restrict_text(".-5.85", NUMBERS.allowed) == "-5.85"


def test_a_line_of_specks_under_a_number_is_dropped_and_the_number_goes_to_the_operator() -> None:
    cell = Cell(
        0, 1, blocks=(Paragraph("2711", 1, 4, confidence=0.99), Paragraph("+*", 2, 4, confidence=0.9))
    )
    label = Cell(0, 0, blocks=(Paragraph("集群企业数量（个）", 0, 4),))
    table = Table(index=0, n_rows=1, n_cols=2, cells=(label, cell), page=4)
    (restricted,) = restrict_numbers((table,), NUMBERS)
    assert isinstance(restricted, Table)
    (number,) = (c for c in restricted.cells if c.col == 1)
    assert number.text == "2711" and number.confidence is not None and number.confidence < 0.85


def test_a_point_in_a_count_row_is_dropped_in_a_decimal_row_kept() -> None:
    table = _table([(4, "集群企业数量（个）", "2678.4"), (4, "集群总产值（亿元）", "2678.4")])
    (restricted,) = restrict_numbers((table,), NUMBERS)
    assert isinstance(restricted, Table)
    assert [c.text for c in restricted.cells if c.col == 1] == ["26784", "2678.4"]


def test_a_repaired_number_goes_to_the_operator() -> None:
    table = _table([(4, "集群总产值（亿元）", "18.3.7"), (4, "集群企业数量（个）", "126")])
    (restricted,) = restrict_numbers((table,), NUMBERS)
    assert isinstance(restricted, Table)
    repaired, kept = (c.paragraphs[0] for c in restricted.cells if c.col == 1)
    assert repaired.text == "18.37" and repaired.confidence is not None and repaired.confidence < 0.85
    assert kept.text == "126" and kept.confidence is None


def test_number_cells_beside_a_label_spanning_the_year_rows_are_restricted() -> None:
    label = Cell(0, 0, row_span=3, blocks=(Paragraph("近三年集群单位产值能耗", 0, 9),), page=9)
    years = [Cell(r, 1, blocks=(Paragraph(f"{2022 + r}年", 1 + r, 9),), page=9) for r in range(3)]
    values = [
        Cell(r, 2, blocks=(Paragraph(text, 4 + r, 9),), page=9)
        for r, text in enumerate(["0.37", "O.35", "0:32"])
    ]
    table = Table(index=0, n_rows=3, n_cols=3, cells=(label, *years, *values), page=9)
    (restricted,) = restrict_numbers((table,), NUMBERS)
    assert isinstance(restricted, Table)
    assert [c.text for c in restricted.cells if c.col == 2] == ["0.37", "0.35", "0.32"]


def _two_page_table(shift: int) -> list[Block]:
    """A table ending page 3 and going on at the top of page 4, which lay `shift` px further right."""
    upper = _ruled([100, 400, 1000], [1500, 1600, 1760])
    lower = _ruled([100 + shift, 400 + shift, 1000 + shift], [100, 200])
    first = [_word("集群名称", 110, 1530, 300), _word("X", 410, 1530, 440)]
    first += [_word("集群运营管理机构", 110, 1630, 300), _word("Y", 410, 1630, 440)]
    second = [
        _word("是否已被认定为省级集群", 110 + shift, 130, 390 + shift),
        _word("Z", 410 + shift, 130, 440 + shift),
    ]
    readings = [
        _reading(words_to_tokens(first), upper, page=3),
        _reading(words_to_tokens(second), lower, page=4),
    ]
    return list(readings_to_blocks(readings, SNAPPER, NUMBERS))


def test_a_table_continued_on_a_page_scanned_a_little_shifted_is_one_table() -> None:
    (table,) = _two_page_table(shift=25)
    assert isinstance(table, Table) and table.n_rows == 3
    assert [c.text for c in table.cells if c.col == 1] == ["X", "Y", "Z"]


def test_a_row_s_printed_label_is_told_from_an_option_or_the_rest_of_a_label() -> None:
    snapper = LabelSnapper(catalogue_labels(CATALOGUE), row_labels=catalogue_row_labels(CATALOGUE))
    assert snapper.starts_row("近三年集群单位产值二氧化碳排放量(吨二氧化碳/万元)")
    assert snapper.starts_row("近三年集群单位产值二氧化碳拌放量")  # one character misread
    assert not snapper.starts_row("☐开展了节能诊断，建立节能管控系统、余热余压回收设施等")
    assert not snapper.starts_row("制修订标准数量情况")
