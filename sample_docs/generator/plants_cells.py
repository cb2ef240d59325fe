"""Plants that rewrite single cells or ticks (the facts stay as generated)."""

from __future__ import annotations

from collections.abc import Callable

from sample_docs.builder.filling import TickFill, slot_key
from sample_docs.generator.draft import Draft
from sample_docs.generator.fill_text import named_paragraphs
from sample_docs.generator.numbers import r2_text

BLANK_CANDIDATES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "application": (
        ("industry.output_share_of_county", "2023"),
        ("industry.resource_sharing_desc", None),
        ("basic.county_authority_contact", None),
        ("green.co2_intensity_formula", None),
    ),
    "review": (
        ("industry.quality_brand_desc", None),
        ("basic.operator_contact", None),
        ("digital.services_desc", None),
        ("green.co2_intensity_formula", None),
    ),
}


def _value(draft: Draft, field_id: str, year: str | None = None) -> float:
    """Given a numeric cell, return its truth value."""
    value = draft.entries[slot_key(field_id, year)].value
    if not isinstance(value, int | float):
        raise TypeError(f"{field_id} {year} is not numeric")
    return float(value)


def blank_cell(draft: Draft) -> None:
    """Leave a required cell blank (required_missing)."""
    field_id, year = draft.rng.choice(BLANK_CANDIDATES[draft.form])
    draft.put(field_id, year, (), None, "missing")
    draft.plant("required_missing", field_id, year)


def wan_in_yi_row(draft: Draft) -> None:
    """Write 集群总产值 of one year in 万元 in the 亿元 row (unit_converted; value unchanged)."""
    year = draft.rng.choice(("2022", "2023", "2024"))
    value = _value(draft, "industry.total_output", year)
    draft.put("industry.total_output", year, (f"{round(value * 10000):,}万元",), value)
    draft.plant("unit_converted", "industry.total_output", year)


def three_decimals(draft: Draft) -> None:
    """Write 集群占地面积 with 3 decimals (decimal_places); the truth is rounded half-up (…5 rounds up)."""
    value = _value(draft, "basic.area")
    text = f"{value:.2f}{draft.rng.choice((3, 5, 5, 7))}"
    draft.put("basic.area", None, (text,), r2_text(text))
    draft.plant("decimal_places", "basic.area")


def about_number(draft: Draft) -> None:
    """Write 约N in a number cell (not_a_number, status invalid)."""
    field_id = (
        "innovation.pct_applications" if draft.form == "application" else "innovation.invention_patent_cagr"
    )
    draft.put(field_id, None, (f"约{round(_value(draft, field_id))}",), None, "invalid")
    draft.plant("not_a_number", field_id)


def two_ticks(draft: Draft) -> None:
    """Tick two boxes in 主导产业所属产业类型 (choice_multiple_ticked, invalid)."""
    encoding = draft.encodings[0]
    draft.ticks["basic.industry_type"] = TickFill(frozenset({"primary", "secondary"}), encoding)
    draft.truth_only("basic.industry_type", None, "invalid")
    draft.plant("choice_multiple_ticked", "basic.industry_type")


def no_tick(draft: Draft) -> None:
    """Tick nothing in 是否建立集群碳排放监测机制 (choice_none_ticked, missing); the empty boxes stay printed."""
    encoding = "glyph_check" if draft.encodings[0] == "check_no_box" else draft.encodings[0]
    draft.ticks["green.carbon_monitoring"] = TickFill(frozenset(), encoding, inline=True)
    draft.truth_only("green.carbon_monitoring", None, "missing")
    draft.plant("choice_none_ticked", "green.carbon_monitoring")


def make_tick(field_id: str, option: str, rules: tuple[str, ...]) -> Callable[[Draft], None]:
    """Given a choice field, an option and the rules it raises, return a plant ticking that option."""

    def plant(draft: Draft) -> None:
        draft.choice(field_id, option)
        for rule in rules:
            draft.plant(rule, field_id)

    return plant


def named_mismatch(draft: Draft) -> None:
    """Write a 数量 one higher than the names listed (named_count_mismatch)."""
    for field_id in (
        "green.provincial_green_manufacturing",
        "governance.industry_alliances",
        "digital.provincial_pilot_projects",
        "governance.other_service_platforms",
    ):
        value = draft.entries[field_id].value
        if isinstance(value, dict) and isinstance(value["names"], list) and value["names"]:
            names = [str(n) for n in value["names"]]
            paras, _ = named_paragraphs(draft, str(len(names) + 1), names)
            draft.put(field_id, None, paras, {"count": len(names) + 1, "names": list(names)})
            draft.plant("named_count_mismatch", field_id)
            return


def long_text(draft: Draft) -> None:
    """Make 集群产业链强链补链情况 longer than 200 characters (text_too_long)."""
    base = str(draft.entries["industry.chain_desc"].value or "")
    extra = "集群持续推进强链补链延链，引育配套企业，提升产业链供应链韧性和安全水平。"
    text = base.replace("\n", "") + extra * 4
    draft.put("industry.chain_desc", None, (text,), text)
    draft.plant("text_too_long", "industry.chain_desc")


def bad_phone(draft: Draft) -> None:
    """Write an implausible phone number (phone_invalid)."""
    text = draft.rng.choice(("1381234567", "0572-12345", "123456"))
    draft.put("basic.operator_phone", None, (text,), text)
    draft.plant("phone_invalid", "basic.operator_phone")


def future_date(draft: Draft) -> None:
    """Date the declaration in the future (date_invalid)."""
    draft.put("declaration.date", None, ("2030年5月20日",), "2030-05-20")
    draft.plant("date_invalid", "declaration.date")


def yi_slip(draft: Draft) -> None:
    """Write 2024 工业软件采购金额 in 亿元 in the 万元 row (trend_implausible)."""
    value = round(_value(draft, "digital.industrial_software_spend", "2024") / 10000, 2)
    draft.put("digital.industrial_software_spend", "2024", (f"{value:.2f}",), value)
    draft.plant("trend_implausible", "digital.industrial_software_spend", "2024")


def share_over_100(draft: Draft) -> None:
    """Write a county share above 100% (percent_out_of_range)."""
    text = f"{draft.rng.uniform(101, 130):.2f}"
    draft.put("industry.output_share_of_county", "2022", (text,), float(text))
    draft.plant("percent_out_of_range", "industry.output_share_of_county", "2022")
