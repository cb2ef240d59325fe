"""Section 一、基本情况."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.options import OptionStyle
from sample_docs.builder.render import render_section, section_heading
from sample_docs.builder.rows import Layout, PairRow, Row, ValueRow, on_form

LAYOUT = Layout(widths=(4.4, 4.6, 2.6, 4.4))
STACKED = OptionStyle()
NAME_LABEL = "集群名称：\n\n（XX（省、市）XX（县、区）XX产业））"


def _operator_row(ctx: Ctx) -> Row:
    """Given the form, return the 集群运营管理机构 row (review adds 是否发生变化)."""
    if ctx.form == "review":
        return PairRow(
            "basic.operator", "集群运营管理机构", "basic.operator_changed", "是否发生变化", STACKED
        )
    return ValueRow("basic.operator", "集群运营管理机构")


def basic_rows(ctx: Ctx) -> tuple[Row, ...]:
    """Given the context, return the rows of 一、基本情况 for its form."""
    rows: tuple[Row, ...] = (
        ValueRow("basic.cluster_name", NAME_LABEL),
        ValueRow("basic.county_authority", "县级行政区划中小企业主管部门"),
        PairRow("basic.county_authority_contact", "联系人", "basic.county_authority_phone", "联系方式"),
        _operator_row(ctx),
        PairRow("basic.operator_contact", "联系人", "basic.operator_phone", "联系方式"),
        ValueRow("basic.area", "集群占地面积（平方公里）"),
        ValueRow("basic.industry_type", "主导产业所属产业类型", STACKED),
        ValueRow(
            "basic.restricted_industry", "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业", STACKED
        ),
        ValueRow(
            "basic.major_incidents",
            "近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件",
            STACKED,
        ),
        ValueRow("basic.violations", "是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为", STACKED),
        ValueRow(
            "basic.energy_efficiency_benchmark", "属于高耗能行业的集群，能效水平是否达到行业基准值", STACKED
        ),
        ValueRow(
            "basic.water_efficiency_benchmark", "属于高用水行业的集群，水效水平是否达到行业基准值", STACKED
        ),
        ValueRow("basic.provincial_cluster_recognized", "是否已被认定为省级中小企业特色产业集群", STACKED),
    )
    return on_form(ctx, rows)


def build_basic(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 一、基本情况 (heading and table)."""
    section_heading(document, "一、基本情况")
    render_section(document, ctx, "basic", LAYOUT, basic_rows(ctx))
