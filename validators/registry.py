"""Which code raises each rule of rules.yaml: record checks here, extraction findings, batch rules.

A test asserts that every rule id of the catalogue appears in exactly one of these places.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from schema.record import ExceptionItem
from validators import consistency, criteria, field_rules, growth, names, plan_rules, review_rules
from validators.context import Context
from validators.submissions import BATCH_RULES

Check = Callable[[Context], list[ExceptionItem]]


@dataclass(frozen=True)
class RuleCheck:
    """A pure check over one record and the rule ids it may raise."""

    rules: tuple[str, ...]
    check: Check


# In the order validate() runs them (and reports their findings).
RECORD_CHECKS: tuple[RuleCheck, ...] = (
    RuleCheck(("required_missing", "choice_none_ticked"), field_rules.missing_items),
    RuleCheck(("negative_value", "percent_out_of_range"), field_rules.out_of_range_values),
    RuleCheck(("negative_value",), field_rules.negative_named_counts),
    RuleCheck(("text_too_long",), field_rules.texts_too_long),
    RuleCheck(("text_too_long",), field_rules.sections_too_long),
    RuleCheck(("attachment_required",), field_rules.attachments_required),
    RuleCheck(("evidence_required",), field_rules.evidence_required),
    RuleCheck(("named_count_mismatch",), field_rules.named_count_mismatches),
    RuleCheck(("date_invalid",), field_rules.dates_invalid),
    RuleCheck(("cluster_name_format",), names.cluster_name_format),
    RuleCheck(("cover_body_mismatch",), names.cover_body_mismatches),
    RuleCheck(("sme_count_exceeds_total",), consistency.sme_count_exceeds_total),
    RuleCheck(("tier_count_exceeds_total",), consistency.tier_count_exceeds_total),
    RuleCheck(("staff_count_inconsistent",), consistency.staff_count_inconsistent),
    RuleCheck(("ratio_inconsistent",), consistency.ratio_inconsistent),
    RuleCheck(("growth_inconsistent",), growth.growth_inconsistent),
    RuleCheck(("average_growth_inconsistent",), growth.average_growth_inconsistent),
    RuleCheck(("intensity_reduction_inconsistent",), growth.intensity_reduction_inconsistent),
    RuleCheck(("trend_implausible",), consistency.trend_implausible),
    RuleCheck(
        (
            "criterion_compliance",
            "criterion_efficiency_benchmark",
            "criterion_area",
            "criterion_output",
            "criterion_sme_share",
            "criterion_leading_share",
            "criterion_growth",
            "criterion_quality_firms",
            "criterion_rd_growth",
            "criterion_iip_rate",
            "criterion_relaxed_west",
        ),
        criteria.criteria,
    ),
    RuleCheck(("target_missing",), plan_rules.target_missing),
    RuleCheck(("target_baseline_mismatch",), plan_rules.target_baseline_mismatch),
    RuleCheck(("target_growth_requirement", "target_direction_requirement"), plan_rules.target_requirements),
    RuleCheck(("baseline_below_criteria",), plan_rules.baseline_below_criteria),
    RuleCheck(("stage_goals_not_increasing",), plan_rules.stage_goals_not_increasing),
    RuleCheck(("review_target_not_met",), review_rules.review_target_not_met),
    RuleCheck(("operator_changed",), review_rules.operator_changed),
)

# Raised while reading a document (extractors/, normalizers/); validate() never raises these again.
# date_invalid is shared: extraction reports unparseable dates, validate() dates after the run date.
EXTRACTION_RULES: frozenset[str] = frozenset(
    {
        "file_unreadable",
        "form_unrecognized",
        "section_missing",
        "layout_changed",
        "low_confidence",
        "seal_missing",
        "seal_over_value",
        "not_a_number",
        "decimal_places",
        "unit_converted",
        "unit_unknown",
        "integer_expected",
        "date_invalid",
        "phone_invalid",
        "choice_multiple_ticked",
    }
)

RECORD_RULES: frozenset[str] = frozenset(rule for check in RECORD_CHECKS for rule in check.rules)

# Every implemented rule id → where it is raised.
RULES: Mapping[str, str] = MappingProxyType(
    {
        **{rule: "extraction" for rule in EXTRACTION_RULES},
        **{rule: "batch" for rule in BATCH_RULES},
        **{
            rule: f"{check.check.__module__}.{check.check.__name__}"
            for check in RECORD_CHECKS
            for rule in check.rules
        },
    }
)
