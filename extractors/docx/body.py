"""Stage `body_to_blocks`: the document body (and each cell) to paragraphs and tables in order.

The content of a text box or shape follows the paragraph it is anchored in.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.docx.ooxml import Element, local_name, mc, shows_placeholder, w
from extractors.docx.paragraphs import paragraph_to_text
from extractors.docx.tables import tbl_to_table
from extractors.docx.text_boxes import paragraph_to_text_boxes
from schema.document import Block, Paragraph


@dataclass(slots=True)
class _Counters:
    """Running indexes so every paragraph and table has a stable document-wide number."""

    paragraphs: int = 0
    tables: int = 0


class BodyReader:
    """Reads block-level content (body, cell, content control) into blocks, numbering them."""

    def __init__(self) -> None:
        self._counters = _Counters()

    def read(self, container: Element, depth: int = 0) -> list[Block]:
        """Given a w:body, w:tc or w:sdtContent, return its blocks in reading order."""
        blocks: list[Block] = []
        for child in container:
            blocks.extend(self._read_child(child, depth))
        return blocks

    def _read_child(self, child: Element, depth: int) -> list[Block]:
        name = local_name(child)
        if name == "p":
            boxes = paragraph_to_text_boxes(child)
            return [self._paragraph(child), *(b for box in boxes for b in self.read(box, depth))]
        if name == "tbl":
            index = self._counters.tables
            self._counters.tables += 1
            return [tbl_to_table(child, index, depth, self.read)]
        if name == "sdt":
            content = child.find(w("sdtContent"))
            return self.read(content, depth) if content is not None and not shows_placeholder(child) else []
        if name in ("customXml", "ins", "moveTo"):
            return self.read(child, depth)
        if name == "AlternateContent":
            choice = child.find(mc("Choice"))
            return self.read(choice, depth) if choice is not None else []
        return []

    def _paragraph(self, p: Element) -> Paragraph:
        index = self._counters.paragraphs
        self._counters.paragraphs += 1
        return Paragraph(text=paragraph_to_text(p), index=index)


def body_to_blocks(body: Element) -> tuple[Block, ...]:
    """Given a w:body element, return its blocks (tables resolved, nested tables inside cells)."""
    return tuple(BodyReader().read(body))
