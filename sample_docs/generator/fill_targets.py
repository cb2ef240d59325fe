"""Fill the target tables of 八 (三年总体目标; review 发展成效) with rows and their truth."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sample_docs.builder.filling import TargetRowFill
from sample_docs.builder.plan import FILLER_INDICATOR
from sample_docs.generator.draft import Draft, Json
from sample_docs.generator.facts import Facts
from sample_docs.generator.numbers import r2

Cell = float | int | str | None


@dataclass(frozen=True)
class TargetRow:
    """One target row before writing: values are numbers (with a unit) or verbatim strings."""

    direction: str
    indicator: str
    indicator_id: str | None
    values: tuple[Cell, ...]
    unit: str | None = None


def cell_text(value: Cell, unit: str | None) -> str:
    """Given a cell value and the row unit, return the text written in the cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    digits = str(value) if isinstance(value, int) else f"{value:.2f}"
    return digits + (unit or "")


def row_truth(row: TargetRow, columns: tuple[str, ...]) -> dict[str, Json]:
    """Given a written row and the table's column keys, return its truth object."""
    truth: dict[str, Json] = {
        "direction": row.direction,
        "indicator": row.indicator,
        "indicator_id": row.indicator_id,
    }
    for key, value in zip(columns, row.values, strict=True):
        truth[key] = value
    numeric = any(isinstance(v, int | float) for v in row.values)
    truth["unit"] = row.unit if numeric else None
    return truth


def write_targets(draft: Draft, field_id: str, rows: list[TargetRow]) -> None:
    """Given a target table's rows, write them (printed empty rows stay) and record the truth."""
    if not draft.on_form(field_id):
        return
    columns = tuple(draft.spec(field_id).columns)
    draft.targets[field_id] = tuple(
        TargetRowFill(r.direction, r.indicator, tuple(cell_text(v, r.unit) for v in r.values)) for r in rows
    )
    kept = [row_truth(r, columns) for r in rows if any(v not in (None, "") for v in r.values)]
    draft.truth_only(field_id, list(kept))


def _count_unit(draft: Draft) -> str | None:
    return draft.rng.choice(("个", None))


def three_year_rows(draft: Draft, facts: Facts, goals: dict[str, tuple[float, float]]) -> list[TargetRow]:
    """Given the facts and the (baseline, 2027 target) pairs, return the 三年总体目标 rows."""
    rng, enterprises = draft.rng, facts.industry_facts.enterprises[2]
    extra = TargetRow(
        "主导产业", "规上工业企业数量", None, (int(enterprises * 0.3), int(enterprises * 0.4)), "个"
    )
    rows = [
        TargetRow("主导产业", "近三年集群产值年均增速", "output_cagr", goals["output_cagr"], "%"),
        TargetRow(
            "主导产业",
            "优质中小企业数量",
            "quality_sme_count",
            goals["quality_sme_count"],
            _count_unit(draft),
        ),
        extra if rng.random() < 0.5 else TargetRow("主导产业", FILLER_INDICATOR, None, (None, None)),
        TargetRow("创新", "研发经费投入", "rd_expenditure", goals["rd_expenditure"], "亿元"),
        TargetRow(
            "创新",
            "有效发明专利数量",
            "invention_patent_count",
            goals["invention_patent_count"],
            _count_unit(draft),
        ),
        TargetRow("创新", FILLER_INDICATOR, None, (None, None)),
        TargetRow("数字化", "工业互联网普及率", "iip_penetration_rate", goals["iip_penetration_rate"], "%"),
        TargetRow("数字化", FILLER_INDICATOR, None, (None, None)),
        TargetRow("绿色化", "二氧化碳排放量", "co2_emissions", goals["co2_emissions"], "吨二氧化碳/万元"),
        TargetRow(
            "绿色化", "单位工业产值能耗", "energy_intensity", goals["energy_intensity"], "吨标准煤/万元"
        ),
        TargetRow("绿色化", FILLER_INDICATOR, None, (None, None)),
        TargetRow(
            "开放合作",
            "定性描述",
            "open_cooperation_qualitative",
            ("参加国际展会5次", "与2个境外产业园区建立稳定合作关系"),
        ),
        TargetRow(
            "治理和服务",
            "定性描述",
            "governance_qualitative",
            ("建有公共服务平台3个", "公共服务平台服务企业超过500家次/年"),
        ),
        TargetRow("其它", FILLER_INDICATOR, None, (None, None)),
    ]
    return rows


def plan_goals(draft: Draft, facts: Facts) -> dict[str, tuple[float, float]]:
    """Given the facts, return (2024 baseline as reported, 2027 target) per indicator meeting a–g."""
    rng, ind, inn, dig, green = draft.rng, facts.industry_facts, facts.innovation, facts.digital, facts.green
    iip = dig.iip_rate[2]
    return {
        "output_cagr": (ind.cagr, r2(rng.uniform(12, 15))),
        "quality_sme_count": (ind.quality_smes[2], ind.quality_smes[2] + rng.randint(30, 90)),
        "rd_expenditure": (inn.rd[2], r2(inn.rd[2] * rng.uniform(1.36, 1.5))),
        "invention_patent_count": (inn.patents, math.ceil(inn.patents * rng.uniform(1.55, 1.7))),
        "iip_penetration_rate": (iip, r2(min(99.0, iip + rng.uniform(5, 15)))),
        "co2_emissions": (green.co2[2], r2(green.co2[2] * rng.uniform(0.8, 0.9))),
        "energy_intensity": (green.energy[2], r2(green.energy[2] * rng.uniform(0.82, 0.92))),
    }


def completion_rows(draft: Draft, facts: Facts) -> list[TargetRow]:
    """Given the facts, return the review form's 发展成效 rows (2025完成值 meeting each target)."""
    rng, ind, inn, dig, green = draft.rng, facts.industry_facts, facts.innovation, facts.digital, facts.green
    patents22 = round(inn.patents / (1 + inn.patent_cagr / 100) ** 2)
    up = rng.uniform(1.01, 1.12)
    rows = [
        (
            "主导产业",
            "近三年集群产值年均增速",
            "output_cagr",
            r2(rng.uniform(10.5, 14)),
            r2(rng.uniform(10.5, 12)),
            "%",
        ),
        (
            "主导产业",
            "优质中小企业数量",
            "quality_sme_count",
            ind.quality_smes[0],
            ind.quality_smes[0] + 40,
            None,
        ),
        ("创新", "研发经费投入", "rd_expenditure", inn.rd[0], r2(inn.rd[0] * 1.34), "亿元"),
        ("创新", "有效发明专利数量", "invention_patent_count", patents22, math.ceil(patents22 * 1.53), "个"),
        (
            "数字化",
            "工业互联网普及率",
            "iip_penetration_rate",
            dig.iip_rate[0],
            r2(min(95.0, dig.iip_rate[0] + 8)),
            "%",
        ),
    ]
    result = [TargetRow(d, i, k, (b, t, _actual_up(b, t, up)), u) for d, i, k, b, t, u in rows]
    for label, key, value in (
        ("二氧化碳排放量", "co2_emissions", green.co2[0]),
        ("单位工业产值能耗", "energy_intensity", green.energy[0]),
    ):
        target = r2(value * 0.9)
        unit = "吨二氧化碳/万元" if key == "co2_emissions" else "吨标准煤/万元"
        result.append(
            TargetRow("绿色化", label, key, (value, target, r2(target * rng.uniform(0.85, 0.99))), unit)
        )
    result += [
        TargetRow(
            "开放合作",
            "定性描述",
            "open_cooperation_qualitative",
            ("参加国际展会2次", "境外分支机构达到3个", "境外分支机构达到4个"),
        ),
        TargetRow(
            "治理和服务",
            "定性描述",
            "governance_qualitative",
            ("建立服务专员制度", "公共服务平台达到2个", "公共服务平台达到3个"),
        ),
        TargetRow("其它", FILLER_INDICATOR, None, (None, None, None)),
    ]
    return result


def _actual_up(baseline: float, target: float, factor: float) -> float | int:
    """Given a target, return a 2025 actual at or above it (same number kind)."""
    if isinstance(target, int) and isinstance(baseline, int):
        return math.ceil(target * factor)
    return r2(target * factor)
