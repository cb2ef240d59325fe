"""Section 三、创新能力情况, with the 标准制修订 block (three 类别|主持|参与 column blocks)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.render import render_section, section_heading
from sample_docs.builder.rows import (
    YEARS,
    Counted,
    GroupBlock,
    Layout,
    Row,
    Specs,
    SubRow,
    ValueRow,
    YearHeader,
    YearRow,
    on_form,
    value_cell,
)
from sample_docs.builder.table import CellSpec

APPLICATION_LAYOUT = Layout(widths=(4.0, *(1.34,) * 9), year_spans=(3, 3, 3), sub_span=4)
REVIEW_LAYOUT = Layout(widths=(6.4, 3.2, 3.2, 3.2))
STANDARD_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("international", "国际"),
    ("national", "国家"),
    ("industry", "行业"),
    ("group", "团体"),
)
STANDARDS_LABEL = (
    "近三年集群中小企业主持（起草单位排名前三位）或参与制修订标准数量情况（需提供清单）（年度当前值）"
)
PATENT_LABEL = (
    "集群内中小企业有效发明专利拥有量（包括发明专利、国防专利、 植物新品种、国家级农作物品种、"
    "国家新药、国家一级中药保护品种、集成电路布图设计专有权等）"
)


@dataclass(frozen=True)
class StandardsBlock:
    """The 标准制修订 rows: a merged label, a 类别|主持数量|参与数量 ×3 header, rows 国际…团体."""

    field_id: str = "innovation.standards_international_led"

    def _category_row(self, ctx: Ctx, key: str, name: str) -> list[CellSpec]:
        cells = [CellSpec(vmerge="continue")]
        for year in YEARS:
            cells.append(CellSpec((name,), center=True))
            cells.append(value_cell(ctx, f"innovation.standards_{key}_led", "text", 1, year))
            cells.append(value_cell(ctx, f"innovation.standards_{key}_participated", "text", 1, year))
        return cells

    def specs(self, ctx: Ctx, layout: Layout) -> Specs:
        header = [CellSpec((STANDARDS_LABEL,), vmerge="restart")]
        for _ in YEARS:
            header += [CellSpec((text,), center=True) for text in ("类别", "主持数量", "参与数量")]
        return [header, *(self._category_row(ctx, key, name) for key, name in STANDARD_CATEGORIES)]


PLATFORMS = GroupBlock(
    "innovation.platforms",
    ("创新平台建设情况", "", "（需提供清单及佐证材料）"),
    (
        SubRow("innovation.national_platforms", "国家制造业创新中心或国家级创新平台名称及数量", "named"),
        SubRow("innovation.provincial_platforms", "省级制造业创新中心或省级创新平台名称及数量", "named"),
        SubRow("innovation.other_platforms", "其他平台名称及数量", "named"),
    ),
)


def innovation_rows(ctx: Ctx) -> tuple[Row, ...]:
    """Given the context, return the rows of 三、创新能力情况 for its form."""
    rows: tuple[Row, ...] = (
        YearHeader(),
        YearRow("innovation.rd_intensity", "集群中小企业研发投入强度（%）"),
        YearRow("innovation.rd_expenditure", "集群中小企业研发经费总额（亿元）"),
        YearRow("innovation.rd_expenditure_growth", "集群中小企业研发经费增速（%）"),
        YearRow("innovation.sme_employee_count", "集群中小企业从业人员数量"),
        YearRow("innovation.sme_rd_staff_count", "集群中小企业研发人员数量"),
        StandardsBlock(),
        PLATFORMS,
        ValueRow("innovation.pct_applications", "集群中小企业PCT国际专利申请量"),
        ValueRow("innovation.invention_patent_cagr", "近三年集群中小企业有效发明专利年均增速（%）"),
        ValueRow(
            "innovation.invention_patents_per_10k_staff", "集群中小企业从业人员每万人有效发明专利拥有量"
        ),
        ValueRow("innovation.invention_patent_count", PATENT_LABEL, Counted("（需提供清单及佐证材料）")),
    )
    return on_form(ctx, rows)


def build_innovation(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 三、创新能力情况 (heading and table)."""
    section_heading(document, "三、创新能力情况")
    layout = APPLICATION_LAYOUT if ctx.form == "application" else REVIEW_LAYOUT
    render_section(document, ctx, "innovation", layout, innovation_rows(ctx))
