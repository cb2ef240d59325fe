"""Section 九、真实性声明及推荐意见 (and the review form's printing colophon)."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from sample_docs.builder.context import Ctx
from sample_docs.builder.render import section_heading
from sample_docs.builder.styles import add_paragraph
from sample_docs.builder.table import CellSpec, add_row, new_table

STATEMENTS = {
    "application": "本单位承诺此次申报中小企业特色产业集群的申请材料(包括附件资料)真实、合法。如有不实之处，"
    "本单位愿意负相应责任，并承担由此产生的一切后果。",
    "review": "本单位承诺此次提交的中小企业特色产业集群复核材料(包括附件资料)真实、合法。如有不实之处，"
    "本单位愿意负相应责任，并承担由此产生的一切后果。",
}
PROVINCIAL_LABELS = {"application": "省级中小企业主管部门推荐意见", "review": "省级中小企业主管部门复核意见"}
SIGNER = "县级行政区划中小企业主管部门负责人（签字）："
COUNTY_SEAL = "县级行政区划中小企业主管部门（公章）："
UNIT = "推荐单位（公章）："
BLANK_DATE = "年    月    日"


def _one(ctx: Ctx, field_id: str) -> str:
    """Given a single-paragraph field, return what was written ('' when blank)."""
    return "".join(ctx.filling.text(field_id))


def _truthfulness(ctx: Ctx) -> tuple[str, ...]:
    """Given the context, return the paragraphs of the 真实性声明 cell."""
    date = _one(ctx, "declaration.date") or BLANK_DATE
    return (
        STATEMENTS[ctx.form],
        "",
        SIGNER + (_one(ctx, "declaration.signer_name") or "         "),
        COUNTY_SEAL,
        "",
        " " * 33 + date,
    )


def _provincial(ctx: Ctx) -> tuple[str, ...]:
    """Given the context, return the paragraphs of the provincial opinion cell."""
    date = _one(ctx, "declaration.recommendation_date") or BLANK_DATE
    opinion = ctx.filling.text("declaration.provincial_opinion")
    return (
        *opinion,
        UNIT + (_one(ctx, "declaration.recommending_unit") or "       "),
        " " * 5 + date + " " * 10,
    )


def build_declaration(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append 九 (heading and table); the review form also gets its colophon."""
    section_heading(document, "九、真实性声明及推荐意见")
    table = new_table(document, (3.6, 12.4))
    add_row(table, [CellSpec(("真实性声明",)), CellSpec(_truthfulness(ctx))])
    add_row(table, [CellSpec((PROVINCIAL_LABELS[ctx.form],)), CellSpec(_provincial(ctx))])
    if ctx.form == "review":
        add_paragraph(document)
        colophon = new_table(document, (10.0, 6.0))
        add_row(colophon, [CellSpec(("上海市经济和信息化委员会办公室",)), CellSpec(("2025年4月10日印发",))])
        add_row(colophon, [CellSpec(), CellSpec()])
