"""Fill the numeric rows of 二 to 五 from the facts."""

from __future__ import annotations

from sample_docs.generator.draft import Draft
from sample_docs.generator.facts import Facts

STANDARD_PREFIX = "innovation.standards_"
NONE_WORDS = ("无", "暂无", "—")


def fill_industry_numbers(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill the year rows of 二、主导产业情况 and the 年均增速."""
    ind = facts.industry_facts
    rows = (
        ("industry.total_output", ind.total),
        ("industry.output_share_of_county", ind.county_share),
        ("industry.sme_output_share", ind.sme_share),
        ("industry.leading_output_share", ind.leading_share),
        ("industry.leading_output_growth", ind.leading_growth),
        ("industry.enterprise_count", ind.enterprises),
        ("industry.sme_count", ind.smes),
        ("industry.provincial_specialized_sme_count", ind.specialized),
        ("industry.little_giant_count", ind.giants),
        ("industry.single_champion_count", ind.champions),
        ("industry.high_tech_enterprise_count", ind.hightech),
        ("industry.innovative_sme_count", ind.innovative),
        ("industry.listed_sme_count", ind.listed),
        ("industry.pre_listing_sme_count", ind.prelisting),
        ("industry.fdi_amount", ind.fdi),
        ("industry.fdi_growth", ind.fdi_growth),
        ("industry.export_amount", ind.export),
        ("industry.export_growth", ind.export_growth),
    )
    for field_id, values in rows:
        draft.series(field_id, values)
    draft.number("industry.leading_output_cagr", None, ind.cagr)
    if draft.rng.random() < 0.25 and draft.on_form("industry.fdi_amount"):
        no_foreign_investment(draft)


def no_foreign_investment(draft: Draft) -> None:
    """Answer 无 / — for 外商直接投资额 and its growth in every year (explicit_none, no rule needs them)."""
    word = draft.rng.choice(NONE_WORDS)
    for field_id in ("industry.fdi_amount", "industry.fdi_growth"):
        for year in ("2022", "2023", "2024"):
            draft.put(field_id, year, (word,), None, "explicit_none")
    draft.render["fdi"] = word


def fill_innovation_numbers(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill the numeric rows of 三、创新能力情况."""
    inn = facts.innovation
    draft.series("innovation.rd_intensity", inn.rd_intensity)
    draft.series("innovation.rd_expenditure", inn.rd)
    draft.series("innovation.rd_expenditure_growth", inn.rd_growth)
    draft.series("innovation.sme_employee_count", inn.employees)
    draft.series("innovation.sme_rd_staff_count", inn.rd_staff)
    for key, values in inn.standards:
        for year, value in zip(("2022", "2023", "2024"), values, strict=True):
            draft.put(STANDARD_PREFIX + key, year, (str(value),), value)
    draft.number("innovation.pct_applications", None, inn.pct)
    draft.number("innovation.invention_patent_cagr", None, inn.patent_cagr)
    draft.number("innovation.invention_patents_per_10k_staff", None, inn.patents_per_10k)
    count = f"{inn.patents:,}" if draft.rng.random() < 0.4 else str(inn.patents)
    draft.put(
        "innovation.invention_patent_count", None, (f"{count}个", "（需提供清单及佐证材料）"), inn.patents
    )


def fill_digital_numbers(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill the year rows of 四、数字化升级情况."""
    dig = facts.digital
    draft.series("digital.cloud_sme_count", dig.cloud)
    draft.series("digital.cloud_adoption_rate", dig.cloud_rate)
    draft.series("digital.iip_sme_count", dig.iip)
    draft.series("digital.iip_penetration_rate", dig.iip_rate)
    draft.series("digital.rd_tool_penetration_rate", dig.rd_tool_rate)
    draft.series("digital.industrial_software_spend", dig.software)
    draft.choice("digital.industrial_software_rising", "yes")


def fill_green_numbers(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill the numbers and single choices of 五、绿色化转型情况."""
    green, rng = facts.green, draft.rng
    draft.choice("green.carbon_monitoring", rng.choice(("yes", "no")))
    draft.series("green.co2_intensity", green.co2)
    draft.series("green.energy_intensity", green.energy)
    co2_formula = rng.choice(
        (
            "单位产值二氧化碳排放量=集群二氧化碳排放总量（吨）÷集群总产值（万元）",
            "计算公式：二氧化碳排放总量/工业总产值",
        )
    )
    energy_formula = rng.choice(
        (
            "单位产值能耗=集群综合能源消费量（吨标准煤）÷集群总产值（万元）",
            "计算公式：综合能耗总量/工业总产值",
        )
    )
    draft.put("green.co2_intensity_formula", None, (co2_formula,), co2_formula)
    draft.put("green.energy_intensity_formula", None, (energy_formula,), energy_formula)
    draft.number("green.co2_intensity_reduction_rate", None, green.co2_reduction)
    draft.number("green.energy_intensity_reduction_rate", None, green.energy_reduction)
    draft.number("green.solid_waste_utilization_rate", None, green.solid_waste)
    draft.choice("green.solid_waste_above_industry_avg", rng.choice(("yes", "no", "not_applicable")))
    draft.number("green.water_reuse_rate", None, green.water_reuse)
    draft.choice("green.water_reuse_above_industry_avg", rng.choice(("yes", "no", "not_applicable")))


def fill_all_numbers(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill every numeric row of 二 to 五."""
    fill_industry_numbers(draft, facts)
    fill_innovation_numbers(draft, facts)
    fill_digital_numbers(draft, facts)
    fill_green_numbers(draft, facts)
