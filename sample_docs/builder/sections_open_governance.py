"""Sections 六、开放合作情况 and 七、治理和服务水平."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.options import OptionStyle
from sample_docs.builder.render import render_section, section_heading
from sample_docs.builder.rows import Counted, GroupBlock, Layout, Row, SubRow, ValueRow, on_form

OPEN_LAYOUT = Layout(widths=(6.0, 10.0))
GOVERNANCE_LAYOUT = Layout(widths=(4.6, 5.4, 6.0))
EVIDENCE = OptionStyle(evidence_note=True)

OPEN_ROWS: tuple[Row, ...] = (
    ValueRow("open.intl_cooperation_desc", "集群国际合作交流总体情况\n\n（200字以内）"),
    ValueRow("open.intl_cooperation_actions", "集群已开展的国际合作交流活动", EVIDENCE),
    ValueRow(
        "open.overseas_branch_count",
        "集群或集群内企业在境外设立分支机构数量",
        Counted("（需提供清单及相关佐证材料）"),
    ),
)
SERVICE_PLATFORMS = GroupBlock(
    "governance.service_platforms",
    (
        "集群中小企业公共服务平台建设情况",
        "",
        "（需提供清单及佐证材料）",
    ),
    (
        SubRow(
            "governance.national_service_platforms",
            "建设或引入的国家级中小企业公共服务示范平台名称及数量",
            "named",
        ),
        SubRow(
            "governance.provincial_service_platforms",
            "建设或引入的省级中小企业公共服务示范平台名称及数量",
            "named",
        ),
        SubRow(
            "governance.other_service_platforms",
            "建设或引入的其他中小企业公共服务示范平台名称及数量",
            "named",
        ),
    ),
)
GOVERNANCE_ROWS: tuple[Row, ...] = (
    ValueRow(
        "governance.industry_alliances",
        "集群内产业联盟组织情况\n\n（注：包括行业学会、协会等，需提供清单）",
        "named",
    ),
    ValueRow("governance.environment_desc", "集群发展环境情况\n\n（200字以内）"),
    ValueRow("governance.environment_actions", "集群已开展的发展环境治理工作", EVIDENCE),
    SERVICE_PLATFORMS,
    ValueRow(
        "governance.public_services",
        "集群提供中小企业公共服务情况",
        OptionStyle(prompt="集群已提供的中小企业公共服务：", evidence_note=True),
    ),
)


def build_open(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 六、开放合作情况 (heading and table)."""
    section_heading(document, "六、开放合作情况")
    render_section(document, ctx, "open", OPEN_LAYOUT, on_form(ctx, OPEN_ROWS))


def build_governance(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 七、治理和服务水平 (heading and table)."""
    section_heading(document, "七、治理和服务水平")
    render_section(document, ctx, "governance", GOVERNANCE_LAYOUT, on_form(ctx, GOVERNANCE_ROWS))
