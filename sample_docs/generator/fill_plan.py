"""Fill section 八 (plan texts, targets, stage goals) and 九 (declaration)."""

from __future__ import annotations

from sample_docs.generator.draft import Draft
from sample_docs.generator.facts import Facts
from sample_docs.generator.fill_targets import completion_rows, plan_goals, three_year_rows, write_targets
from sample_docs.generator.people import date_written, person


def _plan_texts(facts: Facts, name: str) -> dict[str, tuple[str, ...]]:
    """Given the facts, return the paragraphs of every plan long_text field."""
    ind, place, industry = facts.industry_facts, facts.place, facts.industry
    products = "、".join(industry.products)
    return {
        "plan.overview": (
            f"{name}位于{place.province}{place.city}{place.county}，主导产业为{industry.name}，主要产品包括{products}。",
            f"2024年集群总产值{ind.total[2]:.2f}亿元，集群企业{ind.enterprises[2]}家，其中中小企业{ind.smes[2]}家。",
        ),
        "plan.work_and_results": (
            f"近三年集群培育省级专精特新中小企业{ind.specialized[2]}家、专精特新“小巨人”企业{ind.giants[2]}家，"
            f"创新型中小企业{ind.innovative[2]}家，主导产业产值年均增长{ind.cagr:.2f}%。",
        ),
        "plan.problems": ("一是龙头企业带动作用不强；二是高端人才供给不足；三是数字化转型深度有待提升。",),
        "plan.overall_approach": (
            f"坚持创新驱动和数字赋能，围绕{industry.products[0]}等细分领域补链延链，推动集群向高端化、智能化、绿色化发展。",
        ),
        "plan.key_tasks": (
            "1.实施优质企业梯度培育工程。",
            "2.建设产业链协同创新平台。",
            "3.推进中小企业数字化转型。",
        ),
        "plan.safeguards": ("（1）加强组织领导，建立集群发展工作专班。", "（2）加大财政金融支持力度。"),
    }


def _stage_goal(year: int, goals: dict[str, tuple[float, float]], total: float, step: int) -> str:
    """Given the targets and a stage (1..3), return that year's stage-goal sentence (rising each year)."""

    def between(key: str) -> float:
        base, target = goals[key]
        return base + (target - base) * step / 3

    output = total * (1 + goals["output_cagr"][1] / 100) ** step
    return (
        f"{year}年集群总产值达到{output:.2f}亿元，优质中小企业数量达到{round(between('quality_sme_count'))}个，"
        f"研发经费投入达到{between('rd_expenditure'):.2f}亿元，有效发明专利数量达到"
        f"{round(between('invention_patent_count'))}个。"
    )


def fill_plan(draft: Draft, facts: Facts, name: str) -> dict[str, tuple[float, float]]:
    """Given the facts, fill section 八 and return the plan goals (for plants)."""
    for field_id, paras in _plan_texts(facts, name).items():
        draft.put(field_id, None, paras, "\n".join(paras))
    goals = plan_goals(draft, facts)
    write_targets(draft, "plan.three_year_targets", three_year_rows(draft, facts, goals))
    write_targets(draft, "plan.target_completion", completion_rows(draft, facts))
    total = facts.industry_facts.total[2]
    for step, year in enumerate((2025, 2026, 2027), start=1):
        text = _stage_goal(year, goals, total, step)
        draft.put(f"plan.stage_goal_{year}", None, (text,), text)
    return goals


def fill_declaration(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill 九: signer, dates, provincial opinion and unit; seals are never in a .docx."""
    rng = draft.rng
    signer = person(rng)
    draft.put("declaration.signer_name", None, (signer,), signer)
    signed = date_written(rng, 2025, 4, rng.randint(1, 10), chinese_only=True)
    draft.put("declaration.date", None, (signed.text,), signed.truth)
    verb = "推荐" if draft.form == "application" else "通过复核"
    opinion = f"经审核，该集群申报材料真实有效，符合中小企业特色产业集群认定标准，同意{verb}。"
    draft.put("declaration.provincial_opinion", None, (opinion,), opinion)
    unit = facts.place.province + rng.choice(("工业和信息化厅", "经济和信息化厅"))
    if facts.place.municipality:
        unit = facts.place.province + "经济和信息化委员会"
    draft.put("declaration.recommending_unit", None, (unit,), unit)
    recommended = date_written(rng, 2025, 5, rng.randint(6, 28), chinese_only=True)
    draft.put("declaration.recommendation_date", None, (recommended.text,), recommended.truth)
    for seal in (
        "cover.county_authority_seal",
        "declaration.county_seal",
        "declaration.recommending_unit_seal",
    ):
        draft.truth_only(seal, None, "missing")
