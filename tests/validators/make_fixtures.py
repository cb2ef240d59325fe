"""Write tests/validators/data/clean_{application,review}.json: complete, consistent filings.

Run `python -m tests.validators.make_fixtures` after changing the values below; the JSON files are what the
tests read. Every number is chosen so that all consistency checks and the national_2022 criteria pass.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import JsonValue

from schema.catalog import FieldSpec, FormId, load_field_catalogue

DATA = Path(__file__).parent / "data"
Y = ("2022", "2023", "2024")


def series(a: JsonValue, b: JsonValue, c: JsonValue) -> dict[str, JsonValue]:
    return dict(zip(Y, (a, b, c), strict=True))


def named(*names: str) -> dict[str, JsonValue]:
    return {"count": len(names), "names": list(names)}


def row(
    direction: str,
    indicator: str,
    indicator_id: str,
    baseline: JsonValue,
    target: JsonValue,
    unit: str | None,
    actual: JsonValue = None,
    *,
    with_actual: bool = False,
) -> dict[str, JsonValue]:
    cells: dict[str, JsonValue] = {
        "direction": direction,
        "indicator": indicator,
        "indicator_id": indicator_id,
        "baseline": baseline,
        "target": target,
    }
    if with_actual:
        cells["actual"] = actual
    cells["unit"] = unit
    return cells


THREE_YEAR_TARGETS: list[JsonValue] = [
    row("主导产业", "近三年集群产值年均增速", "output_cagr", 11.8, 12, "%"),
    row("主导产业", "优质中小企业数量", "quality_sme_count", 104, 150, "个"),
    row("创新", "研发经费投入", "rd_expenditure", 5.2, 7.0, "亿元"),
    row("创新", "有效发明专利数量", "invention_patent_count", 700, 1100, "个"),
    row("数字化", "工业互联网普及率", "iip_penetration_rate", 29.59, 40, "%"),
    row("绿色化", "二氧化碳排放量", "co2_emissions", 0.45, 0.40, "吨二氧化碳/万元"),
    row("绿色化", "单位工业产值能耗", "energy_intensity", 0.18, 0.16, "吨标准煤/万元"),
    row(
        "开放合作",
        "定性描述",
        "open_cooperation_qualitative",
        "参加进博会等展会3次",
        "新设境外分支机构2个",
        None,
    ),
    row(
        "治理和服务",
        "定性描述",
        "governance_qualitative",
        "建有省级服务平台2个",
        "新增国家级服务平台1个",
        None,
    ),
]
TARGET_COMPLETION: list[JsonValue] = [
    row("主导产业", "近三年集群产值年均增速", "output_cagr", 9.5, 10, "%", 11.2, with_actual=True),
    row("主导产业", "优质中小企业数量", "quality_sme_count", 80, 100, "个", 104, with_actual=True),
    row("创新", "研发经费投入", "rd_expenditure", 4.0, 5.0, "亿元", 5.2, with_actual=True),
    row("创新", "有效发明专利数量", "invention_patent_count", 500, 650, "个", 700, with_actual=True),
    row("数字化", "工业互联网普及率", "iip_penetration_rate", 20, 28, "%", 29.59, with_actual=True),
    row("绿色化", "二氧化碳排放量", "co2_emissions", 0.5, 0.46, "吨二氧化碳/万元", 0.45, with_actual=True),
    row(
        "绿色化", "单位工业产值能耗", "energy_intensity", 0.2, 0.185, "吨标准煤/万元", 0.18, with_actual=True
    ),
    row(
        "开放合作",
        "定性描述",
        "open_cooperation_qualitative",
        "无境外分支机构",
        "设立境外分支机构2个",
        None,
        "已设立3个",
        with_actual=True,
    ),
    row(
        "治理和服务",
        "定性描述",
        "governance_qualitative",
        "建有市级服务平台1个",
        "建成省级服务平台2个",
        None,
        "已建成2个",
        with_actual=True,
    ),
]
STAGE_GOALS = {
    "plan.stage_goal_2025": "集群产值年均增速达到10%，优质中小企业数量达到115家，研发经费投入达到5.8亿元，"
    "有效发明专利数量达到820个，工业互联网普及率达到32%，单位工业产值能耗降至0.175吨标准煤/万元。",
    "plan.stage_goal_2026": "集群产值年均增速达到11%，优质中小企业数量达到130家，研发经费投入达到6.4亿元，"
    "有效发明专利数量达到950个，工业互联网普及率达到36%，单位工业产值能耗降至0.17吨标准煤/万元。",
    "plan.stage_goal_2027": "集群产值年均增速达到12%，优质中小企业数量达到150家，研发经费投入达到7亿元，"
    "有效发明专利数量达到1100个，工业互联网普及率达到40%，单位工业产值能耗降至0.16吨标准煤/万元。",
}

VALUES: dict[str, JsonValue] = {
    "cover.cluster_name": "浙江省长兴县新能源电池产业集群",
    "cover.region": {"province": "浙江省", "city": "湖州市", "county": "长兴县"},
    "cover.county_authority": "长兴县经济和信息化局",
    "cover.county_authority_seal": None,
    "cover.operator": "长兴经济技术开发区管理委员会",
    "cover.submission_date": "2025-04-10",
    "cover.contact_name": "张明",
    "cover.contact_phone": "0572-6012345",
    "basic.cluster_name": "浙江省长兴县新能源电池产业集群",
    "basic.county_authority": "长兴县经济和信息化局",
    "basic.county_authority_contact": "张明",
    "basic.county_authority_phone": "0572-6012345",
    "basic.operator": "长兴经济技术开发区管理委员会",
    "basic.operator_changed": "no",
    "basic.operator_contact": "李华",
    "basic.operator_phone": "13905721234",
    "basic.area": 12.35,
    "basic.industry_type": "secondary",
    "basic.restricted_industry": "no",
    "basic.major_incidents": "no",
    "basic.violations": "no",
    "basic.energy_efficiency_benchmark": "not_applicable",
    "basic.water_efficiency_benchmark": "not_applicable",
    "basic.provincial_cluster_recognized": "yes",
    "industry.total_output": series(200, 220, 250),
    "industry.output_share_of_county": series(30, 31, 32),
    "industry.sme_output_share": series(80, 80, 80),
    "industry.leading_output_share": series(80, 80, 80),
    "industry.leading_output_growth": series(10, 10, 13.64),
    "industry.leading_output_cagr": 11.8,
    "industry.enterprise_count": series(300, 320, 350),
    "industry.sme_count": series(290, 310, 338),
    "industry.provincial_specialized_sme_count": series(20, 25, 30),
    "industry.little_giant_count": series(2, 3, 4),
    "industry.single_champion_count": series(0, 1, 1),
    "industry.high_tech_enterprise_count": series(40, 45, 50),
    "industry.innovative_sme_count": series(50, 60, 70),
    "industry.listed_sme_count": series(1, 1, 2),
    "industry.pre_listing_sme_count": series(1, 2, 2),
    "industry.fdi_amount": series(5000, 5500, 6050),
    "industry.fdi_growth": series(5, 10, 10),
    "industry.export_amount": series(20000, 22000, 24200),
    "industry.export_growth": series(8, 10, 10),
    "industry.chain_desc": "集群围绕动力电池、储能电池形成了从正负极材料到电池回收的完整产业链。",
    "industry.chain_actions": ["chain_mapping", "innovation_consortium"],
    "industry.resource_sharing_desc": "集群建设共享检测中心和物流仓储平台，推动设备与人才共享。",
    "industry.resource_sharing_actions": ["equipment_sharing", "service_resource_sharing"],
    "industry.quality_brand_desc": "集群推广卓越绩效管理模式，打造区域品牌。",
    "industry.quality_brand_actions": ["quality_mgmt_promotion"],
    "innovation.rd_intensity": series(2.5, 2.61, 2.6),
    "innovation.rd_expenditure": series(4.0, 4.6, 5.2),
    "innovation.rd_expenditure_growth": series(12, 15, 13.04),
    "innovation.sme_employee_count": series(30000, 32000, 35000),
    "innovation.sme_rd_staff_count": series(3000, 3300, 3600),
    "innovation.standards_international_led": series(0, 0, 0),
    "innovation.standards_international_participated": series(0, 0, 1),
    "innovation.standards_national_led": series(1, 1, 2),
    "innovation.standards_national_participated": series(2, 3, 3),
    "innovation.standards_industry_led": series(2, 2, 3),
    "innovation.standards_industry_participated": series(3, 4, 5),
    "innovation.standards_group_led": series(4, 5, 6),
    "innovation.standards_group_participated": series(5, 6, 8),
    "innovation.national_platforms": {"count": 0, "names": []},
    "innovation.provincial_platforms": named("浙江省新能源电池制造业创新中心"),
    "innovation.other_platforms": named("长兴电池检测公共技术平台"),
    "innovation.pct_applications": 12,
    "innovation.invention_patent_cagr": 15.5,
    "innovation.invention_patents_per_10k_staff": 200.0,
    "innovation.invention_patent_count": 700,
    "digital.cloud_sme_count": series(150, 180, 220),
    "digital.cloud_adoption_rate": series(51.72, 58.06, 65.09),
    "digital.iip_sme_count": series(60, 80, 100),
    "digital.iip_penetration_rate": series(20.69, 25.81, 29.59),
    "digital.rd_tool_penetration_rate": series(40, 45, 50),
    "digital.industrial_software_spend": series(800, 900, 1000),
    "digital.industrial_software_rising": "yes",
    "digital.services_desc": "引入数字化服务商12家，为中小企业提供诊断服务。",
    "digital.services_actions": ["solution_providers", "common_solutions_diagnosis"],
    "digital.new_models_desc": "建成智能工厂3家、数字化车间15个。",
    "digital.new_models_actions": ["provincial_pilots", "application_promotion"],
    "digital.national_pilot_projects": {"count": 0, "names": []},
    "digital.provincial_pilot_projects": named("长兴电池智能工厂", "长兴储能数字化车间"),
    "digital.other_pilot_projects": {"count": 0, "names": []},
    "green.carbon_monitoring": "yes",
    "green.co2_intensity": series(0.5, 0.48, 0.45),
    "green.co2_intensity_formula": "二氧化碳排放总量/集群总产值",
    "green.energy_intensity": series(0.2, 0.19, 0.18),
    "green.energy_intensity_formula": "综合能源消费量/集群总产值",
    "green.co2_intensity_reduction_rate": 10.0,
    "green.energy_intensity_reduction_rate": 10.0,
    "green.solid_waste_utilization_rate": 85.0,
    "green.solid_waste_above_industry_avg": "yes",
    "green.water_reuse_rate": 90.0,
    "green.water_reuse_above_industry_avg": "yes",
    "green.low_carbon_desc": "开展节能诊断和清洁生产审核。",
    "green.low_carbon_actions": ["energy_saving", "cleaner_production"],
    "green.national_green_manufacturing": named("长兴电池国家级绿色工厂"),
    "green.provincial_green_manufacturing": named("长兴储能省级绿色工厂", "长兴材料省级绿色工厂"),
    "green.other_green_manufacturing": {"count": 0, "names": []},
    "open.intl_cooperation_desc": "与德国、日本电池企业开展技术交流。",
    "open.intl_cooperation_actions": ["expos", "tech_talent_import"],
    "open.overseas_branch_count": 3,
    "governance.industry_alliances": named("长兴新能源电池产业联盟", "长兴县电池行业协会"),
    "governance.environment_desc": "设立集群发展促进中心，完善中小企业服务机制。",
    "governance.environment_actions": ["promotion_agency", "policy_outreach"],
    "governance.national_service_platforms": {"count": 0, "names": []},
    "governance.provincial_service_platforms": named("长兴县中小企业公共服务平台"),
    "governance.other_service_platforms": {"count": 0, "names": []},
    "governance.public_services": ["information", "training", "financing"],
    "plan.overview": "集群主导产业为新能源电池，位居全国前列。" * 5,
    "plan.work_and_results": "近三年集群在强链补链、数字化和绿色化方面取得明显成效。" * 5,
    "plan.problems": "高端人才不足，关键材料依赖外部供应。",
    "plan.target_completion": TARGET_COMPLETION,
    "plan.overall_approach": "坚持创新驱动，推动集群高端化、智能化、绿色化发展。",
    "plan.three_year_targets": THREE_YEAR_TARGETS,
    **STAGE_GOALS,
    "plan.key_tasks": "实施强链补链工程、数字化改造工程和绿色低碳工程。",
    "plan.safeguards": "加强组织领导，完善政策支持，强化要素保障。",
    "declaration.signer_name": "王强",
    "declaration.county_seal": None,
    "declaration.date": "2025-04-10",
    "declaration.provincial_opinion": "同意推荐。",
    "declaration.recommending_unit": "浙江省经济和信息化厅",
    "declaration.recommending_unit_seal": None,
    "declaration.recommendation_date": "2025-04-20",
}


def entry(spec: FieldSpec, value: JsonValue) -> dict[str, JsonValue]:
    """Given a spec and its clean value, return the field entry (seals unknown on a text source)."""
    if spec.years and isinstance(value, dict):
        return {"value": value, "status": {year: "present" for year in value}}
    return {"value": value, "status": "present" if value is not None else "missing"}


def clean_record(form: FormId) -> dict[str, JsonValue]:
    """Given a form id, return the clean record of that form as JSON data."""
    fields = {spec.id: entry(spec, VALUES[spec.id]) for spec in load_field_catalogue().fields_for(form)}
    return {
        "spec_version": 1,
        "form": form,
        "source": f"clean_{form}.docx",
        "fields": fields,
        "exceptions": [],
    }


def main() -> None:
    for form in ("application", "review"):
        text = json.dumps(clean_record(form), ensure_ascii=False, indent=1)
        (DATA / f"clean_{form}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
