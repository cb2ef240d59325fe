"""Stage tests: tables broken by a page break joined (repeated headers, split rows, merged labels)."""

from __future__ import annotations

import copy

from extractors.pdf.continuation import join_continued_tables
from extractors.pdf.drafts import DraftBlock, DraftCell, DraftTable
from extractors.pdf.lines import CELL_PADDING, Line
from extractors.printed_labels import PrintedRowLabels
from schema.catalog import load_field_catalogue
from schema.document import BBox

SIZE = 10.5
XS = [0.0, 120.0, 300.0]


def line(text: str, page: int, x1: float | None = None) -> Line:
    end = 5.6 + len(text) * SIZE if x1 is None else x1
    return Line(text=text, bbox=BBox(5.6, 0, end, SIZE), page=page, size=SIZE)


def cell(row: int, col: int, page: int, *texts: str, row_span: int = 1, full: bool = False) -> DraftCell:
    x0, x1 = XS[col], XS[col + 1]
    items: list[Line | DraftTable] = [line(t, page) for t in texts]
    if full and items:
        items[-1] = line(texts[-1], page, x1=x1 - 5.6)
    return DraftCell(row, col, row_span, 1, BBox(x0, row * 30, x1, row * 30 + 30), page, items)


def table(page: int, n_rows: int, cells: list[DraftCell]) -> DraftTable:
    return DraftTable(
        page=page, bbox=BBox(0, 0, 300, n_rows * 30), n_rows=n_rows, xs=list(XS), cells=cells, last_page=page
    )


def texts(blocks: list[DraftBlock]) -> list[list[str]]:
    (joined,) = blocks
    assert isinstance(joined, DraftTable)
    return [[c.text for c in joined.row_cells(r) if c.row == r] for r in range(joined.n_rows)]


def test_pdf_continued_table_is_joined_and_repeated_header_dropped() -> None:
    a = table(
        1, 2, [cell(0, 0, 1, "年度"), cell(0, 1, 1, "2022年"), cell(1, 0, 1, "总产值"), cell(1, 1, 1, "90")]
    )
    b = table(
        2,
        2,
        [cell(0, 0, 2, "年度"), cell(0, 1, 2, "2022年"), cell(1, 0, 2, "企业数量"), cell(1, 1, 2, "496")],
    )
    assert texts(join_continued_tables([a, b])) == [["年度", "2022年"], ["总产值", "90"], ["企业数量", "496"]]


def test_pdf_row_split_by_the_page_is_one_row_again() -> None:
    a = table(1, 1, [cell(0, 0, 1, "属于高用水行业的", full=True), cell(0, 1, 1, "□是")])
    b = table(2, 1, [cell(0, 0, 2, "集群"), cell(0, 1, 2, "☑否")])
    assert texts(join_continued_tables([a, b])) == [["属于高用水行业的集群", "□是\n☑否"]]


def test_pdf_empty_label_beside_text_continues_the_row() -> None:
    a = table(1, 1, [cell(0, 0, 1, "集群已开展的工作"), cell(0, 1, 1, "□甲")])
    b = table(2, 1, [cell(0, 0, 2), cell(0, 1, 2, "□乙")])
    assert texts(join_continued_tables([a, b])) == [["集群已开展的工作", "□甲\n□乙"]]


def test_pdf_new_row_of_short_values_is_not_merged() -> None:
    a = table(1, 1, [cell(0, 0, 1, "2022年"), cell(0, 1, 1, "0.37")])
    b = table(2, 1, [cell(0, 0, 2, "2023年"), cell(0, 1, 2, "0.35")])
    assert texts(join_continued_tables([a, b])) == [["2022年", "0.37"], ["2023年", "0.35"]]


def test_pdf_merged_label_going_on_extends_its_span() -> None:
    a = table(1, 2, [cell(0, 0, 1, "能耗", row_span=2), cell(0, 1, 1, "0.36"), cell(1, 1, 1, "0.35")])
    b = table(2, 1, [cell(0, 0, 2), cell(0, 1, 2, "0.31")])
    (joined,) = join_continued_tables([a, b])
    assert isinstance(joined, DraftTable)
    label = next(c for c in joined.cells if c.col == 0)
    assert (joined.n_rows, label.row_span) == (3, 3)


def test_pdf_tables_not_aligned_are_not_joined() -> None:
    a = table(1, 1, [cell(0, 0, 1, "甲"), cell(0, 1, 1, "乙")])
    b = table(2, 1, [cell(0, 0, 2, "丙"), cell(0, 1, 2, "丁")])
    b.xs = [40.0, 120.0, 300.0]
    assert len(join_continued_tables([a, b])) == 2


def test_pdf_option_list_running_on_past_the_break_is_one_cell() -> None:
    a = table(1, 1, [cell(0, 0, 1, "新模式新业态推广情况"), cell(0, 1, 1, "集群已开展的推广工作：")])
    b = table(
        2, 2, [cell(0, 0, 2, row_span=2), cell(0, 1, 2, "☑建有国家试点示范项目"), cell(1, 1, 2, "名称：某某")]
    )
    joined = texts(join_continued_tables([a, b]))
    assert joined[0] == ["新模式新业态推广情况", "集群已开展的推广工作：\n☑建有国家试点示范项目"]


def test_pdf_next_year_is_a_new_row_even_when_the_year_fills_its_column() -> None:
    a = table(1, 1, [cell(0, 0, 1, "2022年", full=True), cell(0, 1, 1, "0.37")])
    b = table(2, 1, [cell(0, 0, 2, "2023年"), cell(0, 1, 2, "0.35吨标准煤/万元")])
    assert texts(join_continued_tables([a, b])) == [["2022年", "0.37"], ["2023年", "0.35吨标准煤/万元"]]


def _one_row(page: int, cells: list[DraftCell]) -> DraftTable:
    xs = [0.0, 120.0, 200.0, 300.0]
    return DraftTable(page=page, bbox=BBox(0, 0, 300, 30), n_rows=1, xs=xs, cells=cells, last_page=page)


def test_pdf_a_row_laid_out_otherwise_after_a_full_label_line_is_a_new_row() -> None:
    a = _one_row(
        1,
        [
            DraftCell(0, 0, 1, 1, BBox(0, 0, 120, 30), 1, [line("普及率（%）", 1, x1=114.4)]),
            DraftCell(0, 1, 1, 1, BBox(120, 0, 200, 30), 1, [line("26.95", 1)]),
            DraftCell(0, 2, 1, 1, BBox(200, 0, 300, 30), 1, [line("37.67", 1)]),
        ],
    )
    b = _one_row(
        2,
        [
            DraftCell(0, 0, 1, 1, BBox(0, 0, 120, 30), 2, [line("数字化服务总体情况", 2)]),
            DraftCell(0, 1, 1, 2, BBox(120, 0, 300, 30), 2, [line("引入服务商17家", 2)]),
        ],
    )
    assert texts(join_continued_tables([a, b])) == [
        ["普及率（%）", "26.95", "37.67"],
        ["数字化服务总体情况", "引入服务商17家"],
    ]


def test_pdf_a_cell_beginning_with_a_printed_label_starts_a_new_row_however_full_the_line_above() -> None:
    a = table(1, 1, [cell(0, 0, 1, "是否建立监测机制", full=True), cell(0, 1, 1, "☑否")])
    b = table(
        2, 2, [cell(0, 0, 2, "单位产值排放量", row_span=2), cell(0, 1, 2, "0.78"), cell(1, 1, 2, "0.72")]
    )
    merged = texts(join_continued_tables([copy.deepcopy(a), copy.deepcopy(b)]))
    assert merged[0] == ["是否建立监测机制单位产值排放量", "☑否"]  # read as the label going on

    def is_label(text: str) -> bool:
        return text.startswith("单位产值")

    assert texts(join_continued_tables([a, b], is_label)) == [
        ["是否建立监测机制", "☑否"],
        ["单位产值排放量", "0.78"],
        ["0.72"],
    ]


def test_pdf_a_year_under_a_year_is_a_new_row_while_the_merged_label_beside_it_runs_on() -> None:
    a = _one_row(
        1,
        [
            DraftCell(0, 0, 1, 1, BBox(0, 0, 120, 12), 1, [line("单位产值能耗（吨标", 1, x1=114.4)]),
            DraftCell(
                0, 1, 1, 1, BBox(120, 0, 200, 12), 1, [line("2022年.", 1, x1=194.4)]
            ),  # a speck after it
            DraftCell(0, 2, 1, 1, BBox(200, 0, 300, 12), 1, [line("0.37", 1)]),
        ],
    )
    b = DraftTable(
        page=2,
        bbox=BBox(0, 0, 300, 60),
        n_rows=2,
        xs=[0.0, 120.0, 200.0, 300.0],
        cells=[
            DraftCell(0, 0, 2, 1, BBox(0, 0, 120, 60), 2, [line("准煤/万元）", 2)]),
            DraftCell(0, 1, 1, 1, BBox(120, 0, 200, 30), 2, [line("2023年", 2)]),
            DraftCell(0, 2, 1, 1, BBox(200, 0, 300, 30), 2, [line("0.35", 2)]),
            DraftCell(1, 1, 1, 1, BBox(120, 30, 200, 60), 2, [line("2024年", 2)]),
            DraftCell(1, 2, 1, 1, BBox(200, 30, 300, 60), 2, [line("0.32", 2)]),
        ],
        last_page=2,
    )
    assert texts(join_continued_tables([a, b])) == [
        ["单位产值能耗（吨标准煤/万元）", "2022年.", "0.37"],
        ["2023年", "0.35"],
        ["2024年", "0.32"],
    ]


def _narrow(row: int, col: int, page: int, text: str) -> DraftCell:
    x0 = col * 32.0
    bottom = row * 30 + 29.0
    full = Line(text=text, bbox=BBox(x0 + 5.6, bottom - SIZE, x0 + 26.4, bottom), page=page, size=SIZE)
    return DraftCell(row, col, 1, 1, BBox(x0, row * 30, x0 + 32, row * 30 + 30), page, [full])


def test_pdf_row_of_short_entries_after_the_break_is_a_new_row() -> None:
    """Narrow cells look full whatever they hold (`国家` in a two-character cell): a next row of entries
    (`行业 | 4 | 1`) is a new row, not the rest of the last one (they read 24 and 31)."""
    xs = [0.0, 32.0, 64.0, 96.0]
    a = DraftTable(
        1, BBox(0, 0, 96, 30), 1, list(xs), [_narrow(0, c, 1, t) for c, t in enumerate(("国家", "2", "3"))], 1
    )
    b = DraftTable(
        2, BBox(0, 0, 96, 30), 1, list(xs), [_narrow(0, c, 2, t) for c, t in enumerate(("行业", "4", "1"))], 2
    )
    assert texts(join_continued_tables([a, b])) == [["国家", "2", "3"], ["行业", "4", "1"]]


def _row(page: int, *cells: str) -> DraftTable:
    xs = [32.0 * n for n in range(len(cells) + 1)]
    drafted = [_narrow(0, c, page, t) for c, t in enumerate(cells) if t]
    drafted += [
        DraftCell(0, c, 1, 1, BBox(xs[c], 0, xs[c + 1], 30), page, []) for c, t in enumerate(cells) if not t
    ]
    return DraftTable(page, BBox(0, 0, xs[-1], 30), 1, xs, drafted, page)


def test_pdf_next_target_row_under_a_merged_direction_is_a_new_row() -> None:
    a = _row(1, "主导产业", "年均增速", "10.82%", "11.89%", "13.01%")
    b = _row(2, "", "企业数量", "70", "110", "121")
    assert texts(join_continued_tables([a, b]))[1] == ["", "企业数量", "70", "110", "121"]


def test_pdf_values_wrapped_over_the_break_stay_in_their_row() -> None:
    a = _row(1, "绿色化", "排放量", "1.13吨", "1.02吨", "0.99吨")
    b = _row(2, "", "", "碳/万元", "碳/万元", "碳/万元")
    assert len(texts(join_continued_tables([a, b]))) == 1


def test_pdf_a_number_with_its_unit_finishing_a_sentence_over_the_break_is_rejoined() -> None:
    # f888 04_application_clean.pdf (LibreOffice): `…研发经费投入达到` ends page 14, `10.72亿元，…` opens page 15
    right = XS[-1] - CELL_PADDING
    upper = DraftCell(0, 0, 1, 2, BBox(0, 0, 300, 30), 1, [line("研发经费投入达到", 1, x1=right - 22.9)])
    lower = DraftCell(0, 0, 1, 2, BBox(0, 0, 300, 30), 2, [line("10.72亿元，有效发明专利数量达到870个。", 2)])
    joined = join_continued_tables([table(1, 1, [upper]), table(2, 1, [lower])])
    assert texts(joined) == [["研发经费投入达到10.72亿元，有效发明专利数量达到870个。"]]


def test_pdf_a_value_with_its_unit_after_a_full_value_is_still_a_new_row() -> None:
    # f888 05_review_clean.pdf: `0.84吨二氧化碳/万元` fills its column; `0.34吨标准煤/万元` is the next indicator's
    value = cell(0, 1, 1, "0.84吨二氧化碳/万元")
    # room left for `0.34`, not for `0.34吨`
    value.items = [line("0.84吨二氧化碳/万元", 1, x1=XS[-1] - CELL_PADDING - 8.0)]
    a = table(1, 1, [cell(0, 0, 1, "二氧化碳排放量"), value])
    b = table(2, 1, [cell(0, 0, 2, "单位工业产值能耗"), cell(0, 1, 2, "0.34吨标准煤/万元")])
    assert texts(join_continued_tables([a, b])) == [
        ["二氧化碳排放量", "0.84吨二氧化碳/万元"],
        ["单位工业产值能耗", "0.34吨标准煤/万元"],
    ]


def test_pdf_a_printed_indicator_under_a_merged_direction_is_a_new_row() -> None:
    # v1207b 08_application_clean_pdf_rotated.pdf (LibreOffice): 主导产业 spans its two indicators; the
    # page breaks after the first, so the second's row opens page 14 with the direction's cell empty
    a = _row(1, "主导产业", "近三年集群产值年均增速", "16.77%", "14.97%")
    b = _row(2, "", "优质中小企业数量", "118个", "205个")
    assert len(texts(join_continued_tables([copy.deepcopy(a), copy.deepcopy(b)]))) == 1  # no label test

    labels = PrintedRowLabels.from_catalogue(load_field_catalogue())
    assert texts(join_continued_tables([a, b], labels.starts_row)) == [
        ["主导产业", "近三年集群产值年均增速", "16.77%", "14.97%"],
        ["", "优质中小企业数量", "118个", "205个"],
    ]


def test_pdf_a_label_broken_by_hand_and_by_the_page_is_one_row_again() -> None:
    # v12075 01_review_clean_pdf_overprinted.pdf: the label written `集群 中小企业` ⏎ `上云比例（%）`, the page
    # breaking between its lines, the values all in the part above
    a = table(1, 1, [cell(0, 0, 1, "集群 中小企业"), cell(0, 1, 1, "47.60％")])
    b = table(2, 1, [cell(0, 0, 2, "上云比例（%）"), cell(0, 1, 2)])
    assert len(texts(join_continued_tables([copy.deepcopy(a), copy.deepcopy(b)]))) == 2  # no label test
    labels = PrintedRowLabels.from_catalogue(load_field_catalogue())
    assert texts(join_continued_tables([a, b], labels.starts_row)) == [
        ["集群 中小企业\n上云比例（%）", "47.60％"]
    ]
