"""Section 二、主导产业情况."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.options import OptionStyle
from sample_docs.builder.render import render_section, section_heading
from sample_docs.builder.rows import Layout, Row, ValueRow, YearHeader, YearRow, on_form

LAYOUT = Layout(widths=(6.4, 3.2, 3.2, 3.2))
EVIDENCE = OptionStyle(evidence_note=True)
CURRENT = "（年度当前值）"

YEAR_ROWS_TOP: tuple[tuple[str, str], ...] = (
    ("industry.total_output", "集群总产值（亿元）"),
    ("industry.output_share_of_county", "集群总产值占所在县级行政区划工业总产值比例（%）"),
    ("industry.sme_output_share", "集群内中小企业产值占集群总产值比例（%）"),
    ("industry.leading_output_share", "集群主导产业产值占集群总产值比例（%）"),
    ("industry.leading_output_growth", "集群主导产业产值增速（%）"),
)
YEAR_ROWS_COUNTS: tuple[tuple[str, str], ...] = (
    ("industry.enterprise_count", "集群企业数量" + CURRENT),
    ("industry.sme_count", "其中：集群中小企业数量" + CURRENT),
    ("industry.provincial_specialized_sme_count", "主导产业相关的省级专精特新中小企业数量" + CURRENT),
    ("industry.little_giant_count", "主导产业相关的国家级专精特新“小巨人”企业数量" + CURRENT),
    ("industry.single_champion_count", "主导产业相关的国家级制造业单项冠军企业数量" + CURRENT),
    ("industry.high_tech_enterprise_count", "主导产业相关的国家级高新技术企业数量" + CURRENT),
    ("industry.innovative_sme_count", "主导产业相关的创新型中小企业数量" + CURRENT),
    ("industry.listed_sme_count", "主导产业相关的上市中小企业数量" + CURRENT),
    ("industry.pre_listing_sme_count", "主导产业相关的上市辅导期中小企业数量" + CURRENT),
    ("industry.fdi_amount", "集群外商直接投资额（万元）"),
    ("industry.fdi_growth", "集群外商直接投资额增长率（%）"),
    ("industry.export_amount", "集群主导产品出口贸易额（万元）"),
    ("industry.export_growth", "集群主导产品出口贸易额增长率（%）"),
)
TAIL: tuple[Row, ...] = (
    ValueRow("industry.chain_desc", "集群产业链强链补链情况（200字以内）"),
    ValueRow("industry.chain_actions", "集群已开展的产业链强链补链工作", EVIDENCE),
    ValueRow("industry.resource_sharing_desc", "集群内产业链资源协同协作情况（200字以内）"),
    ValueRow("industry.resource_sharing_actions", "集群已开展的产业链资源协同协作工作", EVIDENCE),
    ValueRow("industry.quality_brand_desc", "集群质量品牌建设情况\n\n（200字以内）"),
    ValueRow("industry.quality_brand_actions", "集群已开展的质量品牌建设工作", EVIDENCE),
)


def industry_rows(ctx: Ctx) -> tuple[Row, ...]:
    """Given the context, return the rows of 二、主导产业情况 for its form."""
    rows: tuple[Row, ...] = (
        YearHeader(),
        *(YearRow(i, label) for i, label in YEAR_ROWS_TOP),
        ValueRow("industry.leading_output_cagr", "近三年集群主导产业产值年均增速（%）"),
        *(YearRow(i, label) for i, label in YEAR_ROWS_COUNTS),
        *TAIL,
    )
    return on_form(ctx, rows)


def build_industry(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 二、主导产业情况 (heading and table)."""
    section_heading(document, "二、主导产业情况")
    render_section(document, ctx, "industry", LAYOUT, industry_rows(ctx))
