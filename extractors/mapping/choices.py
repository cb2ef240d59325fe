"""Stage `text_to_option_marks`: which printed options of a choice cell are ticked.

Backends already turned every encoding into glyphs; here glyphs typed by filers are interpreted too.
The cell text is cut into segments, each beginning at a box glyph (or, in a cell without boxes, at
whitespace); a tick mark belongs to the segment it touches (`□√是`, `√□是` and `是√` all tick 是).
Each segment is matched to the option whose printed text it contains (or most resembles).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import Enum
from itertools import count

from extractors.mapping.labels import label_key
from schema.document import (
    BOXES,
    MARKS,
    TICK_MARKS,
    TICKED_BOXES,
    UNKNOWN_BOXES,
)

FUZZY_THRESHOLD = 0.72


class Mark(Enum):
    TICKED = "ticked"
    EMPTY = "empty"
    UNKNOWN = "unknown"
    UNBOXED = "unboxed"
    ABSENT = "absent"


_STRENGTH = (Mark.ABSENT, Mark.UNBOXED, Mark.EMPTY, Mark.UNKNOWN, Mark.TICKED)


@dataclass(slots=True)
class Segment:
    """A piece of a choice cell: the glyphs it carries, its text, and the place of each of its glyphs
    among the cell's mark glyphs (`MARKS`: boxes and tick marks; 0 for the cell's first)."""

    glyphs: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    places: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return label_key("".join(self.text))

    @property
    def mark(self) -> Mark:
        if any(g in UNKNOWN_BOXES for g in self.glyphs):
            return Mark.UNKNOWN
        if any(g in TICKED_BOXES or g in TICK_MARKS for g in self.glyphs):
            return Mark.TICKED
        return Mark.EMPTY


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == "\u3000"


def text_to_segments(text: str) -> list[Segment]:
    """Given a choice cell's text, return its segments in order."""
    boxed = any(ch in BOXES for ch in text)
    segments = [Segment()]
    ordinals = count()
    for index, ch in enumerate(text):
        current = segments[-1]
        if ch in BOXES:
            _start_segment(segments, current, ch, next(ordinals))
        elif ch in TICK_MARKS:
            _place_tick(segments, text, index, boxed, next(ordinals))
        elif _is_space(ch) and not boxed:
            if current.text or current.glyphs:
                segments.append(Segment())
        else:
            current.text.append(ch)
    return [s for s in segments if s.text or s.glyphs]


def _start_segment(segments: list[Segment], current: Segment, box: str, ordinal: int) -> None:
    if current.text or any(g in BOXES for g in current.glyphs):
        segments.append(Segment(glyphs=[box], places=[ordinal]))
    else:
        current.glyphs.append(box)
        current.places.append(ordinal)


def _place_tick(segments: list[Segment], text: str, index: int, boxed: bool, ordinal: int) -> None:
    """Attach a tick to the option it touches: trailing the previous text, or leading the next (a box
    after it, or text after it when a space or line break parts it from the text before: `√第二产业`
    on its own line of a cell whose other boxes are printed)."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    current = segments[-1]
    trailing = current.text and not _is_space(before) and before not in BOXES
    opens_text = bool(current.text) and _is_space(before) and not _is_space(after) and after not in TICK_MARKS
    leads_next = not trailing and (after in BOXES or opens_text)
    if leads_next or (not boxed and not trailing and current.text):
        segments.append(Segment(glyphs=[text[index]], places=[ordinal]))
    else:
        current.glyphs.append(text[index])
        current.places.append(ordinal)


def _option_cores(options: dict[str, str]) -> dict[str, str]:
    return {option_id: label_key(printed) for option_id, printed in options.items()}


def _match_segment(segment_key: str, cores: dict[str, str]) -> str | None:
    contained = [oid for oid, core in cores.items() if core and core in segment_key]
    if contained:
        return max(contained, key=lambda oid: len(cores[oid]))
    inside = [oid for oid, core in cores.items() if len(segment_key) >= 2 and segment_key in core]
    if len(inside) == 1:
        return inside[0]
    return _fuzzy_match(segment_key, cores)


def _fuzzy_match(segment_key: str, cores: dict[str, str]) -> str | None:
    if len(segment_key) < 4:
        return None
    scored = [(SequenceMatcher(None, segment_key, core).ratio(), oid) for oid, core in cores.items()]
    score, best = max(scored)
    return best if score >= FUZZY_THRESHOLD else None


@dataclass(frozen=True, slots=True)
class OptionReading:
    """Each option's mark, the options whose printed text was not read but whose box was placed by its
    order among the others (`☑旦 ☐否`: the box before 否 is 是's), and the places of each option's mark
    glyphs among the cell's (boxes and tick marks)."""

    marks: dict[str, Mark]
    placed: tuple[str, ...] = ()
    places: dict[str, tuple[int, ...]] = field(default_factory=dict)


def text_to_option_marks(text: str, options: dict[str, str]) -> dict[str, Mark]:
    """Given a choice cell's text and the field's options, return each option's mark (see
    `text_to_option_reading`)."""
    return text_to_option_reading(text, options).marks


def text_to_option_reading(text: str, options: dict[str, str]) -> OptionReading:
    """Given a choice cell's text and the field's options, return each option's mark.

    An option whose printed text is not found is ABSENT; an option found without a box in a cell that
    has boxes (`R开展…` where a converter left the symbol-font letter of its box) is UNBOXED, never
    read as unticked; a cell with no glyph at all whose text is exactly one option (`否`) counts as
    that option ticked. A box whose text matches no option, when
    exactly one option is not found and the box stands where that option is printed (between the
    options found before and after it), is that option's box: the option is `placed`.
    """
    cores = _option_cores(options)
    marks = dict.fromkeys(options, Mark.ABSENT)
    segments = _lead_stray_marks(text_to_segments(text), cores)
    if segments and not any(s.glyphs for s in segments):
        return OptionReading(_plain_answer(text, cores, marks))
    matched = [(segment, _match_segment(segment.key, cores)) for segment in segments]
    boxed = any(ch in BOXES for ch in text)
    places: dict[str, tuple[int, ...]] = {}
    for segment, option_id in matched:
        if option_id is not None and boxed and not segment.glyphs:
            marks[option_id] = max(marks[option_id], Mark.UNBOXED, key=_STRENGTH.index)
        elif option_id is not None:
            marks[option_id] = _merge(marks[option_id], segment)
            places[option_id] = places.get(option_id, ()) + tuple(segment.places)
    placed = _placed_by_order(matched, list(options), marks)
    if placed is not None:
        marks[placed[0]] = placed[1].mark
        places[placed[0]] = tuple(placed[1].places)
        return OptionReading(marks, (placed[0],), places)
    orphans = [s for s, option_id in matched if option_id is None and s.mark is not Mark.EMPTY]
    return OptionReading(_orphan_ticks(marks) if orphans else marks, (), places)


def _marks_by_doubt(
    text: str, options: dict[str, str], mark_doubts: tuple[bool, ...]
) -> tuple[frozenset[str], frozenset[str]] | None:
    """The options read at one mark at least, none of them doubted, by their own words (not placed by
    order), and the options with a doubted mark; None when the doubts do not fit the text (not one per
    mark glyph)."""
    if len(mark_doubts) != sum(ch in MARKS for ch in text):
        return None
    reading = text_to_option_reading(text, options)
    places = reading.places
    doubted = frozenset(o for o, at in places.items() if any(mark_doubts[p] for p in at))
    sure = frozenset(o for o, at in places.items() if at and o not in doubted and o not in reading.placed)
    return sure, doubted


def surely_read_options(text: str, options: dict[str, str], mark_doubts: tuple[bool, ...]) -> frozenset[str]:
    """Given a choice cell's text, the field's options and whether each mark glyph of the text (`MARKS`,
    in order) was read below the confidence threshold, return the options read at one mark at least,
    none of them doubted; none when the doubts do not fit the text (not one per mark glyph)."""
    split = _marks_by_doubt(text, options, mark_doubts)
    return split[0] if split is not None else frozenset()


def doubted_options(
    text: str, options: dict[str, str], mark_doubts: tuple[bool, ...]
) -> frozenset[str] | None:
    """Given a choice cell's text, the field's options and whether each mark glyph of the text (`MARKS`,
    in order) was read below the confidence threshold, return the options with a doubted mark (an
    unread mark absorbed by the ticked box after it is none); None when the doubts do not fit the text."""
    split = _marks_by_doubt(text, options, mark_doubts)
    return split[1] if split is not None else None


STRAY_TEXT = 1
"""An unread mark followed by at most this many characters (`⍰_☑…`, `⍰二☑…`) before a box is no box."""


def _is_stray_mark(segment: Segment, cores: dict[str, str]) -> bool:
    """Whether a segment is an unread mark with next to no text (a pen stroke beside a box)."""
    key = segment.key
    return (
        bool(segment.glyphs)
        and all(g in UNKNOWN_BOXES for g in segment.glyphs)
        and len(key) <= STRAY_TEXT
        and _match_segment(key, cores) is None
    )


def _lead_stray_marks(segments: list[Segment], cores: dict[str, str]) -> list[Segment]:
    """Given a cell's segments, return them with each unread mark that stands right before a box (a √
    written before the box, `√□是`, whose strokes were not read: `⍰_☑是`) given to that box: the
    form prints one box per option, so the box by the option's text decides. A ticked box stays
    ticked; an empty one becomes unknown (the unread mark may be the tick). While an option's text is
    not found, an unread mark may be that option's box (`⍰☐否` with 是 unread) and stays as it is."""
    if set(cores) - {_match_segment(s.key, cores) for s in segments}:
        return segments
    kept: list[Segment] = []
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else None
        if (
            following is not None
            and any(g in BOXES for g in following.glyphs)
            and _is_stray_mark(segment, cores)
            and _match_segment(following.key, cores) is not None
        ):
            if following.mark is not Mark.TICKED:
                following.glyphs.insert(0, segment.glyphs[0])
                following.places[:0] = segment.places
            continue
        kept.append(segment)
    return kept


def _placed_by_order(
    matched: list[tuple[Segment, str | None]], order: list[str], marks: dict[str, Mark]
) -> tuple[str, Segment] | None:
    """The one option not found and the one boxed segment matching no option, if the segment stands
    where the option is printed: after every option printed before it, before every one after it."""
    absent = [oid for oid in order if marks[oid] is Mark.ABSENT]
    unmatched = [i for i, (segment, oid) in enumerate(matched) if oid is None and segment.glyphs]
    if len(absent) != 1 or len(unmatched) != 1:
        return None
    rank, at = order.index(absent[0]), unmatched[0]
    before = [order.index(oid) for _, oid in matched[:at] if oid is not None]
    after = [order.index(oid) for _, oid in matched[at + 1 :] if oid is not None]
    if all(r < rank for r in before) and all(r > rank for r in after):
        return absent[0], matched[at][0]
    return None


def _orphan_ticks(marks: dict[str, Mark]) -> dict[str, Mark]:
    """A tick (or an unknown box) whose option text is not found may belong to any option that is not
    found: those become UNKNOWN (`☐是 ☑` with 否 unread is not a cell with nothing ticked). With every
    option found, it may belong to any option not ticked: those become UNKNOWN."""
    doubtful = Mark.ABSENT if Mark.ABSENT in marks.values() else Mark.EMPTY
    return {oid: Mark.UNKNOWN if mark is doubtful else mark for oid, mark in marks.items()}


def _plain_answer(text: str, cores: dict[str, str], marks: dict[str, Mark]) -> dict[str, Mark]:
    """A cell without any glyph: one option written alone is the answer (the others, not printed, are
    ABSENT: a list of options cut down to one is reported); else the options are UNBOXED.

    The printed form puts a □ before every option, so options without any box mean the filer deleted
    the boxes or a converter dropped the tick fields: nothing can be read as ticked or as empty.
    """
    key = label_key(text)
    for option_id, core in cores.items():
        if key == core:
            return {oid: Mark.TICKED if oid == option_id else Mark.ABSENT for oid in marks}
    for segment in text_to_segments(text):
        matched = _match_segment(segment.key, cores)
        if matched is not None:
            marks[matched] = Mark.UNBOXED
    return marks


def _merge(old: Mark, segment: Segment) -> Mark:
    """A further segment of one option: an empty box and a box read ticked inside the option's text
    disagree (a character read as ☑: `“赛☑”` for `“赛马”`), so the option is UNKNOWN; a tick mark
    (`…机制√`) is written on purpose and ticks it; else the stronger mark wins."""
    new = segment.mark
    written = any(g in TICK_MARKS for g in segment.glyphs)
    if {old, new} == {Mark.EMPTY, Mark.TICKED} and not written:
        return Mark.UNKNOWN
    return max(old, new, key=_STRENGTH.index)
