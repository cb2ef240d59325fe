"""Stage `circle_chosen`: a loop of pen drawn round an option's text chooses that option.

Some filers circle the option they choose instead of ticking its box. The box stays empty, and the
option would silently read as not chosen. For every box decided empty or unknown, the option's text
after it on its line (up to the next box) is looked at for a ring: one connected stroke of ink
reaching over the text's whole length, passing both above and below the box at the text's middle,
thin (a ring, not characters run together) and closed round the text (not a seal's ring or a line
running on). The page's ink is taken as it is, with only a table's rule crossing the whole place
looked at removed (a ring's flat top and bottom pass for pieces of ruling). Such a box is ticked at
`CIRCLED_CONFIDENCE`, below any sensible threshold: the operator confirms what the circle chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extractors.ocr.geometry import Image, TickBox, TickState
from extractors.ocr.tokens import Token
from schema.document import BBox

CIRCLED_CONFIDENCE = 0.5
RULE_SHARE = 0.95
"""A row or column of the looked-at region inked along this share of it is a table's rule."""


@dataclass(frozen=True, slots=True)
class CircleSettings:
    """In box sides: how far right of a box its option's text may start, the gap that ends it, how
    much of a long option's start a ring must go round, how far round the text a ring is looked
    for, how far above and below the box the ring must pass; how much of that length the ring must
    span, and at most how much of its bounding box a ring inks."""

    text_start: float = 2.0
    gap: float = 0.6
    reach: float = 4.0
    margin: float = 1.6
    span: float = 0.85
    clearance: float = 0.3
    max_ink: float = 0.5


CIRCLES = CircleSettings()


def _option_text(box: TickBox, tokens: Sequence[Token], boxes: Sequence[TickBox], side: float) -> BBox | None:
    """The option after `box` on its line, as the span of its characters (consecutive tokens up to a
    gap or the next box), at the box's height (None: nothing read there). A token read with part of
    the circle may start over the box: its middle lies right of it."""
    middle = (box.bbox.y0 + box.bbox.y1) / 2
    following = [b.bbox.x0 for b in boxes if b.bbox.x0 > box.bbox.x1 and b.bbox.y0 <= middle <= b.bbox.y1]
    stop = min(following, default=float("inf"))
    line = sorted(
        (
            t
            for t in tokens
            if t.bbox.y0 <= middle <= t.bbox.y1 and box.bbox.x1 < (t.bbox.x0 + t.bbox.x1) / 2 < stop
        ),
        key=lambda t: t.bbox.x0,
    )
    if not line or line[0].bbox.x0 > box.bbox.x1 + CIRCLES.text_start * side:
        return None
    end = line[0].bbox.x1
    for token in line[1:]:
        if token.bbox.x0 - end > CIRCLES.gap * side:
            break
        end = token.bbox.x1
    return BBox(max(line[0].bbox.x0, box.bbox.x1), box.bbox.y0, min(end, stop), box.bbox.y1)


def ring_around(free: Image, text: BBox, side: float, settings: CircleSettings = CIRCLES) -> bool:
    """Given the page's ink, an option's text (its span, at its box's height) and
    the box side, return whether one thin stroke rings the text: spanning its length, above and
    below it at its middle."""
    pad = settings.margin * side
    x0, y0 = max(0, round(text.x0 - pad)), max(0, round(text.y0 - pad))
    x1, y1 = round(text.x1 + pad), round(text.y1 + pad)
    region = (free[y0:y1, x0:x1] > 0).astype(np.uint8)
    if region.size == 0:
        return False
    # A table's rule crossing the whole region (a ring may touch it) is no part of any ring.
    rows, columns = region.mean(axis=1) >= RULE_SHARE, region.mean(axis=0) >= RULE_SHARE
    rows, columns = region.mean(axis=1) >= RULE_SHARE, region.mean(axis=0) >= RULE_SHARE
    if rows.any():  # a ring's stroke crossing the rule is joined again across the rule's width
        region[rows, :] = 0
        region = np.asarray(cv2.morphologyEx(region, cv2.MORPH_CLOSE, np.ones((7, 1), np.uint8)), np.uint8)
    if columns.any():
        region[:, columns] = 0
        region = np.asarray(cv2.morphologyEx(region, cv2.MORPH_CLOSE, np.ones((1, 7), np.uint8)), np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
    left = text.x0 - x0
    right = min(text.x1, text.x0 + settings.reach * side) - x0  # a hand circles a long option's start
    top, bottom = text.y0 - y0 - settings.clearance * side, text.y1 - y0 + settings.clearance * side
    middle = round((left + right) / 2)
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        if x > left + (1 - settings.span) * (right - left) or x + w < right - (1 - settings.span) * (
            right - left
        ):
            continue
        if y > top or y + h < bottom or area > settings.max_ink * w * h:
            continue
        if y == 0 or x + w >= region.shape[1] or y + h >= region.shape[0]:
            continue  # running on out of the region (a seal's ring, a line); the box may lie left of it
        column = labels[:, max(0, middle - 2) : middle + 3] == label
        rows = np.flatnonzero(column.any(axis=1))
        if rows.size and rows.min() < top and rows.max() > bottom:
            return True
    return False


def circle_chosen(free: Image, boxes: Sequence[TickBox], tokens: Sequence[Token]) -> list[TickBox]:
    """Given the page's ink, its decided boxes and its words, return the boxes with
    those whose option text is circled ticked at CIRCLED_CONFIDENCE."""
    if not boxes:
        return []
    side = float(np.median([b.bbox.width for b in boxes]))
    decided = []
    for box in boxes:
        if box.state is not TickState.TICKED:
            text = _option_text(box, tokens, boxes, side)
            if text is not None and ring_around(free, text, side):
                box = replace(box, state=TickState.TICKED, confidence=min(box.confidence, CIRCLED_CONFIDENCE))
        decided.append(box)
    return decided
