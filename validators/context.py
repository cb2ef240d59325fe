"""What every rule sees: the record, both catalogues, the criteria profile and the run date."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import JsonValue

from schema.catalog import FieldCatalogue, FieldSpec, FormId
from schema.record import ExceptionItem, FieldEntry, Record
from schema.rules_catalog import Profile, RuleCatalogue, Severity
from validators.exceptions import build_exception
from validators.values import location_at, number_at


@dataclass(frozen=True)
class Context:
    """One record under validation, with everything a rule needs to judge it."""

    record: Record
    catalogue: FieldCatalogue
    rules: RuleCatalogue
    profile: Profile
    run_date: datetime.date

    @property
    def form(self) -> FormId:
        return self.record.form

    def specs(self) -> tuple[FieldSpec, ...]:
        """Return the specs of the record's form, in printed order."""
        return self.catalogue.fields_for(self.form)

    def spec(self, field_id: str) -> FieldSpec:
        return self.catalogue.field(field_id)

    def on_form(self, field_id: str) -> bool:
        """Given a field id, return whether the record's form prints it."""
        return self.form in self.spec(field_id).forms

    def entry(self, field_id: str) -> FieldEntry | None:
        return self.record.fields.get(field_id)

    def number(self, field_id: str, year: str | None = None) -> float | None:
        """Given a field id and a year key, return the present number there, else None."""
        return number_at(self.entry(field_id), year)

    def numbers(self, field_id: str) -> dict[str, float]:
        """Given a year-series field id, return its present numbers keyed by year."""
        years = self.spec(field_id).year_keys
        found = {year: self.number(field_id, year) for year in years}
        return {year: value for year, value in found.items() if value is not None}

    def label(self, field_id: str) -> str:
        return self.spec(field_id).shown_label(self.form)

    def finding(
        self,
        rule_id: str,
        field_id: str | None,
        *,
        year: str | None = None,
        params: Mapping[str, object] | None = None,
        value: JsonValue = None,
        related: list[str] | None = None,
        severity: Severity | None = None,
    ) -> ExceptionItem:
        """Given a rule id and the facts of one finding, return its exception (location from the entry)."""
        spec = self.spec(field_id) if field_id else None
        return build_exception(
            rule_id,
            field=spec,
            label=self.label(field_id) if field_id else None,
            year=year,
            params=params,
            value=value,
            location=location_at(self.entry(field_id), year) if field_id else None,
            related=related,
            severity=severity,
            catalogue=self.rules,
        )
