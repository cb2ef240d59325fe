"""Stage `split_two_up`: a sheet holding two form pages side by side (2-up printing) read as two pages.

A landscape sheet is two pages when a clear gutter runs down its middle — no character and no table
rule crosses it — and both halves hold text. Each half becomes a page of its own, scaled to the width
of an A4 page (2-up on A4 prints each page at 71 %: the stages' tolerances are in points), the left
one first. Pages are numbered anew in reading order; a note names each sheet that was split.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from extractors.pdf.primitives import Edge, Orientation, PageContent, TickStroke, Widget
from schema.document import BBox

A4_WIDTH = 595.28
LANDSCAPE_RATIO = 1.2
GUTTER_SHARE = 0.015
MIN_HALF_GLYPHS = 20

Transform = Callable[[float], float]


def _crosses(x0: float, x1: float, low: float, high: float) -> bool:
    return x0 < high and x1 > low


def sheet_halves(page: PageContent) -> int:
    """Given a page, return how many pages it holds side by side: 2 for a 2-up sheet, 1 for the last
    sheet of an odd count (the right half blank), 0 for a page that is not a 2-up sheet."""
    if page.width < page.height * LANDSCAPE_RATIO:
        return 0
    middle = page.width / 2
    low, high = middle - GUTTER_SHARE * page.width, middle + GUTTER_SHARE * page.width
    if any(_crosses(g.bbox.x0, g.bbox.x1, low, high) for g in page.glyphs if not g.text.isspace()):
        return 0
    horizontal = (e for e in page.edges if e.orientation is Orientation.HORIZONTAL)
    if any(e.start < low and e.end > high for e in horizontal):
        return 0
    left = sum(1 for g in page.glyphs if g.center_x < middle and not g.text.isspace())
    right = sum(1 for g in page.glyphs if g.center_x >= middle and not g.text.isspace())
    if left < MIN_HALF_GLYPHS:
        return 0
    return 2 if right >= MIN_HALF_GLYPHS else 1 if right == 0 else 0


def _box(box: BBox, shift: float, scale: float) -> BBox:
    return BBox((box.x0 - shift) * scale, box.y0 * scale, (box.x1 - shift) * scale, box.y1 * scale)


def _edge(edge: Edge, shift: float, scale: float) -> Edge:
    if edge.orientation is Orientation.HORIZONTAL:
        return Edge(
            edge.orientation, edge.position * scale, (edge.start - shift) * scale, (edge.end - shift) * scale
        )
    return Edge(edge.orientation, (edge.position - shift) * scale, edge.start * scale, edge.end * scale)


def _half(page: PageContent, right: bool, number: int) -> PageContent:
    middle = page.width / 2
    shift = middle if right else 0.0
    scale = A4_WIDTH / middle

    def inside(x: float) -> bool:
        return (x >= middle) == right

    def edge_x(edge: Edge) -> float:
        return edge.position if edge.orientation is Orientation.VERTICAL else (edge.start + edge.end) / 2

    return dataclasses.replace(
        page,
        number=number,
        width=middle * scale,
        height=page.height * scale,
        glyphs=tuple(
            dataclasses.replace(g, bbox=_box(g.bbox, shift, scale), size=g.size * scale)
            for g in page.glyphs
            if inside(g.center_x)
        ),
        edges=tuple(_edge(e, shift, scale) for e in page.edges if inside(edge_x(e))),
        widgets=tuple(
            Widget(_box(w.bbox, shift, scale), w.checked) for w in page.widgets if inside(w.bbox.x0)
        ),
        strokes=tuple(TickStroke(_box(s.bbox, shift, scale)) for s in page.strokes if inside(s.bbox.x0)),
        boxes=tuple(_box(b, shift, scale) for b in page.boxes if inside(b.x0)),
    )


def split_two_up(pages: list[PageContent]) -> tuple[list[PageContent], tuple[str, ...]]:
    """Given the read pages, return them with every 2-up sheet split into its two pages (numbered
    anew in reading order), and a note for each sheet split."""
    out: list[PageContent] = []
    notes: list[str] = []
    for page in pages:
        halves = sheet_halves(page)
        if not halves:
            out.append(dataclasses.replace(page, number=len(out) + 1))
            continue
        first = len(out) + 1
        out.extend(_half(page, half == 1, first + half) for half in range(halves))
        numbers = "、".join(str(first + half) for half in range(halves))
        notes.append(
            f"PDF 第{page.number}页为一页两版，按第{numbers}页读取 / "
            f"PDF page {page.number} holds pages side by side (2-up), read as page(s) {numbers}"
        )
    return out, tuple(notes)
