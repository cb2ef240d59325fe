"""Stage tests: glyphs → lines, soft-wrap rejoining, lost boxes, substituted symbol letters (in a cell part
and in a cell joined across pages)."""

from __future__ import annotations

import dataclasses

from extractors.pdf.drafts import DraftCell, DraftTable
from extractors.pdf.label_lines import join_label_lines
from extractors.pdf.lines import LATIN_ADVANCE, Line, glyphs_to_lines, glyphs_to_rows, join_wrapped_lines
from extractors.pdf.lost_boxes import mark_lost_boxes
from extractors.pdf.primitives import Glyph
from extractors.pdf.substitutes import decode_letters_of_joined_cells, decode_substituted_letters
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, BBox

SIZE = 10.5
RIGHT = 10 * SIZE  # ten CJK characters fit on a line


def glyphs(
    text: str, y: float = 0.0, x: float = 0.0, width: float = SIZE, font: str = "SimSun"
) -> list[Glyph]:
    return [
        Glyph(ch, font, BBox(x + i * width, y, x + (i + 1) * width, y + SIZE), SIZE)
        for i, ch in enumerate(text)
    ]


def lines_of(*texts: str, font: str = "SimSun") -> list[Line]:
    found: list[Glyph] = []
    for row, text in enumerate(texts):
        found.extend(glyphs(text, y=row * 1.2 * SIZE, font=font))
    return glyphs_to_lines(found, page=1)


def test_pdf_lines_read_left_to_right_top_to_bottom_with_word_gaps() -> None:
    found = [*glyphs("联系人", y=0), *glyphs("张三", y=0.5, x=60), *glyphs("第二行", y=14)]
    assert [line.text for line in glyphs_to_lines(found, page=1)] == ["联系人 张三", "第二行"]


def test_pdf_lines_wrapped_by_the_layout_are_rejoined() -> None:
    full = lines_of("一二三四五六七八九十", "续写")
    assert [line.text for line in join_wrapped_lines(full, RIGHT)] == ["一二三四五六七八九十续写"]


def test_pdf_lines_a_short_line_ends_its_paragraph() -> None:
    lines = lines_of("一二三四五六七八", "新段落")  # two characters of room left: 新 would have fitted
    assert [line.text for line in join_wrapped_lines(lines, RIGHT)] == ["一二三四五六七八", "新段落"]


def test_pdf_lines_closing_mark_pulls_a_character_down() -> None:
    lines = lines_of("一二三四五六七八九", "群，能效")  # 群 fitted, but 群， did not
    assert [line.text for line in join_wrapped_lines(lines, RIGHT)] == ["一二三四五六七八九群，能效"]


def test_pdf_lines_options_numbers_and_labels_always_start_lines() -> None:
    for second in ("□第二产业", "2.第二项", "（1）第一项", "名称：某某"):
        lines = lines_of("一二三四五六七八九十", second)
        assert len(join_wrapped_lines(lines, RIGHT)) == 2, second


def test_pdf_lines_option_without_its_box_among_boxed_ones_is_unknown() -> None:
    lines = lines_of("集群已开展的工作", "□甲", "乙", "□丙", "（注：勾选需提供佐证材料）")
    assert [line.text for line in mark_lost_boxes(lines)] == [
        "集群已开展的工作",
        "□甲",
        UNKNOWN_GLYPH + "乙",
        "□丙",
        "（注：勾选需提供佐证材料）",
    ]


def test_pdf_lines_a_stray_mark_s_line_among_boxed_ones_keeps_one_confidence_per_mark() -> None:
    """A scan's √ beside a box read as `1` (set 9595, filing 01): the cell's box doubts must still fit
    its marks one for one, or no box of the cell counts as read surely."""
    lines = [
        dataclasses.replace(line, mark_confidences=(1.0,)) if "□" in line.text else line
        for line in lines_of("□甲", "1", "□丙")
    ]
    marked = mark_lost_boxes(lines)
    assert [(line.text, line.mark_confidences) for line in marked] == [
        ("□甲", (1.0,)),
        (UNKNOWN_GLYPH + "1", (0.0,)),
        ("□丙", (1.0,)),
    ]


def test_pdf_lines_symbol_letters_in_a_substitute_font_are_decoded() -> None:
    found = [*glyphs("R", font="DejaVuSans"), *glyphs("是", x=SIZE), *glyphs("£", y=14, font="DejaVuSans")]
    found += glyphs("否", y=14, x=SIZE)
    rows = decode_substituted_letters(glyphs_to_rows(found))
    assert [[g.text for g in row] for row in rows] == [[TICKED_GLYPH, "是"], [EMPTY_GLYPH, "否"]]


def test_pdf_lines_a_lone_letter_before_chinese_is_left_alone() -> None:
    found = [*glyphs("R", font="DejaVuSans"), *glyphs("型号", x=SIZE)]
    rows = decode_substituted_letters(glyphs_to_rows(found))
    assert [g.text for g in rows[0]] == ["R", "型", "号"]


def test_pdf_lines_symbol_letters_after_a_gap_are_decoded() -> None:
    found = [*glyphs("¨", font="DejaVuSans"), *glyphs("是", x=SIZE)]
    found += [*glyphs("þ", x=4 * SIZE, font="DejaVuSans"), *glyphs("否", x=5 * SIZE)]
    rows = decode_substituted_letters(glyphs_to_rows(found))
    assert [g.text for g in rows[0]] == [EMPTY_GLYPH, "是", TICKED_GLYPH, "否"]


def test_pdf_lines_a_number_longer_than_the_line_is_rejoined() -> None:
    # 0536-7909123，13853248582 in a narrow cell: broken after the hyphen, then inside the number
    digit = 0.6 * SIZE
    rows = [("0536-", 0.0), ("7909123，138", 1.2 * SIZE), ("53248582", 2.4 * SIZE)]
    found = [g for text, y in rows for g in glyphs(text, y=y, width=digit)]
    right = 13 * digit
    assert [line.text for line in join_wrapped_lines(glyphs_to_lines(found, page=1), right)] == [
        "0536-7909123，13853248582"
    ]


def test_pdf_lines_a_symbol_letter_whose_option_wrapped_is_decoded() -> None:
    # f888 19_review_messy.pdf: `¨是（需附情况说明） þ` at the cell's right edge, `否` on the next line
    found = [*glyphs("¨", font="DejaVuSans"), *glyphs("是（需附情况说明）", x=SIZE)]
    found += [*glyphs("þ", x=12 * SIZE, font="DejaVuSans"), *glyphs("否", y=1.2 * SIZE)]
    rows = decode_substituted_letters(glyphs_to_rows(found))
    assert rows[0][0].text == EMPTY_GLYPH and rows[0][-1].text == TICKED_GLYPH


def test_pdf_lines_a_lone_unmistakable_symbol_letter_is_decoded() -> None:
    # f888 05_review_clean.pdf: `þ是` alone on its page, the cell's other options after the page break
    found = [*glyphs("þ", font="DejaVuSans"), *glyphs("是", x=SIZE)]
    rows = decode_substituted_letters(glyphs_to_rows(found))
    assert [g.text for g in rows[0]] == [TICKED_GLYPH, "是"]


def test_pdf_lines_a_symbol_letter_among_printed_boxes_is_decoded() -> None:
    found = [*glyphs("R", font="DejaVuSans"), *glyphs("是", x=SIZE), *glyphs("☐否", y=1.2 * SIZE)]
    rows = decode_substituted_letters(glyphs_to_rows(found))
    assert [[g.text for g in row] for row in rows] == [[TICKED_GLYPH, "是"], ["☐", "否"]]


def test_pdf_lines_a_number_kept_with_its_unit_is_rejoined() -> None:
    # f888 07_review_messy.pdf `参加国际展会` / `2次`, 04 and 14 `…达到` / `10.72亿元…` (LibreOffice export):
    # the number alone would have fitted in the room left, the number with its unit did not
    digit = LATIN_ADVANCE * SIZE
    for number, unit in (("2", "次"), ("10.72", "亿元")):
        found = [*glyphs("一二三四五六七八九"), *glyphs(number, y=1.2 * SIZE, width=digit)]
        found += glyphs(unit, y=1.2 * SIZE, x=len(number) * digit)
        lines = join_wrapped_lines(glyphs_to_lines(found, page=1), RIGHT)
        assert [line.text for line in lines] == [f"一二三四五六七八九{number}{unit}"], number


def _cell_of(*texts: str) -> DraftTable:
    items: list[Line | DraftTable] = [
        Line(text=t, bbox=BBox(0, n * SIZE, RIGHT, (n + 1) * SIZE), page=1, size=SIZE)
        for n, t in enumerate(texts)
    ]
    cell = DraftCell(0, 0, 1, 1, BBox(0, 0, RIGHT, 100), 1, items)
    return DraftTable(page=1, bbox=BBox(0, 0, RIGHT, 100), n_rows=1, xs=[0, RIGHT], cells=[cell], last_page=2)


def test_pdf_lines_a_symbol_letter_alone_on_its_page_part_is_decoded_once_the_cell_is_joined() -> None:
    # v1207b 04_application_clean_pdf.pdf: `R信息服务` alone at the foot of page 12, its ☑ siblings on page 13
    (table,) = decode_letters_of_joined_cells(
        [_cell_of("集群已提供的中小企业公共服务：", "R信息服务", "☑创业辅导", "☐人员培训")]
    )
    assert isinstance(table, DraftTable)
    assert table.cells[0].text.split("\n")[1] == TICKED_GLYPH + "信息服务"


def test_pdf_lines_a_letter_opening_chinese_without_boxed_siblings_stays_a_letter() -> None:
    (table,) = decode_letters_of_joined_cells([_cell_of("T恤衫生产", "☑是")])
    assert isinstance(table, DraftTable)
    assert table.cells[0].text == "T恤衫生产\n☑是"


def test_pdf_lines_text_drawn_over_a_line_is_a_line_of_its_own_and_stepped_over() -> None:
    # v12076 10_application_messy_pdf.pdf: the cover in a text box drawn over `工业和信息化部 制`; the
    # authority's name wraps onto the next line
    label = glyphs("主管部门（盖章）：长兴县经济和信息", y=0.0)
    body = glyphs("工业和信息化部", y=0.3, x=2.2 * SIZE)
    rest = glyphs("化局", y=1.5 * SIZE)
    lines = glyphs_to_lines([*label, *body, *rest], page=1)
    assert [line.text for line in lines] == ["主管部门（盖章）：长兴县经济和信息", "工业和信息化部", "化局"]
    wide = 20 * SIZE
    joined = join_label_lines(
        [dataclasses.replace(line, tail=wide) if n == 0 else line for n, line in enumerate(lines)]
    )
    assert [line.text for line in joined if isinstance(line, Line)] == [
        "主管部门（盖章）：长兴县经济和信息化局",
        "工业和信息化部",
    ]
