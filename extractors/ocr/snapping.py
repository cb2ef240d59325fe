"""Stage `snap_lines`: OCR'd printed labels snapped to the catalogue's labels.

Labels are known in advance (fields.yaml: field labels, group and section titles, option texts), so
a label cell read with one or two wrong characters is replaced by the printed label, keeping the
parentheticals the OCR read (units, 盖章): the mapper's exact label keys then match, and its fuzzy
fallback (reported as layout_changed) stays for real layout changes. Text that is not close to a
label — values, names, numbers — is left as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from extractors.mapping.labels import label_key
from extractors.ocr.fill_ins import starts_with_label
from extractors.ocr.geometry import union
from schema.catalog import FieldCatalogue
from schema.document import (
    BOX_DOUBT,
    BOXES,
    MARKS,
    UNKNOWN_GLYPH,
    Block,
    Cell,
    Paragraph,
    Table,
    blocks_reading,
)

MIN_SIMILARITY = 0.8
MIN_KEY_LENGTH = 4
_PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")
_COLON = re.compile(r"[:：]")
_GLYPH_SPACE = re.compile(rf"([{''.join(sorted(BOXES))}])\s+")
_OPTION_PIECE = re.compile(rf"(?<=\s)|(?=[{''.join(sorted(BOXES))}])")


def catalogue_options(catalogue: FieldCatalogue) -> frozenset[str]:
    """Given the field catalogue, return the keys of every printed option text."""
    return frozenset(label_key(text) for spec in catalogue.fields for text in spec.options.values())


def catalogue_directions(catalogue: FieldCatalogue) -> frozenset[str]:
    """Given the field catalogue, return the directions printed in the plan's target tables."""
    return frozenset(d for spec in catalogue.fields for d in spec.directions)


def catalogue_labels(catalogue: FieldCatalogue) -> dict[str, str]:
    """Given the field catalogue, return printed text by label key for every label, title and option."""
    texts: list[str] = []
    for spec in catalogue.fields:
        texts.extend([spec.label, *spec.form_labels.values(), *spec.options.values()])
    for group in catalogue.groups:
        texts.extend([group.title, *group.form_titles.values()])
    for section in catalogue.sections:
        texts.extend([section.title, *section.form_titles.values()])
    return {
        label_key(text): text for text in texts if len(label_key(text)) >= MIN_KEY_LENGTH and " " not in text
    }


@dataclass(frozen=True, slots=True)
class LabelSnapper:
    """Snaps OCR'd text to the nearest printed label when it is close enough."""

    labels: dict[str, str]
    options: frozenset[str] = frozenset()
    directions: frozenset[str] = frozenset()
    """The target tables' printed directions (主导产业, 数字化, …)."""
    row_labels: tuple[str, ...] = ()
    """The label keys that open a row of the form (`printed_labels.catalogue_row_labels`)."""

    def starts_row(self, text: str) -> bool:
        """Given a cell's text, return whether it begins with a row's printed label, give or take an
        OCR error: a new row, never the rest of a label the page break cut."""
        return starts_with_label(text, self.row_labels)

    def nearest(self, key: str) -> str | None:
        """Given a text key, return the printed label it is an OCR misreading of, else None."""
        if len(key) < MIN_KEY_LENGTH or key in self.labels:
            return None
        best, best_score = None, MIN_SIMILARITY
        for candidate, printed in self.labels.items():
            if abs(len(candidate) - len(key)) > max(1, len(candidate) // 6):
                continue
            matcher = SequenceMatcher(None, key, candidate)
            if matcher.real_quick_ratio() >= best_score and matcher.ratio() >= best_score:
                best, best_score = printed, matcher.ratio()
        return best

    def snap_text(self, text: str) -> str:
        """Given a text (a whole label, or `label：value`), return it with the label part snapped."""
        parts = _COLON.split(text, maxsplit=1)
        head = parts[0]
        printed = self.nearest(label_key(head))
        if printed is None:
            return text
        kept = "".join(p for p in _PARENTHETICAL.findall(head) if p not in printed)
        snapped = printed + kept
        return snapped if len(parts) == 1 else snapped + text[len(head) :]

    def is_option_cell(self, paragraphs: tuple[Paragraph, ...]) -> bool:
        """Given a cell's lines, return whether it lists options: a box glyph, or two option lines."""
        if any(ch in BOXES for p in paragraphs for ch in p.text):
            return True
        return sum(_starts_option(label_key(p.text), self.options) for p in paragraphs) >= 2

    def mark_unboxed(self, paragraph: Paragraph) -> Paragraph:
        """Given a line of an option cell, return it with ⍰ before printed options that lack a box.

        The form prints a □ before every option: an option found without one means its box was
        not detected (under a seal, a heavy tick), so its state is unknown, with confidence 0 (as
        for any line already holding ⍰: a box seen but undecided, or one the layout found lost).
        A box glyph standing apart from its option (`☑ 是`) is joined to it first.
        """
        parts = option_parts(_GLYPH_SPACE.sub(r"\1", paragraph.text))
        unboxed = [
            bool(part) and part[0] not in BOXES and _starts_option(label_key(part), self.options)
            for part in parts
        ]
        text = "".join(
            UNKNOWN_GLYPH + part if lacks else part for part, lacks in zip(parts, unboxed, strict=True)
        )
        if UNKNOWN_GLYPH not in text:
            return replace(paragraph, text=text)
        marks = _with_unboxed(paragraph.mark_confidences, parts, unboxed)
        return replace(paragraph, text=text, confidence=0.0, doubt=BOX_DOUBT, mark_confidences=marks)

    def snap_lines(self, paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        """Given a cell's (or a body line's) paragraphs, return them with labels snapped.

        A label wrapped over several lines is snapped as a whole and becomes one paragraph. Option
        cells (any box glyph) are left alone: the mapper matches option texts itself.
        """
        if self.is_option_cell(paragraphs):
            return tuple(self.mark_unboxed(p) for p in paragraphs)
        if len(paragraphs) > 1:
            joined = "".join(p.text for p in paragraphs)
            if self.nearest(label_key(joined)) is not None:
                return (_merged(paragraphs, self.snap_text(joined)),)
        return tuple(_with_text(p, self.snap_text(p.text)) for p in paragraphs)


def option_parts(text: str) -> list[str]:
    """Given an option line, return its pieces: split after spaces and before every box glyph
    (`是☐否` → `是`, `☐否`), so each option is looked at with the box before it, if any."""
    return [piece for piece in _OPTION_PIECE.split(text) if piece]


def _starts_option(key: str, options: frozenset[str]) -> bool:
    return any(key == option or (len(option) >= 4 and key.startswith(option[:4])) for option in options)


def _with_unboxed(
    confidences: tuple[float | None, ...], parts: list[str], unboxed: list[bool]
) -> tuple[float | None, ...]:
    """Given a line's mark confidences, its option parts and which of them were given a ⍰, return the
    confidences with 0 for each ⍰ added, in place (unchanged when they do not fit the parts' marks)."""
    if len(confidences) != sum(ch in MARKS for part in parts for ch in part):
        return confidences
    known = iter(confidences)
    out: list[float | None] = []
    for part, lacks in zip(parts, unboxed, strict=True):
        if lacks:
            out.append(0.0)
        out.extend(next(known) for ch in part if ch in MARKS)
    return tuple(out)


def _with_text(paragraph: Paragraph, text: str) -> Paragraph:
    if text == paragraph.text:
        return paragraph
    return replace(paragraph, text=text)


def _merged(paragraphs: tuple[Paragraph, ...], text: str) -> Paragraph:
    boxes = [p.bbox for p in paragraphs if p.bbox is not None]
    bbox = union(boxes) if boxes else None
    confidence, doubt = blocks_reading(paragraphs)
    first = paragraphs[0]
    marks = tuple(c for p in paragraphs for c in p.mark_confidences)
    return Paragraph(text, first.index, first.page, bbox, confidence, doubt, mark_confidences=marks)


def _snap_items(blocks: tuple[Block, ...], snapper: LabelSnapper) -> tuple[Block, ...]:
    """A cell's blocks: each run of paragraphs snapped as one cell's lines, nested tables inside."""
    out: list[Block] = []
    run: list[Paragraph] = []
    for block in (*blocks, None):
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        if run:
            out.extend(snapper.snap_lines(tuple(run)))
            run = []
        if block is not None:
            out.append(snap_table(block, snapper))
    return tuple(out)


def _snap_cell(cell: Cell, snapper: LabelSnapper) -> Cell:
    blocks = _snap_items(cell.blocks, snapper)
    confidence, doubt = blocks_reading(blocks)
    return replace(cell, blocks=blocks, confidence=confidence, doubt=doubt)


def snap_table(table: Table, snapper: LabelSnapper) -> Table:
    """Given a table, return it with the labels of every cell (and nested table) snapped."""
    return replace(table, cells=tuple(_snap_cell(cell, snapper) for cell in table.cells))


def snap_blocks(blocks: tuple[Block, ...], snapper: LabelSnapper) -> tuple[Block, ...]:
    """Given a document's blocks, return them with labels snapped: body lines one by one, cells whole."""
    return tuple(
        paragraph
        for block in blocks
        for paragraph in (
            snapper.snap_lines((block,)) if isinstance(block, Paragraph) else (snap_table(block, snapper),)
        )
    )
