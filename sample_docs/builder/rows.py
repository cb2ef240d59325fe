"""Row kinds of the section tables; each turns into one or more rows of cell specs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sample_docs.builder.context import Ctx
from sample_docs.builder.options import OptionStyle, options_writer
from sample_docs.builder.table import CellSpec, VMerge

YEARS: tuple[str, ...] = ("2022", "2023", "2024")
NAMED_BLANK: tuple[str, ...] = ("数量：     个", "名称：     ")
Specs = list[list[CellSpec]]


@dataclass(frozen=True)
class Layout:
    """A section table's grid: column widths, the spans of the three year columns, the sub-label span."""

    widths: tuple[float, ...]
    year_spans: tuple[int, int, int] = (1, 1, 1)
    sub_span: int = 1

    @property
    def value_span(self) -> int:
        return len(self.widths) - 1

    @property
    def sub_value_span(self) -> int:
        return self.value_span - self.sub_span


@dataclass(frozen=True)
class Counted:
    """A count cell printed as '___个' over a （需提供清单…） note."""

    note: str


Content = OptionStyle | Counted | str


class Row(Protocol):
    def specs(self, ctx: Ctx, layout: Layout) -> Specs: ...


def value_cell(ctx: Ctx, field_id: str, content: Content, span: int, year: str | None = None) -> CellSpec:
    """Given a field and how its value cell is printed, return the filled (or blank) cell spec."""
    if isinstance(content, OptionStyle):
        return CellSpec(span=span, writer=options_writer(ctx, field_id, content))
    written = ctx.filling.text(field_id, year)
    if written:
        return CellSpec(written, span=span)
    if isinstance(content, Counted):
        return CellSpec(("                  个", content.note), span=span)
    return CellSpec(NAMED_BLANK if content == "named" else ("",), span=span)


@dataclass(frozen=True)
class YearHeader:
    """The 年度 | 2022年 | 2023年 | 2024年 header row."""

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        years = [
            CellSpec((f"{y}年",), span=s, center=True) for y, s in zip(YEARS, layout.year_spans, strict=True)
        ]
        return [[CellSpec(("年度",), center=True), *years]]


@dataclass(frozen=True)
class YearRow:
    """A label with one value cell per year."""

    field_id: str
    label: str

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        label = CellSpec((ctx.label(self.field_id, self.label),))
        values = [
            value_cell(ctx, self.field_id, "text", s, y)
            for y, s in zip(YEARS, layout.year_spans, strict=True)
        ]
        return [[label, *values]]


@dataclass(frozen=True)
class ValueRow:
    """A label with one value cell spanning the rest of the row."""

    field_id: str
    label: str
    content: Content = "text"

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        label = CellSpec((ctx.label(self.field_id, self.label),))
        return [[label, value_cell(ctx, self.field_id, self.content, layout.value_span)]]


@dataclass(frozen=True)
class PairRow:
    """label | value | label | value (the 联系人 / 联系方式 rows of 一、基本情况)."""

    left_id: str
    left_label: str
    right_id: str
    right_label: str
    right_content: Content = "text"

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        return [
            [
                CellSpec((ctx.label(self.left_id, self.left_label),)),
                value_cell(ctx, self.left_id, "text", 1),
                CellSpec((ctx.label(self.right_id, self.right_label),)),
                value_cell(ctx, self.right_id, self.right_content, 1),
            ]
        ]


@dataclass(frozen=True)
class SubRow:
    """Inside a group: sub-label | value."""

    field_id: str
    label: str
    content: Content = "text"

    def cells(self, ctx: Ctx, layout: Layout) -> list[CellSpec]:
        label = CellSpec((ctx.label(self.field_id, self.label),), span=layout.sub_span)
        return [label, value_cell(ctx, self.field_id, self.content, layout.sub_value_span)]


@dataclass(frozen=True)
class WideRow:
    """Inside a group: one cell across sub-label and value (an option group with its prompt)."""

    field_id: str
    content: Content

    def cells(self, ctx: Ctx, layout: Layout) -> list[CellSpec]:
        return [value_cell(ctx, self.field_id, self.content, layout.value_span)]


@dataclass(frozen=True)
class YearSubRow:
    """Inside a group: 2022年 | value (the 五、绿色化 intensity rows)."""

    field_id: str
    year: str

    def cells(self, ctx: Ctx, layout: Layout) -> list[CellSpec]:
        label = CellSpec((f"{self.year}年",), span=layout.sub_span, center=True)
        return [label, value_cell(ctx, self.field_id, "text", layout.sub_value_span, self.year)]


@dataclass(frozen=True)
class NoteRow:
    """Inside a group: a printed note across sub-label and value; a written formula follows it."""

    note: str
    field_id: str

    def cells(self, ctx: Ctx, layout: Layout) -> list[CellSpec]:
        return [CellSpec((self.note, *ctx.filling.text(self.field_id)), span=layout.value_span)]


Member = SubRow | WideRow | YearSubRow | NoteRow


@dataclass(frozen=True)
class GroupBlock:
    """A vertically merged group title beside several member rows."""

    group_id: str
    title: tuple[str, ...]
    members: tuple[Member, ...]

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        rows: Specs = []
        for index, member in enumerate(self.members):
            merge: VMerge = "restart" if index == 0 else "continue"
            title = CellSpec(
                tuple(ctx.label(self.group_id, t) for t in self.title) if index == 0 else (), vmerge=merge
            )
            rows.append([title, *member.cells(ctx, layout)])
        return rows


@dataclass(frozen=True)
class FillerRow:
    """A row the filer inserted (备注, or a blank row)."""

    label: str
    value: str

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        return [[CellSpec((self.label,)), CellSpec((self.value,), span=layout.value_span)]]


def _row_field_ids(row: Row) -> list[str]:
    """Given a row, return the field ids it prints."""
    ids = [getattr(row, name, None) for name in ("field_id", "left_id", "right_id")]
    members = getattr(row, "members", ())
    return [i for i in ids if isinstance(i, str)] + [m.field_id for m in members]


def on_form(ctx: Ctx, rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """Given rows, return those whose fields are all printed on the context's form (groups trimmed)."""
    kept: list[Row] = []
    for row in rows:
        if isinstance(row, GroupBlock):
            members = tuple(m for m in row.members if ctx.form in ctx.spec(m.field_id).forms)
            if members:
                kept.append(GroupBlock(row.group_id, row.title, members))
        elif all(ctx.form in ctx.spec(i).forms for i in _row_field_ids(row)):
            kept.append(row)
    return tuple(kept)
