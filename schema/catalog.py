"""The field catalogue (fields.yaml): typed, loaded and checked once."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

FormId = Literal["application", "review"]
FieldType = Literal[
    "text",
    "long_text",
    "integer",
    "decimal",
    "percent",
    "choice",
    "multi_choice",
    "named_count",
    "target_table",
    "date",
    "phone",
    "region",
    "boolean",
]
NUMERIC_TYPES: frozenset[str] = frozenset({"integer", "decimal", "percent"})
FORM_IDS: tuple[FormId, ...] = ("application", "review")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Indicator(_Frozen):
    """One canonical row of a target table."""

    label: str
    direction: str
    better: Literal["higher", "lower"] | None = None
    requirement: str | None = None


class Requirement(_Frozen):
    """One of the plan's requirements a–g on the 2027 targets."""

    text: str
    indicator: str
    rule: str


class SectionSpec(_Frozen):
    id: str
    title: str
    form_titles: dict[FormId, str] = Field(default_factory=dict)
    max_chars_total: int | None = None
    note: str | None = None

    def title_for(self, form: FormId) -> str:
        return self.form_titles.get(form, self.title)


class GroupSpec(_Frozen):
    id: str
    title: str
    forms: tuple[FormId, ...]
    form_titles: dict[FormId, str] = Field(default_factory=dict)
    note: str | None = None

    def title_for(self, form: FormId) -> str:
        return self.form_titles.get(form, self.title)


class FieldSpec(_Frozen):
    """One fillable item of the forms (one entry of fields.yaml)."""

    id: str
    label: str
    forms: tuple[FormId, ...]
    type: FieldType
    required: bool
    form_labels: dict[FormId, str] = Field(default_factory=dict)
    unit: str | None = None
    years: tuple[int, ...] = ()
    options: dict[str, str] = Field(default_factory=dict)
    attachment_if: str | None = None
    max_chars: int | None = None
    evidence_required: bool = False
    list_required: bool = False
    scan_only: bool = False
    group: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    directions: tuple[str, ...] = ()
    indicators: dict[str, Indicator] = Field(default_factory=dict)
    requirements: dict[str, Requirement] = Field(default_factory=dict)
    note: str | None = None
    display_label: str | None = None

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def year_keys(self) -> tuple[str, ...]:
        return tuple(str(y) for y in self.years)

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def label_for(self, form: FormId) -> str:
        """Given a form, return the label printed on it (what mapping looks for)."""
        return self.form_labels.get(form, self.label)

    def shown_label(self, form: FormId) -> str:
        """Given a form, return the name to show an operator: `display_label` where the printed label
        reads badly alone (the date lines printed only as 年月日), else the printed label."""
        return self.display_label or self.label_for(form)


class FieldCatalogue(_Frozen):
    """The whole data dictionary."""

    version: int
    forms: dict[FormId, str]
    sections: tuple[SectionSpec, ...]
    types: dict[str, str]
    statuses: dict[str, str]
    units: tuple[str, ...]
    groups: tuple[GroupSpec, ...]
    fields: tuple[FieldSpec, ...]
    _by_id: Mapping[str, FieldSpec] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_ids(self) -> FieldCatalogue:
        ids = [f.id for f in self.fields]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"duplicate field ids: {sorted(duplicates)}")
        section_ids = {s.id for s in self.sections}
        stray = [f.id for f in self.fields if f.section not in section_ids]
        if stray:
            raise ValueError(f"fields outside known sections: {stray}")
        return self

    def fields_for(self, form: FormId) -> tuple[FieldSpec, ...]:
        """Given a form id, return its fields in catalogue (printed) order."""
        return tuple(f for f in self.fields if form in f.forms)

    def model_post_init(self, context: object, /) -> None:
        self._by_id = MappingProxyType({spec.id: spec for spec in self.fields})

    def by_id(self) -> Mapping[str, FieldSpec]:
        """Return every field spec keyed by its id."""
        return self._by_id

    def field(self, field_id: str) -> FieldSpec:
        """Given a field id, return its spec (KeyError for an unknown id)."""
        return self._by_id[field_id]

    def section(self, section_id: str) -> SectionSpec:
        for spec in self.sections:
            if spec.id == section_id:
                return spec
        raise KeyError(section_id)

    def group(self, group_id: str) -> GroupSpec:
        for spec in self.groups:
            if spec.id == group_id:
                return spec
        raise KeyError(group_id)


def read_yaml_resource(name: str) -> object:
    """Given a file name inside the schema package, return its parsed YAML."""
    text = resources.files("schema").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_YAML_LOADER)


@cache
def load_field_catalogue() -> FieldCatalogue:
    """Return the project's field catalogue, parsed and checked once per process."""
    return FieldCatalogue.model_validate(read_yaml_resource("fields.yaml"))
