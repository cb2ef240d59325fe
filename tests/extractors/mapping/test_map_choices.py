from __future__ import annotations

import pytest

from extractors.mapping.choices import Mark, surely_read_options, text_to_option_marks, text_to_option_reading
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH

YES_NO = {"yes": "是（需附情况说明）", "no": "否"}
T, E, U, A, N = Mark.TICKED, Mark.EMPTY, Mark.UNKNOWN, Mark.ABSENT, Mark.UNBOXED


@pytest.mark.parametrize(
    ("text", "yes", "no"),
    [
        ("□是（需附情况说明）\n■否", E, T),
        (f"{TICKED_GLYPH}是\n{EMPTY_GLYPH}否", T, E),
        ("☒是 □否", T, E),
        ("▇是 □否", T, E),
        ("√□是 □否", T, E),
        ("□√是 □否", T, E),
        ("□是√ □否", T, E),
        ("□是√□否", T, E),
        ("□是 √□否", E, T),
        ("□是 √否", E, T),
        (
            f"√是\n√否\n{UNKNOWN_GLYPH}",
            T,
            T,
        ),  # v12074 03_review_messy_pdf.pdf: ticks without boxes, one box unread
        ("√是 否", T, E),
        ("是 √否", E, T),
        ("是✓ 否", T, E),
        ("□是  ■否", E, T),
        ("□是 □否", E, E),
        ("否", A, T),
        ("□是（需附情况说明）√\n□否", T, E),
        (f"{UNKNOWN_GLYPH}是 {UNKNOWN_GLYPH}否", U, U),
        ("■是 ■否", T, T),
        ("□否", A, E),
        ("□否 ■", U, E),  # a tick whose option text was not read: it may be the unread option's
        (f"□是（需附情况说明）\n{UNKNOWN_GLYPH}", E, U),
        ("□是（需附情况说明） □否 □", E, E),  # an empty box alone changes nothing
        (f"□是（需附情况说明）\n■否\n{UNKNOWN_GLYPH}", U, T),  # a mark nobody could place
        ("是  否（如涉及，需提供佐证材料）", N, N),
    ],
)
def test_yes_no_marks(text: str, yes: Mark, no: Mark) -> None:
    assert text_to_option_marks(text, YES_NO) == {"yes": yes, "no": no}


def test_multi_choice_with_prompt_note_and_two_columns() -> None:
    options = {"info": "信息服务", "coach": "创业辅导", "innov": "创新支持", "train": "人员培训"}
    text = "集群已提供的中小企业公共服务：\n☑信息服务 □创业辅导\n■创新支持\n\n□人员培训\n（注：勾选需提供佐证材料）"
    assert text_to_option_marks(text, options) == {"info": T, "coach": E, "innov": T, "train": E}


def test_option_text_slightly_altered_by_filer_still_matches() -> None:
    options = {
        "mapping": "绘制产业链图谱，开展产业链培育",
        "risk": "开展供应链风险评估工作，建立供应链风险防范机制",
    }
    text = "■绘制产业链图谱、开展产业链的培育\n□开展供应链风险评估工作，建立供应链风险防范机制"
    assert text_to_option_marks(text, options) == {"mapping": T, "risk": E}


def test_short_option_written_alone() -> None:
    options = {"yes": "是", "no": "否", "not_applicable": "非高耗能行业，不适用"}
    assert text_to_option_marks("□是 □否 ■不适用", options)["not_applicable"] is T


@pytest.mark.parametrize(
    ("text", "marks", "placed"),
    [
        ("☑旦 ☐否（如涉及，需提供佐证材料）", {"yes": T, "no": E}, ("yes",)),  # 是 misread under a tick
        ("☐是 ☑吾", {"yes": E, "no": T}, ("no",)),
        ("☑否 ■旦", {"yes": U, "no": T}, ()),  # out of the printed order: not placed
        ("☑旦 ☐吾", {"yes": U, "no": U}, ()),  # two options unread: nothing to place by
    ],
)
def test_a_box_with_unread_text_where_the_one_unread_option_is_printed_is_that_option(
    text: str, marks: dict[str, Mark], placed: tuple[str, ...]
) -> None:
    reading = text_to_option_reading(text, {"yes": "是", "no": "否"})
    assert (reading.marks, reading.placed) == (marks, placed)


def test_placed_option_among_many_options() -> None:
    options = {"info": "信息服务", "coach": "创业辅导", "innov": "创新支持", "train": "人员培训"}
    reading = text_to_option_reading("☑信息服务 □创业辅导\n■剑新攴持\n□人员培训", options)
    assert reading.marks == {"info": T, "coach": E, "innov": T, "train": E}
    assert reading.placed == ("innov",)


def test_a_box_glyph_inside_an_option_s_text_beside_its_empty_box_is_no_tick() -> None:
    """`“赛马”` read as `“赛☑”` in an option whose own box is empty: undecided, for the operator."""
    options = {"list": "形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制"}
    text = "☐形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛☑”或众创众包等激励机制"
    assert text_to_option_marks(text, options) == {"list": U}


def test_a_tick_written_after_an_option_s_text_ticks_it_whatever_was_read_inside_the_text() -> None:
    options = {"list": "形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制"}
    text = "☐形成产业链技术难点清单或创新项目库，建立“揭榜\n☑帅”、“赛马”或众创众包等激励机制√"
    assert text_to_option_marks(text, options) == {"list": T}


SHARING = {
    "equipment": "开展通用生产设备共享",
    "services": "开展物流、仓储、设计等服务资源共享",
    "hr": "开展人力资源共享",
}


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        # pairs6161 00_application_clean (paper): √□ written by the filer, the √ read as an unread mark
        (
            f"☑开展通用生产设备共享\n☐开展物流、仓储、设计等服务资源共享\n{UNKNOWN_GLYPH}_☑开展人力资源共享",
            (T, E, T),
        ),
        # pairs6161 04_application_clean (paper): the √'s strokes read as 二
        (
            f"{UNKNOWN_GLYPH}二☑开展通用生产设备共享\n☐开展物流、仓储、设计等服务资源共享\n☐开展人力资源共享",
            (T, E, E),
        ),
        # the box by the text read empty: the unread mark before it may be the tick
        (
            f"☑开展通用生产设备共享\n{UNKNOWN_GLYPH}☐开展物流、仓储、设计等服务资源共享\n☐开展人力资源共享",
            (T, U, E),
        ),
        # pairs6161 06_application_messy (fax): the unread mark is the box of the option not read
        (f"{UNKNOWN_GLYPH}☐开展物流、仓储、设计等服务资源共享☐开展人力资源共享", (U, E, E)),
        # an unread mark with words after it is a box of its own: the unread option's, maybe
        (f"☐开展通用生产设备共享\n{UNKNOWN_GLYPH}其他\n☐开展人力资源共享", (E, U, E)),
    ],
)
def test_an_unread_mark_right_before_a_box_belongs_to_that_box(text: str, marks: tuple[Mark, ...]) -> None:
    assert tuple(text_to_option_marks(text, SHARING).values()) == marks


def test_the_options_read_surely_are_those_whose_every_box_was_read_above_the_threshold() -> None:
    text = f"☑开展通用生产设备共享\n☐开展物流、仓储、设计等服务资源共享\n{UNKNOWN_GLYPH}_☑开展人力资源共享"
    assert surely_read_options(text, SHARING, (True, False, True, False)) == {"services", "hr"}
    assert surely_read_options(text, SHARING, (False, False, False, True)) == {"equipment", "services"}
    assert surely_read_options(text, SHARING, (False, False, True, False)) == {"equipment", "services", "hr"}
    assert surely_read_options(text, SHARING, (False, False, False)) == frozenset()  # not one per box
    # a box that joined its option from an unread mark before it brings that mark's doubt
    joined = f"☑开展通用生产设备共享\n{UNKNOWN_GLYPH}☐开展物流、仓储、设计等服务资源共享\n☐开展人力资源共享"
    assert surely_read_options(joined, SHARING, (False, True, False, False)) == {"equipment", "hr"}


def test_a_box_placed_by_its_order_is_never_read_surely() -> None:
    # `☑旦 ☐否`: 是's words were not read; its box is placed by order, so it says nothing sure about 是
    assert text_to_option_reading("☑旦 ☐否", YES_NO).placed == ("yes",)
    assert surely_read_options("☑旦 ☐否", YES_NO, (False, False)) == {"no"}
