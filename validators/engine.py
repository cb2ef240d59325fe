"""validate(): run every record-level rule over one filing and return the new findings."""

from __future__ import annotations

import datetime

from schema.catalog import load_field_catalogue
from schema.record import ExceptionItem, Record
from schema.rules_catalog import Profile, load_rule_catalogue
from validators.context import Context
from validators.profiles import default_profile
from validators.registry import RECORD_CHECKS


def finding_key(item: ExceptionItem) -> tuple[str, str | None, str | None]:
    return item.rule, item.field, item.year


def validate(
    record: Record, profile: Profile | None = None, *, run_date: datetime.date | None = None
) -> list[ExceptionItem]:
    """Given a record (with extraction's findings), return the validators' new findings, in check order.

    profile None selects national_2022; run_date (default today) bounds dates such as 申报时间.
    A finding already in record.exceptions (same rule, field and year) is not reported again.
    """
    ctx = Context(
        record=record,
        catalogue=load_field_catalogue(),
        rules=load_rule_catalogue(),
        profile=profile or default_profile(),
        run_date=run_date or datetime.date.today(),
    )
    known = {finding_key(item) for item in record.exceptions}
    return [item for check in RECORD_CHECKS for item in check.check(ctx) if finding_key(item) not in known]


def reading_findings(
    record: Record, profile: Profile | None, run_date: datetime.date | None
) -> list[ExceptionItem]:
    """Given a machine record (with all its findings), return those of the reading: every finding the
    validators would not raise again on the same values."""
    bare = record.model_copy(update={"exceptions": []})
    again = {finding_key(item) for item in validate(bare, profile, run_date=run_date)}
    return [item for item in record.exceptions if finding_key(item) not in again]
