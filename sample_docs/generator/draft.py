"""A filing being generated: what goes into the document and, for each cell, its ground truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sample_docs.builder.filling import (
    CoverFill,
    Filling,
    LayoutFill,
    TargetRowFill,
    TickEncoding,
    TickFill,
    slot_key,
)
from sample_docs.generator.numbers import format_number, pick_style
from schema.catalog import FieldSpec, FormId, load_field_catalogue

Json = None | bool | int | float | str | list["Json"] | dict[str, "Json"]
COUNT_WORDS = {"个": ("个", "家"), "人": ("人",)}


@dataclass(frozen=True)
class Entry:
    """The ground truth of one cell: normalised value and status."""

    value: Json
    status: str = "present"


@dataclass(frozen=True)
class Planted:
    """One deliberate problem: the rules.yaml rule it should raise, where."""

    rule: str
    field: str | None = None
    year: str | None = None

    def to_json(self) -> dict[str, Json]:
        return {"rule": self.rule, "field": self.field, "year": self.year}


@dataclass
class Draft:
    """Mutable while one filing is generated; turned into a Filling and a truth record at the end."""

    form: FormId
    rng: random.Random
    encodings: tuple[TickEncoding, TickEncoding]
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ticks: dict[str, TickFill] = field(default_factory=dict)
    targets: dict[str, tuple[TargetRowFill, ...]] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    planted: list[Planted] = field(default_factory=list)
    render: dict[str, Json] = field(default_factory=dict)
    cover: CoverFill | None = None
    layout: LayoutFill = field(default_factory=LayoutFill)

    def spec(self, field_id: str) -> FieldSpec:
        """Given a field id, return its catalogue entry."""
        return load_field_catalogue().field(field_id)

    def on_form(self, field_id: str) -> bool:
        """Given a field id, return whether this draft's form prints it."""
        return self.form in self.spec(field_id).forms

    def put(
        self, field_id: str, year: str | None, paras: tuple[str, ...], value: Json, status: str = "present"
    ) -> None:
        """Given a cell, record what is written in it and its truth (ignored when not on the form)."""
        if not self.on_form(field_id):
            return
        key = slot_key(field_id, year)
        self.texts[key] = paras
        self.entries[key] = Entry(value, status)

    def truth_only(self, field_id: str, value: Json, status: str = "present") -> None:
        """Given a field written elsewhere (ticks, cover, tables), record only its truth."""
        if self.on_form(field_id):
            self.entries[field_id] = Entry(value, status)

    def number(self, field_id: str, year: str | None, value: float) -> None:
        """Given a numeric cell and its value in the row unit, write it in a random style."""
        spec = self.spec(field_id)
        integer = spec.type == "integer"
        unit = self.rng.choice(COUNT_WORDS.get(spec.unit or "", (spec.unit or "",)))
        text = format_number(value, unit, pick_style(self.rng, value), self.rng, integer=integer)
        self.put(field_id, year, (text,), int(value) if integer else value)

    def series(self, field_id: str, values: tuple[float, float, float] | tuple[int, int, int]) -> None:
        """Given a year-series field and its three values, write the three cells."""
        for year, value in zip(("2022", "2023", "2024"), values, strict=True):
            self.number(field_id, year, value)

    def choice(self, field_id: str, option: str) -> None:
        """Given a choice field, tick exactly one option."""
        if self.on_form(field_id):
            inline = self.rng.random() < 0.3
            self.ticks[field_id] = TickFill(frozenset({option}), self.encodings[0], inline)
            self.entries[field_id] = Entry(option)

    def multi(self, field_id: str, options: list[str]) -> None:
        """Given a multi_choice field, tick the options (truth in printed order)."""
        if self.on_form(field_id):
            printed = [o for o in self.spec(field_id).options if o in options]
            self.ticks[field_id] = TickFill(frozenset(options), self.encodings[1])
            self.entries[field_id] = Entry(list(printed))

    def plant(self, rule: str, field_id: str | None = None, year: str | None = None) -> None:
        """Given a rule id and where, list a deliberate problem."""
        self.planted.append(Planted(rule, field_id, year))

    def filling(self) -> Filling:
        """Return everything written, as the builder's Filling."""
        return Filling(
            texts=dict(self.texts),
            ticks=dict(self.ticks),
            targets=dict(self.targets),
            cover=self.cover,
            layout=self.layout,
        )
