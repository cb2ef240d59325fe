"""Pixel stages on small synthetic images: ruling grids, checkbox decisions, seals, deskew, rotation."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from ocr_drawing import BOX, blank, draw_box, draw_enclosed_character, draw_grid, draw_seal

from extractors.ocr.beside_ticks import attached_mark
from extractors.ocr.geometry import Image, TickBox, TickState
from extractors.ocr.numeric import NumberCells, restrict_numbers
from extractors.ocr.page import page_to_ruling
from extractors.ocr.preprocess import (
    deskew,
    despeckle,
    estimate_skew,
    gray_to_faint_ink,
    gray_to_ink,
    page_to_gray,
    quarter_turns,
    rotate,
    upright,
)
from extractors.ocr.ruling import Ruling, drop_seal_arcs, ink_to_ruling, ruling_to_grids
from extractors.ocr.runs import longest_run, row_runs
from extractors.ocr.seals import outer_ring, page_to_seals
from extractors.ocr.ticks import box_to_tick, distinct_boxes, ink_to_boxes, page_to_ticks
from extractors.ocr.tokens import ticks_to_tokens
from schema.catalog import load_field_catalogue
from schema.document import BBox, Cell, Paragraph, SealMark, Table

XS = [100, 400, 700, 1000]
YS = [200, 300, 400, 500]


def _stages(page: Image) -> tuple[Image, Ruling]:
    ink = despeckle(gray_to_ink(page_to_gray(page)))
    return ink, ink_to_ruling(ink)


def test_grid_rows_columns_and_a_merged_cell() -> None:
    page = blank()
    draw_grid(page, XS, YS, merged=(1, 1))
    _, ruling = _stages(page)
    grids = ruling_to_grids(ruling)
    assert len(grids) == 1
    grid = grids[0]
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in grid.cells}
    assert spans[(1, 1)] == (1, 2)
    assert (1, 2) not in spans
    assert len(grid.cells) == 8
    assert abs(grid.cells[0].bbox.x0 - 100) <= 2 and abs(grid.cells[-1].bbox.y1 - 500) <= 2


def test_underline_without_verticals_is_no_table() -> None:
    page = blank()
    cv2.line(page, (100, 300), (900, 300), (0, 0, 0), 2)
    _, ruling = _stages(page)
    assert ruling_to_grids(ruling) == []


def test_a_one_row_table_lower_than_a_line_is_a_grid_strokes_between_rules_are_not_walls() -> None:
    page = blank()
    draw_grid(page, [100, 400, 1100], [200, 235])  # one row, 5 mm high at 7 px/mm
    for y in (400, 441):  # two rules with a character's stroke (long enough) between them, not touching
        cv2.line(page, (100, y), (1100, y), (0, 0, 0), 2)
    cv2.line(page, (300, 406), (300, 435), (0, 0, 0), 2)
    _, ruling = _stages(page)
    (grid,) = ruling_to_grids(ruling)
    assert (grid.n_rows, grid.n_cols) == (1, 2) and abs(grid.bbox.y0 - 200) <= 3


def test_a_table_of_thin_grey_rules_is_found_whole() -> None:
    """A washed-out scan: grey text, rules lighter still (the ordinary ink threshold loses them)."""
    page = blank()
    for y in (200, 260, 320, 380):
        cv2.line(page, (100, y), (1100, y), (215, 215, 215), 1)
    for x in (100, 500, 1100):
        cv2.line(page, (x, 200), (x, 380), (215, 215, 215), 1)
    for n in range(20):
        cv2.putText(
            page, "label text", (120, 500 + 50 * n), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (150, 150, 150), 3
        )
    gray = page_to_gray(page)
    assert ruling_to_grids(ink_to_ruling(gray_to_ink(gray))) == []
    (grid,) = ruling_to_grids(page_to_ruling(gray_to_faint_ink(gray), ()))
    assert (grid.n_rows, grid.n_cols) == (3, 2)


def test_bold_characters_whose_strokes_run_together_make_no_ruling_line() -> None:
    page = blank()
    draw_grid(page, [100, 1100], [200, 400])
    for n in range(6):  # bold characters: bodies above, their bottom strokes run into one 14 mm run
        x = 200 + 26 * n
        cv2.rectangle(page, (x + 4, 250), (x + 20, 268), (0, 0, 0), -1)
        cv2.line(page, (x + 12, 268), (x + 12, 285), (0, 0, 0), 3)
    cv2.line(page, (200, 272), (356, 272), (0, 0, 0), 3)
    _, ruling = _stages(page)
    rows = np.flatnonzero(ruling.horizontal[:, 150:1050].any(axis=1))
    assert rows.min() >= 190 and rows.max() <= 410 and not ruling.horizontal[260:290, 200:360].any()
    (grid,) = ruling_to_grids(ruling)
    assert grid.n_rows == 1


def _ticks(marks: list[str], pitch: int = 60, label_to_wall: bool = False) -> list[TickState]:
    """The decided boxes of an option cell (wall at x=400) holding one box per mark at x=420;
    `label_to_wall`: the label cell's text runs up to the wall beside every box."""
    page = blank()
    draw_grid(page, [100, 400, 1100], [200, 240 + pitch * len(marks)])
    for n in range(len(marks)) if label_to_wall else ():
        cv2.putText(page, "WM", (340, 238 + pitch * n), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
    for n, mark in enumerate(marks):
        draw_box(page, 420, 220 + pitch * n, mark)
        cv2.putText(
            page, "option", (420 + BOX + 8, 236 + pitch * n), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1
        )
    ink, ruling = _stages(page)
    grids = ruling_to_grids(ruling)
    ticks = page_to_ticks(ink, ruling.lines, grids, ruling.px_per_mm)
    return [t.state for t in sorted(ticks, key=lambda t: t.bbox.y0)]


def test_tick_decisions_from_ink_inside_the_box() -> None:
    states = _ticks(["", "tick", "cross", "fill"])
    assert states == [TickState.EMPTY, TickState.TICKED, TickState.TICKED, TickState.TICKED]


def test_a_blot_inside_a_box_is_that_box_ticked_not_a_second_box() -> None:
    assert _ticks(["low_fill", ""]) == [TickState.TICKED, TickState.EMPTY]
    box, inner, beside = BBox(409, 1022, 430, 1045), BBox(411, 1034, 423, 1045), BBox(440, 1022, 461, 1045)
    assert distinct_boxes([inner, box, beside]) == [box, beside]


def test_a_printed_cross_box_is_a_ticked_box_not_a_character() -> None:
    assert _ticks(["printed_cross", ""]) == [TickState.TICKED, TickState.EMPTY]


# A hand × in pen on a 200 dpi scan (variety scan, page 3): thick arms filling most of the box.
SCANNED_PEN_CROSS = """
1111111111111111111111111
111111.............111111
1111111...........1111111
11111111.........11111111
111111111.......111111111
1111111111.....1111111111
11111111111...111111111.1
1..111111111.111111111..1
1...11111111111111111...1
1....111111111111111....1
1.....1111111111111.....1
1......11111111111......1
1.......111111111.......1
1......11111111111......1
1.....1111111111111.....1
1....111111111111111....1
1...11111111111111111...1
1..111111111.111111111..1
1.111111111...111111111.1
1111111111.....1111111111
11111111........111111111
11111111.........11111111
1111111...........1111111
111111.............111111
1111111111111111111111111
"""


def _fixture_free(pattern: str) -> Image:
    free = np.zeros((80, 80), np.uint8)
    for y, line in enumerate(pattern.strip().splitlines()):
        for x, ch in enumerate(line):
            free[20 + y, 20 + x] = 255 if ch == "1" else 0
    return free


def test_a_thick_hand_cross_is_a_ticked_box() -> None:
    (box,) = ink_to_boxes(_fixture_free(SCANNED_PEN_CROSS), 1654 / 210)
    assert 19 <= box.x0 <= 21 and 19 <= box.y0 <= 21


# The ink of a printed ☒ on a 150 dpi JPEG scan (sample review scan, page 4): the bold × merges
# with the sides, so two rows of the inside are inked across (as in 国), yet it is a box.
SCANNED_CROSS = """
..11111111111111111
..11111111111111111
..111111......11111
..111111.....111111
..1111111...1111111
..1111111111111.111
..111..1111111..111
..111...11111...111
..111...11111....11
..111..1111111..111
..111.111111111.111
..111111111...11111
..1111111.....11111
..111111......11111
..11111111111111111
..11111111111111111
...1111111111111111
"""


def test_a_scanned_printed_cross_is_found_as_a_box() -> None:
    (box,) = ink_to_boxes(_fixture_free(SCANNED_CROSS), 1240 / 210)
    assert 20 <= box.x0 <= 23 and 19 <= box.y0 <= 21


def test_a_tick_reaching_up_under_the_box_above_leaves_that_box_found() -> None:
    states = _ticks(["tick", "tall_tick", ""], pitch=30)
    assert states == [TickState.TICKED, TickState.TICKED, TickState.EMPTY]


def test_a_tick_drawn_beside_the_box_ticks_it_a_straight_stroke_before_is_no_box() -> None:
    assert _ticks(["beside", "", "beside"]) == [TickState.TICKED, TickState.EMPTY, TickState.TICKED]
    assert _ticks(["stroke_before", ""]) == [TickState.EMPTY]


def test_a_tick_beside_a_box_opening_its_cell_ticks_it_whatever_the_cell_left_of_it_holds() -> None:
    assert _ticks(["beside", "", "beside"], label_to_wall=True) == [
        TickState.TICKED,
        TickState.EMPTY,
        TickState.TICKED,
    ]
    assert _ticks(["in_character", ""]) == [TickState.EMPTY]


def test_a_toner_speck_in_the_middle_of_a_box_leaves_it_empty_at_low_confidence() -> None:
    page = blank()
    draw_grid(page, [100, 400, 1100], [200, 300])
    draw_box(page, 420, 240, "blob")
    ink, ruling = _stages(page)
    (tick,) = page_to_ticks(ink, ruling.lines, ruling_to_grids(ruling), ruling.px_per_mm)
    assert tick.state is TickState.EMPTY and tick.confidence < 0.85


def test_the_option_s_first_character_rising_above_the_box_is_not_ink_over_the_box() -> None:
    assert _ticks(["tall_character_after"]) == [TickState.EMPTY]


def test_a_faint_mark_is_unknown_never_a_guess() -> None:
    assert _ticks(["speck"]) == [TickState.UNKNOWN]


def test_enclosed_character_and_label_column_are_not_boxes() -> None:
    page = blank()
    draw_grid(page, [100, 400, 1100], [200, 300])
    draw_enclosed_character(page, 420, 240)
    draw_box(page, 150, 240)  # first column: a label cell, never options
    ink, ruling = _stages(page)
    grids = ruling_to_grids(ruling)
    assert page_to_ticks(ink, ruling.lines, grids, ruling.px_per_mm) == []


def test_red_round_seal_found_red_square_and_dot_ignored() -> None:
    page = blank()
    draw_seal(page, (600, 800))
    cv2.rectangle(page, (100, 100), (400, 400), (40, 40, 215), -1)
    cv2.circle(page, (900, 300), 10, (40, 40, 215), -1)
    seals = page_to_seals(page, 3)
    assert len(seals) == 1
    seal = seals[0]
    assert seal.page == 3
    assert abs((seal.bbox.x0 + seal.bbox.x1) / 2 - 600) < 5
    assert seal.confidence > 0.8


def test_seal_on_a_grey_scan_found_by_its_ring_a_table_is_not_a_seal() -> None:
    page = blank()
    draw_grid(page, XS, YS)
    draw_seal(page, (600, 900))
    cv2.putText(page, "county seal", (520, 905), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 0), 2)
    grey = cv2.cvtColor(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    seals = page_to_seals(grey, 2, page_to_gray(grey))
    assert len(seals) == 1 and seals[0].page == 2
    assert abs((seals[0].bbox.x0 + seals[0].bbox.x1) / 2 - 600) < 8
    assert abs(seals[0].bbox.width - 236) < 20
    assert all(type(v) is float for v in seals[0].bbox.as_tuple())  # a record serialises it as JSON
    unsealed = cv2.cvtColor(cv2.cvtColor(blank(), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    draw_grid(unsealed, XS, YS)
    assert page_to_seals(unsealed, 2, page_to_gray(unsealed)) == []


def test_seal_fades_out_of_the_ink() -> None:
    page = blank()
    draw_seal(page, (600, 800))
    assert not gray_to_ink(page_to_gray(page)).any()


@pytest.mark.parametrize("angle", [1.5, -2.0])
def test_deskew_finds_and_removes_a_small_rotation(angle: float) -> None:
    page = blank()
    draw_grid(page, XS, YS)
    skewed = rotate(page, angle)
    assert estimate_skew(gray_to_ink(page_to_gray(skewed))) == pytest.approx(angle, abs=0.2)
    straight, applied = deskew(skewed)
    assert applied == pytest.approx(-angle, abs=0.2)
    assert abs(estimate_skew(gray_to_ink(page_to_gray(straight)))) < 0.2


def test_page_turned_by_90_degrees_is_turned_back() -> None:
    page = blank()
    for y in range(150, 1600, 40):
        cv2.putText(page, "text line " * 6, (100, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
    turned = cv2.rotate(page, cv2.ROTATE_90_COUNTERCLOCKWISE)
    fixed, turn = upright(turned)
    assert turn == 90
    assert fixed.shape == page.shape
    assert upright(page)[1] == 0
    square = np.ascontiguousarray(turned[:, 200:1440])  # a crop near square: judged by its lines
    assert square.shape[0] == square.shape[1] and upright(square)[1] == 90


def test_paper_darkening_across_the_page_is_flattened_before_the_ink_threshold() -> None:
    page = blank()
    draw_grid(page, XS, YS)
    shade = np.linspace(1.0, 0.55, page.shape[1])[None, :, None]
    page = (page.astype(np.float64) * shade).astype(np.uint8)
    page[page < 100] = 110  # faded print, darker than the paper around it only
    gray = page_to_gray(page)
    assert abs(int(gray[50, 50]) - int(gray[50, 1200])) <= 10
    _, ruling = _stages(page)
    grids = ruling_to_grids(ruling)
    assert [(g.n_rows, g.n_cols) for g in grids] == [(3, 3)]


def test_a_box_whose_corner_a_tick_crosses_and_whose_bottom_has_a_gap_is_found() -> None:
    free = np.zeros((120, 160), np.uint8)
    x0, y0, x1, y1 = 60, 40, 99, 78  # a 300 dpi box: 1 px sides
    cv2.rectangle(free, (x0, y0), (x1, y1), 255, 1)
    cv2.line(free, (x0 - 4, y0), (x0, y0), 255, 1)  # the tick's tail runs on along the top side
    cv2.line(free, (x0 - 4, y0), (x0 - 30, y0 + 32), 255, 6)  # the tick, left of the box
    free[y1, x0 + 2 : x0 + 4] = 0  # a gap in the bottom side
    (box,) = ink_to_boxes(free, 1654 / 210 * 1.5)
    assert abs(box.x0 - x0) <= 3 and box.y0 == y0 and abs(box.x1 - x1) <= 3


def _attached(draw: str) -> float:
    free = np.zeros((120, 160), np.uint8)
    cv2.rectangle(free, (60, 40), (78, 58), 255, 2)
    if draw == "tick_into_corner":
        cv2.polylines(free, [np.array([(30, 48), (42, 66), (62, 36)], np.int32)], False, 255, 3)
    if draw == "stroke_before":
        cv2.line(free, (54, 38), (54, 60), 255, 2)  # a character's stroke, a gap before the box
    if draw == "text_run_into_right_side":
        cv2.line(free, (79, 45), (95, 45), 255, 2)
    return attached_mark(free, BBox(60, 40, 79, 59))


def test_ink_joined_to_a_box_from_the_left_is_a_mark_a_gap_or_the_right_side_is_not() -> None:
    assert _attached("tick_into_corner") >= 0.10
    assert _attached("") == _attached("stroke_before") == _attached("text_run_into_right_side") == 0.0


def test_a_seal_ring_on_a_grey_scan_adds_no_ruling_to_the_table_under_it() -> None:
    xs, ys = [100, 400, 700, 1000], [700, 760, 820, 880, 940, 1000]
    page = blank()
    draw_grid(page, xs, ys)
    draw_seal(page, (560, 850), radius=100)
    grey = cv2.cvtColor(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    gray = page_to_gray(grey)
    ink = despeckle(gray_to_ink(gray))
    seals = page_to_seals(grey, 1, gray)
    assert len(seals) == 1
    (grid,) = ruling_to_grids(drop_seal_arcs(ink_to_ruling(ink), seals))
    assert (grid.n_rows, grid.n_cols) == (5, 3)
    spoiled = ruling_to_grids(ink_to_ruling(ink))  # what the ring's straight parts did to it
    assert [(g.n_rows, g.n_cols) for g in spoiled] != [(5, 3)]


def test_a_short_wall_under_a_seal_stays_a_piece_of_its_ring_goes() -> None:
    vertical = np.zeros((400, 400), np.uint8)
    vertical[150:250, 199:202] = 255  # a cell wall under the seal's middle
    vertical[160:240, 299:302] = 255  # the ring's right side (radius 100 around (200, 200))
    ruling = Ruling(horizontal=np.zeros_like(vertical), vertical=vertical, px_per_mm=5.9)
    seal = SealMark(page=1, bbox=BBox(100, 100, 300, 300), confidence=0.9)
    kept = drop_seal_arcs(ruling, [seal]).vertical
    assert kept[200, 200] == 255 and kept[200, 300] == 0


def test_a_portrait_scan_is_never_turned_a_landscape_one_always() -> None:
    wide = blank(1754, 1240)
    for y in range(150, 1100, 40):
        cv2.putText(wide, "text line " * 9, (100, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
    portrait = cv2.rotate(wide, cv2.ROTATE_90_CLOCKWISE)  # its lines run down the page
    assert quarter_turns(gray_to_ink(page_to_gray(portrait))) == 1  # what the lines alone say
    assert upright(portrait)[1] == 0
    assert upright(blank(1754, 1240))[1] == 90


def test_longest_run_is_the_longest_stretch_of_ink_along_any_row() -> None:
    region = np.array([[1, 1, 0, 1, 1, 1, 0], [0, 1, 1, 1, 1, 0, 1]], bool)
    assert longest_run(region) == 4 and longest_run(region.T) == 2
    assert longest_run(np.zeros((3, 0), bool)) == 0 and longest_run(np.zeros((2, 5), bool)) == 0
    assert row_runs(region).tolist() == [3, 4]


def test_a_scan_s_edge_shadow_is_no_ruling_line() -> None:
    page = blank()
    page[300:800, 0:12] = 90  # the scanner lid's shadow down the left edge
    page[0:8, 200:1000] = 90  # and along the top
    draw_grid(page, [100, 400, 1100], [200, 300])
    _, ruling = _stages(page)
    assert not ruling.vertical[:, :20].any() and not ruling.horizontal[:15, :].any()
    assert len(ruling_to_grids(ruling)) == 1


# The ink of a bold 150 dpi scan (ruling removed; variety set, seed 71, page 3): the box opens its cell
# 1.5 mm from the wall (x=19 here, removed with its margin); the √'s point lies beyond the wall, its
# stroke runs into the box's thick left side.
TICK_OVER_WALL = """
....................................................
....................................................
....................................................
....................................................
....................................................
...........................1111111111111111111......
..........................1111111111111111111111....
..........................11111111111111111111111..1
.........................111111111111111111111111.11
.........111............11111111.............1111.11
........1111............11111111.............1111.11
........1111...........111111111.............1111.11
.........111..........1111111111.............1111.11
.........111..........1111111111.............1111.11
.........111..........1111111111.............1111111
..........11..........1111111111.............1111111
..........11..........1111111111.............1111111
...........1..........1111..1111.............1111111
...........1..........1111..1111.............1111111
......................111...1111.............1111111
......................11....1111.............1111..1
......................1.....1111.............1111.11
......................1.....111111111111111111111.11
............................111111111111111111111111
.............................11111111111111111111111
..............................1111111111111111111111
................................................1111
.................................................111
"""


def test_a_bold_tick_over_the_cell_wall_and_into_the_box_s_side_ticks_it() -> None:
    tick = box_to_tick(_fixture_free(TICK_OVER_WALL), BBox(48, 25, 65, 42), wall=39)
    assert tick.state is TickState.TICKED


def test_a_grey_seal_is_its_outer_ring_whatever_radius_the_circle_transform_kept() -> None:
    """The transform keeps one radius per centre, often the thin inner ring's: the seal reaches to
    the outermost inked ring with clear paper outside it."""
    ink = np.zeros((400, 400), np.uint8)
    cv2.circle(ink, (200, 200), 100, 255, 8)
    cv2.circle(ink, (200, 200), 68, 255, 2)
    ring = outer_ring(ink, (200.0, 200.0), range(40, 150), 8.0)
    assert ring is not None and 96 <= ring[0] <= 104 and ring[1] > 0.9
    assert outer_ring(np.zeros_like(ink), (200.0, 200.0), range(40, 150), 8.0) is None


def test_a_repaired_number_is_doubted_as_repaired_with_what_the_engine_read() -> None:
    numbers = NumberCells.from_catalogue(load_field_catalogue())
    label = Cell(0, 0, blocks=(Paragraph("集群总产值（亿元）", 0),))
    value = Cell(0, 1, blocks=(Paragraph("108.4.5", 1, confidence=0.98),), confidence=0.98)
    table = Table(0, 1, 2, (label, value))
    (restricted,) = restrict_numbers((table,), numbers)
    assert isinstance(restricted, Table)
    (line,) = restricted.cells[1].paragraphs
    assert (line.text, line.doubt, line.read_as) == ("108.45", "repaired", "108.4.5")
    assert line.confidence is not None and line.confidence < 0.85
    assert restricted.cells[1].doubt == "repaired" and restricted.cells[1].read_as == "108.4.5"


def test_a_box_token_carries_the_box_doubt() -> None:
    (token,) = ticks_to_tokens([TickBox(BBox(0, 0, 10, 10), TickState.UNKNOWN, 0.0)])
    assert (token.text, token.doubt) == ("⍰", "box_uncertain")
