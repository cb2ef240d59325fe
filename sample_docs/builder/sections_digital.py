"""Section 四、数字化升级情况."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.options import OptionStyle
from sample_docs.builder.render import render_section, section_heading
from sample_docs.builder.rows import (
    GroupBlock,
    Layout,
    Row,
    SubRow,
    ValueRow,
    WideRow,
    YearHeader,
    YearRow,
    on_form,
)

LAYOUT = Layout(widths=(4.6, 3.8, 3.8, 3.8))
EVIDENCE = OptionStyle(evidence_note=True)
NEW_MODELS = GroupBlock(
    "digital.new_models",
    ("数字化新模式新业态推广情况",),
    (
        SubRow(
            "digital.new_models_desc",
            "智能制造、工业互联网以及其它新模式新业态试点示范建设或应用情况（200字以内）",
        ),
        WideRow(
            "digital.new_models_actions",
            OptionStyle(prompt="集群已开展的数字化新模式新业态推广工作：", evidence_note=True),
        ),
        SubRow("digital.national_pilot_projects", "国家级试点示范项目名称及数量", "named"),
        SubRow("digital.provincial_pilot_projects", "省级试点示范项目名称及数量", "named"),
        SubRow("digital.other_pilot_projects", "其他试点示范项目名称及数量", "named"),
    ),
)


def digital_rows(ctx: Ctx) -> tuple[Row, ...]:
    """Given the context, return the rows of 四、数字化升级情况 for its form."""
    rows: tuple[Row, ...] = (
        YearHeader(),
        YearRow("digital.cloud_sme_count", "集群上云中小企业数量"),
        YearRow("digital.cloud_adoption_rate", "集群中小企业上云比例（%）"),
        YearRow("digital.iip_sme_count", "集群接入工业互联网平台的中小企业数量"),
        YearRow("digital.iip_penetration_rate", "集群中小企业工业互联网平台应用普及率（%）"),
        YearRow("digital.rd_tool_penetration_rate", "集群中小企业数字化研发工具应用普及率（%）"),
        YearRow("digital.industrial_software_spend", "工业软件采购金额（万元）"),
        ValueRow(
            "digital.industrial_software_rising", "工业软件应用率稳步提升", OptionStyle(inline=True, lead=" ")
        ),
        ValueRow("digital.services_desc", "数字化服务总体情况\n\n（200字以内）"),
        ValueRow("digital.services_actions", "集群已开展的数字化服务工作", EVIDENCE),
        NEW_MODELS,
    )
    return on_form(ctx, rows)


def build_digital(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 四、数字化升级情况 (heading and table)."""
    section_heading(document, "四、数字化升级情况")
    render_section(document, ctx, "digital", LAYOUT, digital_rows(ctx))
