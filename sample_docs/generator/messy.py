"""Deliberate problems (plants), each listed in the truth's "planted" with its rules.yaml rule id.

Three kinds: criteria knobs shape the facts before anything is written (facts.CRITERIA_KNOBS),
fact plants tweak one reported number so it disagrees with the others, and cell plants rewrite
a cell, a tick, a name or a target after filling.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from sample_docs.generator import plants_cells as cells
from sample_docs.generator import plants_plan as plan
from sample_docs.generator.draft import Draft
from sample_docs.generator.facts import Facts, IndustryFacts
from sample_docs.generator.numbers import r2
from sample_docs.generator.people import operator
from schema.catalog import FormId

TARGETS = "plan.three_year_targets"
KNOB_RULES: dict[str, tuple[tuple[str, str | None, str | None], ...]] = {
    "criterion_output": (("criterion_output", "industry.total_output", "2022"),),
    "criterion_sme_share": (("criterion_sme_share", "industry.sme_output_share", "2023"),),
    "criterion_leading_share": (("criterion_leading_share", "industry.leading_output_share", "2022"),),
    "criterion_growth": (
        ("criterion_growth", "industry.leading_output_cagr", None),
        ("baseline_below_criteria", TARGETS, None),
    ),
    "criterion_rd_growth": (("criterion_rd_growth", "innovation.rd_expenditure", None),),
    "criterion_iip_rate": (
        ("criterion_iip_rate", "digital.iip_penetration_rate", "2024"),
        ("baseline_below_criteria", TARGETS, None),
    ),
    "criterion_area": (("criterion_area", "basic.area", None),),
}
FACT_RULES: dict[str, tuple[str, str, str | None]] = {
    "average_growth": ("average_growth_inconsistent", "industry.leading_output_cagr", None),
    "intensity_reduction": (
        "intensity_reduction_inconsistent",
        "green.energy_intensity_reduction_rate",
        None,
    ),
    "ratio": ("ratio_inconsistent", "digital.cloud_adoption_rate", "2024"),
    "growth": ("growth_inconsistent", "innovation.rd_expenditure_growth", "2023"),
    "sme_exceeds": ("sme_count_exceeds_total", "industry.sme_count", "2023"),
    "staff": ("staff_count_inconsistent", "innovation.sme_rd_staff_count", "2022"),
}
NAME_RULES: dict[str, tuple[str, str]] = {
    "cover_operator": ("cover_body_mismatch", "cover.operator"),
    "name_province": ("cluster_name_format", "cover.cluster_name"),
}
CELL_PLANTS: dict[str, Callable[[Draft], None]] = {
    "blank": cells.blank_cell,
    "wan_in_yi": cells.wan_in_yi_row,
    "decimals": cells.three_decimals,
    "about": cells.about_number,
    "two_ticks": cells.two_ticks,
    "no_tick": cells.no_tick,
    "restricted": cells.make_tick("basic.restricted_industry", "yes", ("criterion_compliance",)),
    "violations": cells.make_tick("basic.violations", "yes", ("attachment_required", "criterion_compliance")),
    "energy_benchmark": cells.make_tick(
        "basic.energy_efficiency_benchmark", "no", ("criterion_efficiency_benchmark",)
    ),
    "operator_changed": cells.make_tick("basic.operator_changed", "yes", ("operator_changed",)),
    "named": cells.named_mismatch,
    "long": cells.long_text,
    "phone": cells.bad_phone,
    "date": cells.future_date,
    "slip": cells.yi_slip,
    "over_100": cells.share_over_100,
    "rd_target": plan.rd_target_too_low,
    "patent_baseline": plan.patent_baseline_off,
    "energy_target": plan.energy_target_up,
    "co2_target": plan.co2_target_blank,
    "completion": plan.completion_missed,
    "stage": plan.stage_goals_fall,
}
APPLICATION_ONLY = frozenset({"staff", "slip", "over_100"})
REVIEW_ONLY = frozenset({"operator_changed", "completion"})
# Round-robin order: plants k, k+3, k+6 … go to the k-th messy filing of a form; neighbours that
# would interfere (same field or a criterion they would mask) are 3 apart in this order.
PLANT_ORDER = (
    "blank",
    "wan_in_yi",
    "decimals",
    "about",
    "two_ticks",
    "no_tick",
    "criterion_output",
    "ratio",
    "criterion_growth",
    "sme_exceeds",
    "average_growth",
    "growth",
    "named",
    "long",
    "phone",
    "date",
    "criterion_sme_share",
    "intensity_reduction",
    "restricted",
    "violations",
    "energy_benchmark",
    "rd_target",
    "patent_baseline",
    "energy_target",
    "co2_target",
    "stage",
    "criterion_iip_rate",
    "criterion_area",
    "criterion_leading_share",
    "criterion_rd_growth",
    "cover_operator",
    "name_province",
    "staff",
    "slip",
    "over_100",
    "operator_changed",
    "completion",
)


def _on_form(name: str, form: FormId) -> bool:
    """Given a plant name, return whether it applies to the form."""
    return not (
        (form == "review" and name in APPLICATION_ONLY) or (form == "application" and name in REVIEW_ONLY)
    )


def choose_plants(form: FormId, index: int, spread: int = 3) -> tuple[str, ...]:
    """Given a form and a filing index, return its plants (round-robin over PLANT_ORDER)."""
    usable = [name for name in PLANT_ORDER if _on_form(name, form)]
    slot = (index // 2) % spread
    return tuple(name for position, name in enumerate(usable) if position % spread == slot)


def growth_methods(ind: IndustryFacts) -> tuple[float, float, float]:
    """Given the industry numbers, return 年均增速 by each accepted method (2021 base, mean, 2022 base)."""
    levels = [t * s for t, s in zip(ind.total, ind.leading_share, strict=True)]
    base_2021 = levels[0] / (1 + ind.leading_growth[0] / 100)
    return (
        (levels[2] / base_2021) ** (1 / 3) * 100 - 100,
        sum(ind.leading_growth) / 3,
        (levels[2] / levels[0]) ** 0.5 * 100 - 100,
    )


def adjust_facts(facts: Facts, plants: tuple[str, ...], rng: random.Random) -> Facts:
    """Given generated facts, return them with the fact plants' reported numbers changed."""
    ind, inn, dig, green = facts.industry_facts, facts.innovation, facts.digital, facts.green
    if "average_growth" in plants:
        ind = replace(ind, cagr=r2(max(growth_methods(ind)) + rng.uniform(4, 7)))
    if "sme_exceeds" in plants:
        ind = replace(
            ind, enterprises=(ind.enterprises[0], ind.smes[1] - rng.randint(3, 20), ind.enterprises[2])
        )
    if "growth" in plants:
        inn = replace(inn, rd_growth=(inn.rd_growth[0], r2(inn.rd_growth[1] + 7), inn.rd_growth[2]))
    if "staff" in plants:
        inn = replace(inn, rd_staff=(inn.employees[0] + rng.randint(50, 300), *inn.rd_staff[1:]))
    if "ratio" in plants:
        rate = dig.cloud_rate[2]
        dig = replace(dig, cloud_rate=(*dig.cloud_rate[:2], r2(rate + 9 if rate < 90 else rate - 9)))
    if "intensity_reduction" in plants:
        green = replace(green, energy_reduction=r2(green.energy_reduction + 6))
    return replace(facts, industry_facts=ind, innovation=inn, digital=dig, green=green)


def adjust_names(names: dict[str, str], facts: Facts, plants: tuple[str, ...], rng: random.Random) -> None:
    """Given the shared names, change the cover operator or the name's province for name plants."""
    if "cover_operator" in plants:
        while names["cover_operator"] == names["operator"]:
            names["cover_operator"] = operator(rng, facts.place, facts.industry)
    if "name_province" in plants:
        other = "江苏省" if facts.place.province != "江苏省" else "浙江省"
        names["cluster"] = names["cluster"].replace(facts.place.province, other, 1)


def apply_plants(draft: Draft, plants: tuple[str, ...]) -> None:
    """Given a filled draft, apply the cell plants and list every plant of the filing."""
    for name in plants:
        for rule, field_id, year in KNOB_RULES.get(name, ()):
            draft.plant(rule, field_id, year)
        if name in FACT_RULES:
            draft.plant(*FACT_RULES[name])
        if name in NAME_RULES:
            draft.plant(*NAME_RULES[name])
        if name in CELL_PLANTS:
            CELL_PLANTS[name](draft)
