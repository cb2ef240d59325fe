"""Stage `mark_unread_cells`: a cell with written ink but no text read is marked unknown."""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.geometry import Grid, GridCell
from extractors.ocr.tokens import Token
from extractors.ocr.unread import (
    GlyphReader,
    lists_options,
    mark_unread_cells,
    read_lone_dashes,
    reread_doubtful_marks,
)
from schema.document import UNKNOWN_GLYPH, BBox, SealMark

PX_PER_MM = 5.9
CELLS = [BBox(0, 0, 200, 100), BBox(200, 0, 400, 100), BBox(400, 0, 600, 100), BBox(600, 0, 800, 100)]
GRID = Grid(BBox(0, 0, 800, 100), 1, 4, tuple(GridCell(0, c, 1, 1, box) for c, box in enumerate(CELLS)))


def reads_as(text: str) -> GlyphReader:
    """A glyph reader that reads every mark as `text`."""
    return lambda _box: (text, 0.95)


UNREADABLE = reads_as("")


def test_a_dash_nobody_read_is_marked_a_speck_a_read_cell_and_a_seal_are_not() -> None:
    free = np.zeros((100, 800), np.uint8)
    cv2.line(free, (40, 50), (70, 50), 255, 2)  # cell 0: a dash (5 mm), nothing read
    cv2.circle(free, (300, 50), 2, 255, -1)  # cell 1: a toner speck
    cv2.line(free, (440, 50), (470, 50), 255, 2)  # cell 2: read as text
    cv2.line(free, (640, 50), (670, 50), 255, 2)  # cell 3: under a seal
    read = [Token("无", BBox(430, 35, 480, 65), 1.0)]
    seal = SealMark(page=1, bbox=BBox(600, 0, 720, 100), confidence=0.9)
    (unread,) = mark_unread_cells(free, [GRID], read, [seal], PX_PER_MM, UNREADABLE)
    assert unread.text == "—" and unread.confidence < 0.85  # none, for the operator to confirm
    assert unread.doubt == "unread_ink"
    assert 38 <= unread.bbox.x0 <= 42 and unread.bbox.x1 <= 73


def test_written_ink_that_is_no_dash_is_unknown_unless_the_recogniser_reads_it_alone() -> None:
    free = np.zeros((100, 800), np.uint8)
    cv2.putText(free, "12", (40, 70), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 255, 2)
    (unread,) = mark_unread_cells(free, [GRID], [], [], PX_PER_MM, UNREADABLE)
    assert unread.text == UNKNOWN_GLYPH and unread.confidence == 0.0
    (read,) = mark_unread_cells(free, [GRID], [], [], PX_PER_MM, reads_as("12"))
    assert read.text == "12" and read.confidence < 0.85 and read.bbox.x0 <= 42 and read.bbox.x1 >= 70
    assert read.doubt == unread.doubt == "unread_ink"


def test_a_word_of_the_next_row_touching_the_cell_s_edge_does_not_count_as_read() -> None:
    free = np.zeros((200, 800), np.uint8)
    cv2.line(free, (40, 50), (70, 50), 255, 2)
    below = [Token("数", BBox(30, 99, 60, 140), 1.0)]  # the row below, its box touching this cell
    assert len(mark_unread_cells(free, [GRID], below, [], PX_PER_MM, UNREADABLE)) == 1


def test_the_tail_of_a_tick_crossing_into_an_empty_cell_is_the_next_cell_s() -> None:
    free = np.zeros((100, 800), np.uint8)
    tick = np.array([(180, 50), (190, 70), (230, 20)], np.int32)  # drawn over the wall at x=200
    cv2.polylines(free, [tick], False, 255, 3)
    free[:, 197:204] = 0  # the wall, removed with its margin
    read = [Token("☑", BBox(232, 30, 250, 48), 0.9), Token("是", BBox(252, 25, 273, 54), 1.0)]
    assert mark_unread_cells(free, [GRID], read, [], PX_PER_MM, UNREADABLE) == []
    free[:, 204:215] = 0  # the same tail with nothing beyond the wall is this cell's own
    assert len(mark_unread_cells(free, [GRID], read, [], PX_PER_MM, UNREADABLE)) == 1


def option_cell_with_lone_marks() -> tuple[np.ndarray, list[Token]]:
    """An option cell: ☐开展 with a lone √ under it (nobody read), and a √ beside ☑是."""
    free = np.zeros((100, 800), np.uint8)
    cv2.polylines(free, [np.array([(60, 80), (66, 90), (78, 70)], np.int32)], False, 255, 2)  # a lone √
    cv2.polylines(free, [np.array([(120, 30), (126, 40), (138, 22)], np.int32)], False, 255, 2)  # beside ☑
    read = [
        Token("☐", BBox(20, 20, 38, 38), 1.0),
        *(Token(ch, BBox(40 + 21 * i, 15, 60 + 21 * i, 44), 1.0) for i, ch in enumerate("开展")),
        Token("☑", BBox(140, 20, 158, 38), 0.9),
        Token("是", BBox(160, 15, 181, 44), 1.0),
    ]
    return free, read


def test_a_mark_nobody_read_in_an_option_cell_is_unknown_a_tick_beside_a_ticked_box_is_not() -> None:
    free, read = option_cell_with_lone_marks()
    (unread,) = mark_unread_cells(free, [GRID], read, [], PX_PER_MM, reads_as("口"))
    assert unread.text == UNKNOWN_GLYPH and 58 <= unread.bbox.x0 <= 62


def test_a_mark_nobody_read_that_reads_as_a_tick_by_itself_is_a_tick_for_the_operator() -> None:
    free, read = option_cell_with_lone_marks()
    for reading in ("√", "V"):
        (unread,) = mark_unread_cells(free, [GRID], read, [], PX_PER_MM, reads_as(reading))
        assert unread.text == "√" and unread.confidence < 0.85 and 58 <= unread.bbox.x0 <= 62


def test_an_option_nobody_read_that_reads_as_chinese_by_itself_is_its_text() -> None:
    free = np.zeros((100, 800), np.uint8)
    cv2.rectangle(free, (70, 22), (80, 36), 255, 2)  # 否, in two parts: 不 above 口
    cv2.line(free, (68, 18), (82, 18), 255, 2)
    read = [Token("☑", BBox(20, 20, 38, 38), 1.0), Token("是", BBox(40, 15, 60, 44), 1.0)]
    (unread,) = mark_unread_cells(free, [GRID], read, [], PX_PER_MM, reads_as("否"))
    assert unread.text == "否" and unread.bbox.y0 <= 18 and unread.bbox.y1 >= 36


def test_a_cell_lists_options_with_two_boxes_or_one_opening_a_line() -> None:
    cell = BBox(0, 0, 400, 100)
    opening = [Token("☐", BBox(6, 20, 24, 38), 1.0), Token("开", BBox(26, 15, 47, 44), 1.0)]
    inside_text = [Token("有", BBox(100, 15, 121, 44), 1.0), Token("☑", BBox(122, 20, 140, 38), 1.0)]
    assert lists_options(opening, cell) and not lists_options(inside_text, cell)
    assert lists_options([*inside_text, Token("☐", BBox(200, 20, 218, 38), 1.0)], cell)


def test_a_doubtful_mark_after_an_option_that_reads_as_a_tick_alone_is_a_tick() -> None:
    box = Token("☐", BBox(20, 20, 38, 38), 1.0)
    words = [Token(ch, BBox(40 + 21 * i, 15, 60 + 21 * i, 44), 1.0) for i, ch in enumerate("攻关")]
    comma = Token("、", BBox(82, 15, 102, 44), 0.55)  # a hand √ read as 、
    sure = Token("、", BBox(150, 15, 170, 44), 0.98)
    read = reread_doubtful_marks([box, *words, comma, sure], [GRID], reads_as("√"))
    assert [t.text for t in read] == ["☐", "攻", "关", "√", "、"] and read[3].confidence < 0.85
    assert reread_doubtful_marks([*words, comma], [GRID], reads_as("√"))[-1].text == "、"  # no options
    assert reread_doubtful_marks([box, *words, comma], [GRID], reads_as("、"))[-1].text == "、"
    (word,) = reread_doubtful_marks([box, comma], [GRID], lambda _box: ("否", 0.8))[1:]
    assert word.text == "否" and word.confidence < 0.85  # an option word a tick ran into, read as `.`


def test_a_lone_one_filling_a_cell_is_the_filer_s_dash_one_among_other_text_is_not() -> None:
    lone = Token("一", BBox(30, 40, 60, 60), 0.98)
    counted = [Token("一", BBox(230, 40, 260, 60), 0.98), Token("个", BBox(262, 40, 290, 60), 0.99)]
    read = read_lone_dashes([lone, *counted], [GRID])
    assert [(t.text, t.confidence) for t in read] == [("—", 0.7), ("一", 0.98), ("个", 0.99)]
