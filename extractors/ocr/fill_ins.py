"""Stage `join_wrapped_fill_ins`: a cover blank's value wrapped onto the next printed line rejoined.

Scanned body lines are not joined in general (OCR'd line ends are too ragged to tell a wrap from a
new paragraph, and cover lines would run together). One wrap is certain: a `label：value` line
that runs to the right edge of the page's text, followed closely by a line that starts at the
same left margin and holds no label colon (`…主管部门（盖章）：谷城县经济信息化和商` / `务局`).
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from extractors.mapping.labels import label_key
from extractors.pdf.body_text import join_consecutive_lines
from extractors.pdf.drafts import DraftBlock
from extractors.pdf.lines import Line

LABEL_COLONS = ("：", ":")
MARGIN_SLACK = 1.5
"""Left margins this close (in text sizes) are one margin."""
RIGHT_SLACK = 3.0
"""A line ending this close (in text sizes) to the page's widest body line ran to the edge."""
WRAP_GAP = 1.2
"""A continuation starts at most this far (in text sizes) below the line it continues."""
MIN_LABEL = 4
LABEL_SIMILARITY = 0.8
"""A line whose start is this similar to a printed label (of MIN_LABEL characters or more) is a label."""


def _value_after_colon(line: Line) -> bool:
    """Whether a line is a `label：value` line with a value."""
    cut = max(line.text.find(colon) for colon in LABEL_COLONS)
    return cut >= 0 and bool(line.text[cut + 1 :].strip())


def page_rights(drafts: list[DraftBlock]) -> dict[int, float]:
    """Given drafts, return each page's widest body line end."""
    rights: dict[int, float] = {}
    for line in (d for d in drafts if isinstance(d, Line)):
        rights[line.page] = max(rights.get(line.page, 0.0), line.tail_x1)
    return rights


def wraps_onto(previous: Line, line: Line, right: float) -> bool:
    """Whether `line` may be the wrapped rest of the line `previous` (its page's text right edge)."""
    return (
        previous.page == line.page
        and not any(colon in line.text for colon in LABEL_COLONS)
        and abs(line.bbox.x0 - previous.bbox.x0) <= MARGIN_SLACK * line.size
        and 0 <= line.bbox.y0 - previous.bbox.y1 <= WRAP_GAP * line.size
        and previous.tail_x1 >= right - RIGHT_SLACK * line.size
    )


def starts_with_label(text: str, labels: Iterable[str]) -> bool:
    """Given a line and the printed label keys, return whether it begins with a label, give or take
    an OCR error (a label line whose colon was not read is no continuation); a text shorter than the
    label by more than an error or two is its end (`制造体系建设情况`, cut by the page), no label."""
    key = label_key(text)
    return any(
        len(label) >= MIN_LABEL
        and len(key) >= LABEL_SIMILARITY * len(label)
        and SequenceMatcher(None, key[: len(label)], label).ratio() >= LABEL_SIMILARITY
        for label in labels
    )


def join_wrapped_fill_ins(drafts: list[DraftBlock], labels: Iterable[str] = ()) -> list[DraftBlock]:
    """Given a scan's drafts and the printed label keys, return them with fill-in values wrapped onto
    a second line joined."""
    labels = tuple(labels)
    rights = page_rights(drafts)
    return join_consecutive_lines(
        drafts,
        lambda previous, line: (
            (_value_after_colon(previous) or starts_with_label(previous.text, labels))
            and wraps_onto(previous, line, rights[line.page])
            and not starts_with_label(line.text, labels)
        ),
    )
