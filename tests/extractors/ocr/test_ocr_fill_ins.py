"""Stage `join_wrapped_fill_ins`: a cover value wrapped onto a second line is joined, nothing else."""

from __future__ import annotations

from extractors.ocr.fill_ins import join_wrapped_fill_ins, starts_with_label
from extractors.pdf.drafts import DraftBlock
from extractors.pdf.lines import Line
from schema.document import BBox

SIZE = 16.0


def _line(text: str, x0: float, x1: float, top: float, page: int = 1) -> Line:
    return Line(text=text, bbox=BBox(x0, top, x1, top + SIZE), page=page, size=SIZE)


def _texts(drafts: list[DraftBlock]) -> list[str]:
    return [d.text for d in drafts if isinstance(d, Line)]


def test_a_wrapped_authority_name_is_joined_to_its_fill_in_line() -> None:
    drafts: list[DraftBlock] = [
        _line("县级行政区划中小企业主管部门（盖章）：谷城县经济信息化和商", 72, 520, 300),
        _line("务局", 72, 104, 322),
        _line("集群运营管理机构：谷城县医药产业园", 72, 400, 350),
    ]
    assert _texts(join_wrapped_fill_ins(drafts)) == [
        "县级行政区划中小企业主管部门（盖章）：谷城县经济信息化和商务局",
        "集群运营管理机构：谷城县医药产业园",
    ]


def test_short_lines_far_lines_indented_lines_and_labels_stay_apart() -> None:
    drafts: list[DraftBlock] = [
        _line("申报时间：2025年4月27日", 72, 300, 300),
        _line("备注", 72, 104, 322),  # the line before ended far from the right edge
        _line("联系人及联系电话：罗杰 0510-4398428 转 8123 办公室", 72, 520, 400),
        _line("工业和信息化部 制", 250, 390, 500),  # far below and centred
        _line("集群名称：浙江省余杭区五金工具产业集群与配套", 72, 520, 600),
        _line("集群运营管理机构：某公司", 72, 300, 622),  # a label of its own
    ]
    assert len(_texts(join_wrapped_fill_ins(drafts))) == 6


def test_a_label_line_whose_colon_was_not_read_is_no_continuation() -> None:
    drafts: list[DraftBlock] = [
        _line("所在地区：浙江省（省、区、市）杭州（市）余杭区（县）", 72, 520, 300),
        _line("县级行政区划中小企业主管部门（盖章）余杭区经济和信息化局", 72, 480, 322),
    ]
    labels = ["县级行政区划中小企业主管部门"]
    assert len(join_wrapped_fill_ins(drafts, labels)) == 2
    assert len(join_wrapped_fill_ins(drafts)) == 1  # what the label knowledge prevents


def test_a_fill_in_line_whose_colon_was_not_read_is_known_by_its_label() -> None:
    drafts: list[DraftBlock] = [
        _line("县级行政区划中小企业主管部门(盖章) 江阴市经济信息化和商", 72, 520, 300),
        _line("务局", 72, 104, 322),
    ]
    assert _texts(join_wrapped_fill_ins(drafts, ["县级行政区划中小企业主管部门"])) == [
        "县级行政区划中小企业主管部门(盖章) 江阴市经济信息化和商务局"
    ]


def test_a_label_s_end_cut_off_by_the_page_does_not_begin_a_label() -> None:
    labels = ("其他绿色制造体系建设情况", "国家级绿色制造体系建设情况")
    assert starts_with_label("国家级绿色制造体系建设情况", labels)
    assert starts_with_label("国家级绿色制造体系建设惰况", labels)  # an OCR error
    assert not starts_with_label("制造体系建设情况", labels)
