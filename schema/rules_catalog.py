"""The validation rule catalogue (rules.yaml): rules, tolerances and criteria profiles."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schema.catalog import FormId, read_yaml_resource

Severity = Literal["error", "warning", "info"]
Comparison = Literal[">=", ">", "<=", "<"]
Category = Literal["document", "field", "consistency", "criteria", "plan", "batch", "evidence"]
CHECKLIST_CATEGORY: Category = "evidence"
"""Findings of this category are a checklist shown beside a filing, not rows of the exception queue,
and never part of a filing's verdict (rules.yaml v2)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RuleSpec(_Frozen):
    """One rule of the catalogue: its Chinese title and message, and the messages of its reasons."""

    id: str
    title: str
    severity: Severity
    category: Category
    description: str
    message: str
    fields: tuple[str, ...] = ()
    forms: tuple[FormId, ...] = ()
    reasons: dict[str, str] = Field(default_factory=dict)

    @property
    def is_checklist(self) -> bool:
        """Whether the rule's findings form a checklist (佐证材料) rather than queue rows."""
        return self.category == CHECKLIST_CATEGORY

    def message_for(self, reason: str | None) -> str:
        """Given a reason code (or None), return the message template to fill.

        A rule with reasons requires one of them; a rule without reasons takes none."""
        if reason is None:
            if self.reasons:
                raise ValueError(f"rule {self.id} needs a reason, one of {sorted(self.reasons)}")
            return self.message
        if reason not in self.reasons:
            raise ValueError(f"rule {self.id} has no reason {reason!r} (known: {sorted(self.reasons)})")
        return self.reasons[reason]


class Tolerances(_Frozen):
    percent_points: float
    relative: float
    growth_methods: tuple[str, ...]


class Threshold(_Frozen):
    op: Comparison
    value: float
    severity: Severity | None = None


class QualityFirms(_Frozen):
    champion_or_giant_min: int
    specialized_innovative_hightech_min: int


class Profile(_Frozen):
    """Recognition-criteria thresholds of one jurisdiction."""

    title: str
    area_km2: Threshold
    total_output_each_year: Threshold
    sme_output_share: Threshold
    leading_output_share: Threshold
    leading_output_cagr: Threshold
    quality_firms: QualityFirms
    rd_expenditure_cagr: Threshold
    iip_penetration_rate: Threshold
    western_relaxed: bool = False


class RuleCatalogue(_Frozen):
    version: int
    severities: dict[Severity, str]
    tolerances: Tolerances
    profiles: dict[str, Profile]
    western_provinces: tuple[str, ...]
    rules: tuple[RuleSpec, ...] = Field(default_factory=tuple)

    @model_validator(mode="after")
    def _check_ids(self) -> RuleCatalogue:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate rule ids in rules.yaml")
        return self

    def rule(self, rule_id: str) -> RuleSpec:
        for spec in self.rules:
            if spec.id == rule_id:
                return spec
        raise KeyError(f"unknown rule id: {rule_id}")


@cache
def load_rule_catalogue() -> RuleCatalogue:
    """Return the project's rule catalogue, parsed and checked once per process."""
    return RuleCatalogue.model_validate(read_yaml_resource("rules.yaml"))
