"""Stage `join_label_lines`: `label：value` body lines whose label or value went on to the next line.

Two layouts wrap a cover line (`县级行政区划中小企业主管部门（盖章）：…`) where the body's right edge does not
explain it, so the general rule (`body_text.join_body_lines`) leaves the pieces apart and the value
loses its end:
- a borderless two-column table (label cell | value cell): both cells wrap, and each visual line is
  `label piece  value piece` with a wide gap between; the next line belongs to the same row when the
  label before it is unfinished (no colon yet) or it holds only a value piece under the value column;
- a narrower text area (a text box), or a long number that did not fit: the value runs to the area's
  right edge — the widest line that starts at the same left margin — or its next piece would not have
  fitted there, and it goes on at that margin on the next line, which has no colon.
"""

from __future__ import annotations

from extractors.pdf.body_text import join_consecutive_lines
from extractors.pdf.drafts import DraftBlock
from extractors.pdf.lines import Line, continues
from extractors.pdf.primitives import union_bbox

LABEL_COLONS = ("：", ":")
ALIGN = 2.0
WRAP_GAP = 1.2
MARGIN_SLACK = 1.5
RIGHT_SLACK = 2.0
SENTENCE_ENDINGS = ("。", "！", "？")
"""What ends a one-line value; a separator (`；`, `：`) ending its line is followed by the value's next
part (`何明：0571-69377563；` ⏎ `13912271693`)."""


def _close_below(previous: Line, line: Line) -> bool:
    return previous.page == line.page and 0 <= line.bbox.y0 - previous.bbox.y1 <= WRAP_GAP * line.size


def _label_unfinished(line: Line) -> bool:
    return not line.text[: line.split].rstrip().endswith(LABEL_COLONS)


def continues_row(previous: Line, line: Line) -> bool:
    """Whether `line` is the rest of the borderless `label | value` row `previous` starts."""
    if previous.column is None or not _close_below(previous, line):
        return False
    if line.column is not None and abs(line.column - previous.column) <= ALIGN:
        return _label_unfinished(previous)
    return abs(line.bbox.x0 - previous.column) <= ALIGN and not any(c in line.text for c in LABEL_COLONS)


def join_row(previous: Line, line: Line) -> Line:
    """Given a two-column line and the line continuing its row, return the row as one line."""
    if line.column is None:
        label, value = previous.text[: previous.split], previous.text[previous.split :] + line.text
    else:
        label = previous.text[: previous.split] + line.text[: line.split]
        value = previous.text[previous.split :] + line.text[line.split :].lstrip()
    return Line(
        text=label.rstrip() + " " + value.strip(),
        bbox=union_bbox([previous.bbox, line.bbox]),
        page=previous.page,
        size=max(previous.size, line.size),
        tail=line.tail_x1,
        head=previous.head,
        confidence=previous.confidence,
        doubt=previous.doubt,
        column=previous.column,
        split=len(label.rstrip()),
        mark_confidences=previous.mark_confidences + line.mark_confidences,
    )


def _left_margin_rights(lines: list[Line]) -> dict[tuple[int, int], float]:
    """Each (page, left margin)'s widest line end: the right edge of that text area."""
    rights: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, round(line.bbox.x0 / ALIGN))
        rights[key] = max(rights.get(key, 0.0), line.tail_x1)
    return rights


def _value_after_colon(line: Line) -> bool:
    cut = max(line.text.find(colon) for colon in LABEL_COLONS)
    return cut >= 0 and bool(line.text[cut + 1 :].strip())


def join_label_lines(drafts: list[DraftBlock]) -> list[DraftBlock]:
    """Given the document's drafts, return them with wrapped `label：value` rows joined."""
    drafts = join_consecutive_lines(drafts, continues_row, join_row)
    rights = _left_margin_rights([d for d in drafts if isinstance(d, Line)])

    def wraps(previous: Line, line: Line) -> bool:
        right = rights.get((previous.page, round(previous.bbox.x0 / ALIGN)), previous.tail_x1)
        return (
            _value_after_colon(previous)
            and line.column is None
            and _close_below(previous, line)
            and abs(line.bbox.x0 - previous.bbox.x0) <= MARGIN_SLACK * line.size
            and not any(colon in line.text for colon in LABEL_COLONS)
            and (
                previous.tail_x1 >= right - RIGHT_SLACK * line.size
                or continues(previous, line, right, SENTENCE_ENDINGS)
            )
        )

    return join_consecutive_lines(drafts, wraps)
