"""Stage `join_body_lines`: body lines (outside tables) wrapped by the page layout rejoined.

The right edge of the text area is not in the PDF; justified paragraphs (填报说明) end their lines
exactly there, so it is the line end shared by the most body lines (at least `MIN_SHARED`).
Cover lines are `label：value` lines that may fill the width too, so a line holding a label colon
never continues the one before it. Consecutive lines of one page are joined with the same
rule as in cells (`lines.continues`): the next line's first piece would not have fitted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from extractors.pdf.drafts import DraftBlock
from extractors.pdf.lines import Line, continues, join_lines

MIN_SHARED = 3
_LABEL_COLONS = ("：", ":")
EDGE_SLACK = 0.5
OVERLAID = 0.5


def body_right_edge(drafts: list[DraftBlock]) -> float | None:
    """Given the document's drafts, return the line end most body lines share (None if too few do)."""
    ends = Counter(round(block.tail_x1) for block in drafts if isinstance(block, Line))
    common = [(count, end) for end, count in ends.items() if count >= MIN_SHARED]
    if not common:
        return None
    _, end = max(common)
    return end + EDGE_SLACK


def join_body_lines(drafts: list[DraftBlock]) -> list[DraftBlock]:
    """Given the document's drafts, return them with wrapped body lines joined into one line each."""
    right = body_right_edge(drafts)
    if right is None:
        return drafts
    return join_consecutive_lines(
        drafts,
        lambda previous, line: (
            previous.page == line.page
            and not any(colon in line.text for colon in _LABEL_COLONS)
            and continues(previous, line, right)
        ),
    )


def join_consecutive_lines(
    drafts: list[DraftBlock],
    joins: Callable[[Line, Line], bool],
    join: Callable[[Line, Line], Line] = join_lines,
) -> list[DraftBlock]:
    """Given drafts and a test on two consecutive body lines, return the drafts with every line the
    test says continues the line before it joined to that line (by `join`); a line drawn over the one
    before it is stepped over."""
    joined: list[DraftBlock] = []
    for block in drafts:
        previous = joined[-1] if joined else None
        before = joined[-2] if len(joined) > 1 else None
        if isinstance(block, Line) and isinstance(previous, Line) and joins(previous, block):
            joined[-1] = join(previous, block)
        elif (
            isinstance(block, Line)
            and isinstance(previous, Line)
            and isinstance(before, Line)
            and _overlaid(before, previous)
            and joins(before, block)
        ):
            joined[-2] = join(before, block)  # text drawn over a line does not stand between it and its rest
        else:
            joined.append(block)
    return joined


def _overlaid(line: Line, over: Line) -> bool:
    """Whether `over` is drawn over `line` (`lines.separate_layers`): the same page, the same height, and
    within its width."""
    down = min(line.bbox.y1, over.bbox.y1) - max(line.bbox.y0, over.bbox.y0)
    return (
        line.page == over.page
        and down > OVERLAID * min(line.bbox.height, over.bbox.height)
        and line.bbox.x0 <= over.bbox.x0
        and over.bbox.x1 <= line.bbox.x1
    )
