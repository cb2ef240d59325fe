"""Stage `anchor_missed_boxes`: boxes the pixel stages missed, looked for before known option texts."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.ocr.anchored_boxes import (
    CharSize,
    anchor_missed_boxes,
    cell_lines,
    drop_beside_ticks,
    line_to_anchors,
    locate_box,
    read_characters,
    tokens_to_lines,
)
from extractors.ocr.geometry import Grid, GridCell, Image, TickBox, TickState
from extractors.ocr.ticks import ink_to_boxes
from extractors.ocr.tokens import Token
from schema.document import BBox

OPTIONS = frozenset({"是", "否", "第二产业", "开展通用生产设备共享"})
SIDE = 18
GRID = Grid(
    BBox(0, 0, 600, 400),
    1,
    2,
    (GridCell(0, 0, 1, 1, BBox(0, 0, 100, 400)), GridCell(0, 1, 1, 1, BBox(100, 0, 600, 400))),
)


def _chars(text: str, x: int, y: int, size: int = 21) -> list[Token]:
    """One token per character, as the page engine returns them (CJK advance ~ size px)."""
    return [
        Token(ch, BBox(x + i * size, y, x + (i + 1) * size - 1, y + size + 8), 1.0)
        for i, ch in enumerate(text)
    ]


def _box(free: Image, x: int, y: int) -> None:
    cv2.rectangle(free, (x, y), (x + SIDE, y + SIDE), 255, 2)


def _tick_over_corner(free: Image, x: int, y: int) -> None:
    """A hand √ drawn left of the box, its long stroke crossing the box's top-left corner."""
    points = np.array([(x - 16, y + 6), (x - 8, y + SIDE + 2), (x + 6, y - 10)], np.int32)
    cv2.polylines(free, [points], False, 255, 4)


def _page() -> Image:
    return np.zeros((400, 600), np.uint8)


def test_lines_group_tokens_by_height_and_order_them_left_to_right() -> None:
    tokens = [*_chars("否", 200, 100), *_chars("是", 150, 102), *_chars("第二", 150, 200)]
    lines = tokens_to_lines(tokens)
    assert ["".join(t.text for t in line) for line in lines] == ["是否", "第二"]


@pytest.mark.parametrize("mark", ["d", "√", "口", "石"])
def test_an_option_after_a_gap_without_a_box_is_an_anchor_the_mark_read_before_it_is_dropped(
    mark: str,
) -> None:
    line = [*_chars(mark, 150, 100), *_chars("否", 171, 100), *_chars("第二产业", 300, 100)]
    anchors = list(line_to_anchors(line, OPTIONS))
    assert [(a.first.text, [m.text for m in a.marks]) for a in anchors] == [("否", [mark]), ("第", [])]


def test_an_option_with_its_box_glyph_or_inside_prose_is_no_anchor() -> None:
    boxed = [Token("☐", BBox(150, 105, 168, 123), 1.0), *_chars("是", 172, 100)]
    prose = _chars("集群是否", 150, 100)
    assert list(line_to_anchors(boxed, OPTIONS)) == []
    assert list(line_to_anchors(prose, OPTIONS)) == []


def test_an_option_read_tall_beside_a_box_of_another_line_is_no_anchor() -> None:
    """A tick rising into `否` makes it read tall: it joins the label column's line, its box does not."""
    label = _chars("国家规定", 20, 140)
    tall = Token("否", BBox(172, 140, 193, 195), 1.0)
    box = BBox(152, 165, 170, 183)
    line = next(line for line in tokens_to_lines([*label, tall, Token("☑", box, 1.0)]) if tall in line)
    assert [t.text for t in line] == [*"国家规定", "否"]
    assert [a.first.text for a in line_to_anchors(line, OPTIONS)] == ["否"]
    assert list(line_to_anchors(line, OPTIONS, [box])) == []


def test_a_box_under_a_tick_is_located_by_its_outline() -> None:
    free = _page()
    _box(free, 200, 100)
    _tick_over_corner(free, 200, 100)
    located = locate_box(free, BBox(222, 95, 243, 124), [SIDE + 1], CharSize(21, 29))
    assert located is not None
    box, outline = located
    assert abs(box.x0 - 199) <= 2 and abs(box.y0 - 99) <= 2 and outline > 0.9


def test_no_box_is_located_where_a_character_was_read() -> None:
    free = _page()
    cv2.rectangle(free, (170, 100), (188, 118), 255, 2)  # the square part of the previous option's 是
    _box(free, 200, 102)
    cv2.line(free, (200, 102), (200 + SIDE, 102), 0, 2)  # the box's top and right sides faded away
    cv2.line(free, (200 + SIDE, 102), (200 + SIDE, 102 + SIDE), 0, 2)
    first, char = BBox(222, 97, 243, 126), CharSize(21, 29)
    located = locate_box(free, first, [SIDE + 1], char)
    assert located is not None and located[0].x0 < 188  # a square made with the character's ink wins
    located = locate_box(free, first, [SIDE + 1], char, read=[BBox(166, 95, 192, 124)])
    assert located is not None and abs(located[0].x0 - 199) <= 3  # the box, what is left of it


def _anchored(
    free: Image, tokens: list[Token], ticks: list[TickBox] | None = None, faint: Image | None = None
) -> tuple[list[str], list[TickBox]]:
    masks = (free, free if faint is None else faint)
    kept, found = anchor_missed_boxes(tokens, ticks or [], masks, [GRID], OPTIONS)
    return ["".join(t.text for t in kept)], found


def test_a_box_too_light_for_the_ordinary_ink_is_found_on_the_faint_ink_and_decided_from_the_ordinary() -> (
    None
):
    faint = _page()
    for y in (100, 200):
        _box(faint, 200, y)  # grey boxes: on the faint mask only
    free = _page()
    _tick_over_corner(free, 200, 100)
    faint |= free
    tokens = [*_chars("是", 222, 95), *_chars("否", 222, 195)]
    assert _anchored(free, tokens)[1] == []  # the ordinary ink alone shows no box
    _, found = _anchored(free, tokens, faint=faint)
    assert [(t.state, t.confidence) for t in sorted(found, key=lambda t: t.bbox.y0)] == [
        (TickState.TICKED, 0.5),
        (TickState.EMPTY, 0.5),
    ]


def test_a_missed_ticked_box_is_decided_ticked_and_an_empty_one_empty_both_at_low_confidence() -> None:
    free = _page()
    for y in (100, 200):
        _box(free, 200, y)
    _tick_over_corner(free, 200, 100)
    tokens = [*_chars("V", 185, 95), *_chars("是", 222, 95), *_chars("否", 222, 195)]
    (text,), found = _anchored(free, tokens)
    assert text == "是否"  # the tick read as V is dropped
    assert [(t.state, t.confidence) for t in sorted(found, key=lambda t: t.bbox.y0)] == [
        (TickState.TICKED, 0.5),
        (TickState.EMPTY, 0.5),
    ]


def test_no_box_is_made_where_none_is_printed_or_outside_a_value_cell() -> None:
    free = _page()
    _box(free, 30, 100)  # in the label column
    tokens = [*_chars("是", 222, 95), *_chars("否", 52, 95)]
    _, found = _anchored(free, tokens)
    assert found == []


def test_the_box_side_comes_from_the_boxes_the_page_already_has() -> None:
    free = _page()
    _box(free, 200, 100)
    _box(free, 200, 200)
    known = TickBox(BBox(200, 200, 200 + SIDE + 1, 200 + SIDE + 1), TickState.EMPTY, 1.0)
    tokens = [*_chars("是", 222, 95), Token("☐", known.bbox, 1.0), *_chars("否", 222, 195)]
    _, found = _anchored(free, tokens, [known])
    assert len(found) == 1 and found[0].bbox.width == pytest.approx(SIDE + 1)


def test_a_box_side_broken_by_faded_toner_is_bridged() -> None:
    free = np.zeros((120, 160), np.uint8)
    x0, y0, x1, y1 = 60, 40, 99, 78  # a 300 dpi box: 1 px sides
    cv2.rectangle(free, (x0, y0), (x1, y1), 255, 1)
    for x in (68, 80, 91):
        free[y0, x] = 0  # the top side in four pieces
    free[50, x1] = free[63, x1] = 0  # and the right side in three
    (box,) = ink_to_boxes(free, 1654 / 210 * 1.5)
    assert abs(box.x0 - x0) <= 1 and box.y0 == y0


def test_a_tick_read_as_text_right_after_an_inline_option_ticks_the_next_box() -> None:
    free = _page()
    _box(free, 300, 100)
    _tick_over_corner(free, 300, 100)
    tokens = [*_chars("是（说明）", 170, 95), *_chars("√", 275, 95), *_chars("否", 322, 95)]
    (text,), found = _anchored(free, tokens)
    assert text == "是（说明）否"
    assert [(t.state, t.confidence) for t in found] == [(TickState.TICKED, 0.5)]


def test_a_typed_tick_after_the_previous_option_stays_that_option_s() -> None:
    free = _page()
    _box(free, 300, 100)
    free[100:120, 302:304] = 0  # the box's left side lost, so the pixel stages missed it
    tokens = [*_chars("是", 200, 95), *_chars("√", 221, 95), *_chars("否", 322, 95)]
    (text,), found = _anchored(free, tokens)
    assert text == "是√否"
    assert [t.state for t in found] == [TickState.EMPTY]


def test_a_tick_read_beside_a_detected_ticked_box_is_dropped_one_further_left_kept() -> None:
    ticked = TickBox(BBox(300, 100, 319, 119), TickState.TICKED, 1.0)
    tokens = [*_chars("是", 200, 95), *_chars("√", 221, 95), *_chars("√", 282, 95)]
    assert [t.bbox.x0 for t in drop_beside_ticks(tokens, [ticked])] == [200, 221]
    assert len(drop_beside_ticks(tokens, [TickBox(ticked.bbox, TickState.EMPTY, 1.0)])) == 3


def test_the_box_of_the_option_before_is_not_this_option_s() -> None:
    line = [Token("☑", BBox(150, 105, 168, 123), 1.0), *_chars("是", 172, 100), *_chars("否", 222, 100)]
    assert [a.first.text for a in line_to_anchors(line, OPTIONS)] == ["否"]


def test_a_box_the_engine_read_into_the_option_s_character_is_found_inside_it() -> None:
    free = _page()
    _box(free, 200, 100)
    wide = Token("否", BBox(199, 95, 245, 124), 1.0)  # the box and 否 read as one wide character
    _, found = _anchored(free, [wide])
    assert len(found) == 1 and abs(found[0].bbox.x0 - 199) <= 2


def test_an_option_read_wide_right_after_the_option_before_is_an_anchor() -> None:
    line = [
        *_chars("第一产业", 100, 100),
        *_chars("是", 300, 100),
        Token("否", BBox(322, 100, 365, 129), 1.0),
    ]
    assert [a.first.text for a in line_to_anchors(line, OPTIONS)] == ["是", "否"]


def test_a_gap_is_measured_in_character_widths_when_a_tick_made_the_line_read_tall() -> None:
    options = frozenset({"是", "否", "不适用"})
    tall = [
        Token(ch, BBox(x, 739, x + 23, 779), 1.0)  # characters 23 px wide read 40 px tall
        for ch, x in (("是", 503), ("否", 557), ("不", 603), ("适", 627), ("用", 650))
    ]
    assert [a.first.text for a in line_to_anchors(tall, options)] == ["是", "否", "不"]


def test_a_grey_box_under_a_tick_beats_the_square_of_the_option_s_own_character() -> None:
    """`□否` with a tick over the wall read as one wide, tall `否` (the only token of its line): the
    line does not measure a character, and the grey box (faint ink only) outlines better than the
    口 of 否 on the ordinary ink."""
    free = _page()
    cv2.rectangle(free, (262, 104), (278, 120), 255, 2)  # the 口 of 否
    free[100:104, 258:282] = 255  # 否's top strokes
    _tick_over_corner(free, 230, 102)
    faint = free.copy()
    _box(faint, 230, 102)
    wide = Token("否", BBox(226, 80, 330, 140), 1.0)
    elsewhere = _chars("集群已开展", 120, 300)
    _, found = _anchored(free, [wide, *elsewhere], faint=faint)
    (box,) = found
    assert box.state is TickState.TICKED and 220 <= box.bbox.x0 <= 232 and box.bbox.x1 < 262


def test_a_bold_box_outlined_on_both_inks_keeps_its_ordinary_square() -> None:
    """The faint ink fattens a blurred bold box: a larger square fits it there, and would take in the
    option's first stroke; the box the ordinary ink outlines, if less clearly, stays."""
    free = _page()
    _box(free, 200, 100)
    free[99:103, 202:216] = 0  # gaps in the top and right sides: outlined less than clearly
    free[104:112, 216:221] = 0
    faint = _page()
    cv2.rectangle(faint, (197, 97), (221, 121), 255, 5)  # the same box, fattened by the blur
    known = TickBox(BBox(199, 199, 219, 219), TickState.EMPTY, 1.0)
    cv2.rectangle(free, (199, 199), (218, 218), 255, 2)
    tokens = [*_chars("是", 224, 95), Token("☐", known.bbox, 1.0), *_chars("否", 224, 195)]
    _, found = _anchored(free, tokens, [known], faint=faint)
    (box,) = found
    assert abs(box.bbox.x0 - 199) <= 1 and box.bbox.width < 21


def test_a_cross_the_engine_read_on_a_missed_box_after_a_gap_is_dropped() -> None:
    """`□是 ☒. 否`: the × read as text (`是×`) would tick 是 too; the box is found before 否."""
    free = _page()
    _box(free, 226, 100)
    cv2.line(free, (228, 102), (242, 116), 255, 3)
    cv2.line(free, (242, 102), (228, 116), 255, 3)
    tokens = [*_chars("是", 200, 95), Token("×", BBox(221, 95, 247, 124), 0.57), *_chars("否", 280, 95)]
    (text,), found = _anchored(free, tokens)
    assert text == "是否"
    assert [t.state for t in found] == [TickState.TICKED]


def test_the_box_is_the_leftmost_clear_square_before_the_option_s_own_square_character() -> None:
    """`□是` read as one loose, wide `是`: the 日 of 是 right of the box is a square too, and one
    outlined better than a box a tick crossed; the box comes first."""
    free = _page()
    _box(free, 200, 100)
    free[99:103, 203:211] = 0  # the tick's crossing left a gap in the top side
    cv2.rectangle(free, (226, 100), (244, 118), 255, 2)  # the 日 of 是
    wide = Token("是", BBox(198, 95, 272, 124), 0.91)
    _, found = _anchored(free, [wide, *_chars("集群已开展", 120, 300)])
    (box,) = found
    assert abs(box.bbox.x0 - 199) <= 2


def test_a_box_above_the_middle_of_a_tall_loose_reading_is_looked_for_from_its_top() -> None:
    """A tick rising into `□是` makes the engine read it tall and loose: the box's middle lies well
    above the middle of the line's character height, counted up from the reading's bottom."""
    free = _page()
    _box(free, 200, 100)
    _box(free, 200, 250)
    known = TickBox(BBox(200, 250, 219, 269), TickState.EMPTY, 1.0)
    tall = Token("是", BBox(198, 90, 262, 150), 0.91)
    tokens = [tall, *_chars("集群已开展", 120, 340), Token("☐", known.bbox, 1.0), *_chars("否", 222, 245)]
    _, found = _anchored(free, tokens, [known])
    (box,) = found
    assert abs(box.bbox.y0 - 99) <= 2


def test_a_character_read_with_fair_confidence_holds_no_box_for_the_next_option() -> None:
    """A tick over `是` lowers its reading to 0.51: its 日 is still no box of 否's."""
    box = Token("☐", BBox(547, 216, 570, 239), 1.0)
    tall = Token("是", BBox(558, 189, 616, 255), 0.51)
    line = [*_chars("中", 462, 205), box, tall, Token("否", BBox(627, 191, 681, 258), 1.0)]
    (anchor,) = list(line_to_anchors(line, OPTIONS, [box.bbox], CharSize(28, 43)))
    assert anchor.first.text == "否" and tall.bbox in read_characters(line, anchor)


def test_the_box_of_an_option_whose_text_a_tick_hid_is_not_the_next_option_s() -> None:
    """`□是√□否` with the tick over 是: 是 is not read, 否 reads tall; the box two characters before
    否 is 是's, so 否's own box is looked for."""
    line = [Token("☐", BBox(150, 105, 168, 123), 1.0), Token("否", BBox(222, 90, 243, 140), 1.0)]
    assert [a.first.text for a in line_to_anchors(line, OPTIONS)] == ["否"]


def test_a_cross_read_as_a_letter_right_after_the_option_before_starts_the_next_option() -> None:
    """`□是☒否` with the crossed box read as `X` close after 是: 否 is an option with a missed box."""
    line = [
        Token("☐", BBox(547, 442, 570, 465), 1.0),
        Token("是", BBox(572, 422, 609, 474), 1.0),
        Token("X", BBox(614, 422, 652, 474), 1.0),
        Token("否", BBox(666, 422, 704, 474), 1.0),
    ]
    assert [(a.first.text, [m.text for m in a.marks]) for a in line_to_anchors(line, OPTIONS)] == [
        ("否", ["X"])
    ]


def test_no_box_is_located_around_a_character_read_on_the_line() -> None:
    """`行业，不适用`: the strokes around 业 make a square before 不; a read character is no box."""
    free = _page()
    cv2.rectangle(free, (200, 100), (218, 118), 255, 2)
    first, char = BBox(240, 95, 261, 124), CharSize(21, 29)
    assert locate_box(free, first, [SIDE + 1], char) is not None
    assert locate_box(free, first, [SIDE + 1], char, read=[BBox(201, 97, 219, 121)]) is None


def test_a_grey_box_left_of_the_clear_square_of_the_option_s_character_is_the_box() -> None:
    """`□是` read as one wide `是`, its box grey (faint ink only): the 日 of 是 outlines a clear square
    on the ordinary ink, but the box comes first."""
    free = _page()
    cv2.rectangle(free, (226, 100), (244, 118), 255, 2)  # the 日 of 是
    faint = free.copy()
    _box(faint, 200, 100)
    wide = Token("是", BBox(198, 95, 272, 124), 0.91)
    _, found = _anchored(free, [wide, *_chars("集群已开展", 120, 300)], faint=faint)
    (box,) = found
    assert abs(box.bbox.x0 - 199) <= 2


def test_a_box_redrawn_larger_than_the_page_s_is_the_leftmost_clear_square_of_any_size() -> None:
    """A hand-redrawn box is larger than the page's boxes; the page's side fits the 日 of 是 right of
    it, outlined as clearly: the box comes first."""
    free = _page()
    cv2.rectangle(free, (200, 100), (227, 127), 255, 2)  # the redrawn box, 27 px
    cv2.rectangle(free, (229, 105), (250, 126), 255, 2)  # the 日 of 是, the page's box size
    wide = BBox(199, 90, 275, 135)
    located = locate_box(free, wide, [22.0, 25.3, 28.6], CharSize(28, 41))
    assert located is not None and abs(located[0].x0 - 199) <= 2


def test_a_box_fattened_by_blur_keeps_its_smallest_clear_square() -> None:
    """Squares of several sizes fit one thick outline equally well: the larger reach further left, but
    stand at the same place; the smallest keeps out of the option's first stroke."""
    faint = _page()
    cv2.rectangle(faint, (197, 97), (222, 122), 255, 5)
    located = locate_box(faint, BBox(226, 90, 250, 130), [22.0, 25.3, 28.6], CharSize(24, 40))
    assert located is not None and located[0].width < 25


def test_an_option_read_low_beside_a_label_line_stays_on_its_cell_s_line() -> None:
    """`建立` of `建立中小企业…` sits as low as the label column's line is high: lines never cross a wall."""
    label = [Token(ch, BBox(20 + 20 * i, 126, 40 + 20 * i, 173), 1.0) for i, ch in enumerate("理工作")]
    tall = [Token(ch, BBox(150 + 30 * i, 151, 180 + 30 * i, 195), 1.0) for i, ch in enumerate("建立")]
    rest = [Token(ch, BBox(210 + 30 * i, 152, 240 + 30 * i, 196), 1.0) for i, ch in enumerate("中小企业")]
    lines = ["".join(t.text for t in line) for line in cell_lines([*label, *tall, *rest], [GRID])]
    assert sorted(lines) == ["建立中小企业", "理工作"]
