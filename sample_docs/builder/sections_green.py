"""Section 五、绿色化转型情况 (intensities printed one row per year under a merged label)."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.options import OptionStyle
from sample_docs.builder.render import render_section, section_heading
from sample_docs.builder.rows import (
    YEARS,
    GroupBlock,
    Layout,
    Member,
    NoteRow,
    Row,
    SubRow,
    ValueRow,
    YearSubRow,
    on_form,
)

LAYOUT = Layout(widths=(5.6, 2.4, 8.0))
INLINE = OptionStyle(inline=True)


def _intensity_block(field_id: str, title: str, note: str) -> GroupBlock:
    """Given an intensity field, return its merged-label block: three year rows and the formula note."""
    members: tuple[Member, ...] = (
        *(YearSubRow(field_id, y) for y in YEARS),
        NoteRow(note, f"{field_id}_formula"),
    )
    return GroupBlock(field_id, (title,), members)


GREEN_MANUFACTURING = GroupBlock(
    "green.green_manufacturing",
    (
        "集群绿色制造体系建设水平",
        "",
        "（注：包括绿色工厂、绿色工业园区、绿色供应链管理企业、绿色设计产品等，需提供清单及佐证材料）",
    ),
    (
        SubRow("green.national_green_manufacturing", "国家级绿色制造体系建设情况", "named"),
        SubRow("green.provincial_green_manufacturing", "省级绿色制造体系建设情况", "named"),
        SubRow("green.other_green_manufacturing", "其他绿色制造体系建设情况", "named"),
    ),
)


def green_rows(ctx: Ctx) -> tuple[Row, ...]:
    """Given the context, return the rows of 五、绿色化转型情况 for its form."""
    rows: tuple[Row, ...] = (
        ValueRow(
            "green.carbon_monitoring",
            "是否建立集群碳排放监测机制",
            OptionStyle(inline=True, suffix="（如涉及，需提供佐证材料）"),
        ),
        _intensity_block(
            "green.co2_intensity",
            "近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）",
            "（注：单位产值二氧化碳排放量需提供计算公式）",
        ),
        _intensity_block(
            "green.energy_intensity",
            "近三年集群单位产值能耗（吨标准煤/万元）",
            "（注：单位产值能耗需提供计算公式）",
        ),
        ValueRow("green.co2_intensity_reduction_rate", "近三年集群单位产值二氧化碳排放量低率（%）"),
        ValueRow("green.energy_intensity_reduction_rate", "近三年集群单位产值能耗降低率（%）"),
        ValueRow("green.solid_waste_utilization_rate", "大宗工业固废综合利用率（%）"),
        ValueRow("green.solid_waste_above_industry_avg", "是否高于行业平均水平", INLINE),
        ValueRow("green.water_reuse_rate", "工业用水重复利用率（%）"),
        ValueRow("green.water_reuse_above_industry_avg", "是否高于行业平均水平", INLINE),
        ValueRow("green.low_carbon_desc", "集群绿色低碳相关工作情况\n\n（200字以内）"),
        ValueRow("green.low_carbon_actions", "集群已开展的绿色低碳相关工作", OptionStyle(evidence_note=True)),
        GREEN_MANUFACTURING,
    )
    return on_form(ctx, rows)


def build_green(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 五、绿色化转型情况 (heading and table)."""
    section_heading(document, "五、绿色化转型情况")
    render_section(document, ctx, "green", LAYOUT, green_rows(ctx))
