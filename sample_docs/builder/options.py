"""Option groups (□ choices) written into a value cell."""

from __future__ import annotations

from dataclasses import dataclass

from docx.table import _Cell
from docx.text.paragraph import Paragraph

from sample_docs.builder.context import Ctx
from sample_docs.builder.filling import TickFill
from sample_docs.builder.styles import CELL_SIZE, add_run
from sample_docs.builder.table import CellWriter
from sample_docs.builder.ticks import add_option

EVIDENCE_NOTE = "（注：勾选需提供佐证材料）"


@dataclass(frozen=True)
class OptionStyle:
    """How an option group is printed: prompt line, one line or one per line, trailing text."""

    inline: bool = False
    prompt: str | None = None
    suffix: str = ""
    evidence_note: bool = False
    lead: str = ""


def _write_inline(
    cell: _Cell, options: list[tuple[str, str]], fill: TickFill, style: OptionStyle, paragraph: Paragraph
) -> None:
    """Given a cell paragraph, write every option into it, separated by two spaces."""
    if style.lead:
        add_run(paragraph, style.lead, size=CELL_SIZE)
    for index, (option_id, text) in enumerate(options):
        if index:
            add_run(paragraph, "  ", size=CELL_SIZE)
        add_option(paragraph, text, option_id in fill.ticked, fill.encoding, index)
    if style.suffix:
        add_run(paragraph, style.suffix, size=CELL_SIZE)


def _write_stacked(
    cell: _Cell, options: list[tuple[str, str]], fill: TickFill, style: OptionStyle, paragraph: Paragraph
) -> None:
    """Given a cell, write one option per paragraph starting at the given paragraph."""
    for index, (option_id, text) in enumerate(options):
        target = paragraph if index == 0 else cell.add_paragraph()
        add_option(target, text, option_id in fill.ticked, fill.encoding, index)
    if style.suffix:
        add_run(cell.add_paragraph(), style.suffix, size=CELL_SIZE)


def options_writer(ctx: Ctx, field_id: str, style: OptionStyle) -> CellWriter:
    """Given a choice field and its printed style, return a writer that fills its value cell."""
    options = list(ctx.spec(field_id).options.items())
    fill = ctx.ticks(field_id) or TickFill(frozenset())
    inline = style.inline or fill.inline

    def write(cell: _Cell) -> None:
        paragraph = cell.paragraphs[0]
        if style.prompt:
            add_run(paragraph, style.prompt, size=CELL_SIZE)
            paragraph = cell.add_paragraph()
        if inline:
            _write_inline(cell, options, fill, style, paragraph)
        else:
            _write_stacked(cell, options, fill, style, paragraph)
        if style.evidence_note:
            add_run(cell.add_paragraph(), EVIDENCE_NOTE, size=CELL_SIZE)

    return write
