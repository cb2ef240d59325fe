"""Build exception items from rules.yaml: severity and Chinese message come from the catalogue only."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import JsonValue

from schema.catalog import FieldSpec
from schema.record import ExceptionItem, Provenance
from schema.rules_catalog import RuleCatalogue, Severity, load_rule_catalogue


class _Placeholders(dict[str, object]):
    """Format mapping that fails loudly on a placeholder nobody filled."""

    def __missing__(self, key: str) -> object:
        raise KeyError(f"message placeholder {{{key}}} not supplied")


def year_text(year: str | None) -> str:
    """Given a year key, return how it reads inside a message ("2023年" or "")."""
    return f"{year}年" if year else ""


def build_exception(
    rule_id: str,
    *,
    field: FieldSpec | None = None,
    label: str | None = None,
    year: str | None = None,
    reason: str | None = None,
    params: Mapping[str, object] | None = None,
    value: JsonValue = None,
    location: Provenance | None = None,
    related: list[str] | None = None,
    severity: Severity | None = None,
    catalogue: RuleCatalogue | None = None,
) -> ExceptionItem:
    """Given a rule id and the facts of one finding, return the exception with its catalogue message.

    With a reason (required for rules that list `reasons:`), the message is that reason's message.
    The label defaults to the field's `display_label`, else its label; callers that know the record's
    form pass `label=spec.shown_label(form)`."""
    rules = catalogue or load_rule_catalogue()
    spec = rules.rule(rule_id)
    placeholders = _Placeholders(params or {})
    placeholders.setdefault("label", label or ((field.display_label or field.label) if field else ""))
    placeholders.setdefault("year", year_text(year))
    if field is not None and field.unit:
        placeholders.setdefault("unit", field.unit)
    return ExceptionItem(
        rule=rule_id,
        reason=reason,
        severity=severity or spec.severity,
        field=field.id if field else None,
        year=year,
        message=spec.message_for(reason).format_map(placeholders),
        value=value,
        location=location,
        related=related or [],
    )
