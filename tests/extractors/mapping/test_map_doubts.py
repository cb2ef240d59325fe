"""`read_low`: a scanned choice is doubted by a doubted mark of one of its options, not by the lowest
score of anything in its cell; other values by their lowest score."""

from __future__ import annotations

from extractors.mapping.doubts import read_low
from schema.catalog import load_field_catalogue
from schema.document import UNKNOWN_GLYPH
from schema.record import Provenance

SPECS = load_field_catalogue().by_id()
SHARING = SPECS["industry.resource_sharing_actions"]
LINES = (
    "开展通用生产设备共享",
    "开展物流、仓储、设计等服务资源共享",
    "开展人力资源共享",
    "开展同类设备和产品的集中采销",
)
THRESHOLD = 0.85


def read(confidence: float, doubts: tuple[bool, ...] | None) -> Provenance:
    return Provenance(source="ocr", confidence=confidence, doubt="box_uncertain", mark_doubts=doubts)


def cell(*marks: str) -> str:
    return "\n".join(mark + line for mark, line in zip(marks, LINES, strict=True))


def test_an_unread_mark_before_a_ticked_box_is_no_doubt_about_the_choice() -> None:
    # pairs6161 00_application_clean: `⍰_☑开展人力资源共享`, the ⍰ (a √ written before the box) at 0.0
    raw = cell("☑", "☐", f"{UNKNOWN_GLYPH}_☑", "☑")
    assert not read_low(SHARING, read(0.0, (False, False, True, False, False)), THRESHOLD, raw)


def test_a_doubted_box_or_tick_mark_of_an_option_doubts_the_choice() -> None:
    raw = cell("☑", "☐", "☐", "☑")
    assert read_low(SHARING, read(0.5, (False, False, False, True)), THRESHOLD, raw)
    ticked_after = raw.replace("资源共享\n☐开展人力", "资源共享√\n☐开展人力")  # a hand √ read at a low score
    assert read_low(SHARING, read(0.5, (False, False, True, False, False)), THRESHOLD, ticked_after)


def test_without_each_marks_doubt_the_lowest_score_decides() -> None:
    raw = cell("☑", "☐", "☐", "☑")
    assert read_low(SHARING, read(0.5, None), THRESHOLD, raw)
    assert read_low(SHARING, read(0.5, (False, False, False)), THRESHOLD, raw)  # not one per mark
    assert not read_low(SHARING, read(0.9, None), THRESHOLD, raw)
    assert read_low(SPECS["basic.cluster_name"], read(0.5, (False,)), THRESHOLD, "集群☐")
