"""Stage `coerced_to_entry`: normalised values to a record entry plus extraction exceptions."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.mapping.coerce import Coerced
from normalizers.findings import Finding
from schema.catalog import FieldSpec
from schema.exceptions import build_exception
from schema.record import ExceptionItem, FieldEntry, Provenance, Status


@dataclass(frozen=True, slots=True)
class MappedField:
    """A field's record entry and the exceptions its extraction raised."""

    entry: FieldEntry
    exceptions: tuple[ExceptionItem, ...] = ()


def finding_to_exception(
    spec: FieldSpec, finding: Finding, coerced: Coerced, year: str | None
) -> ExceptionItem:
    """Given a normalisation finding, return the catalogue exception for it."""
    value = coerced.normalized.value if coerced.normalized.value is not None else coerced.normalized.raw
    return build_exception(
        finding.rule, field=spec, year=year, params=finding.params, value=value, location=coerced.provenance
    )


def single_entry(spec: FieldSpec, coerced: Coerced) -> MappedField:
    """Given a single-valued field's normalised value, return its entry and exceptions."""
    result = coerced.normalized
    entry = FieldEntry(
        value=result.value, status=result.status, raw=result.raw, provenance=coerced.provenance
    )
    exceptions = tuple(finding_to_exception(spec, f, coerced, None) for f in result.findings)
    return MappedField(entry, exceptions)


def year_entry(spec: FieldSpec, by_year: dict[str, Coerced]) -> MappedField:
    """Given each year's normalised value (years absent = missing), return the year-series entry."""
    values: dict[str, object] = {}
    statuses: dict[str, Status] = {}
    raws: dict[str, str | None] = {}
    provenance: dict[str, Provenance | None] = {}
    exceptions: list[ExceptionItem] = []
    for year in spec.year_keys:
        coerced = by_year.get(year)
        values[year] = coerced.normalized.value if coerced else None
        statuses[year] = coerced.normalized.status if coerced else "missing"
        raws[year] = coerced.normalized.raw if coerced else None
        provenance[year] = coerced.provenance if coerced else None
        if coerced:
            exceptions.extend(
                finding_to_exception(spec, f, coerced, year) for f in coerced.normalized.findings
            )
    entry = FieldEntry.model_validate(
        {"value": values, "status": statuses, "raw": raws, "provenance": provenance}
    )
    return MappedField(entry, tuple(exceptions))


def missing_entry(spec: FieldSpec) -> FieldEntry:
    """Given a field, return the entry of a value that was not found."""
    if spec.years:
        return FieldEntry.model_validate(
            {"value": dict.fromkeys(spec.year_keys), "status": dict.fromkeys(spec.year_keys, "missing")}
        )
    return FieldEntry(value=None, status="missing")
