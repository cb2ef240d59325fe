"""Section 八: one big cell with headings, written paragraphs and the nested target table(s)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.table import _Cell

from sample_docs.builder.context import Ctx
from sample_docs.builder.filling import TargetRowFill
from sample_docs.builder.render import section_heading
from sample_docs.builder.styles import CELL_SIZE, add_run
from sample_docs.builder.table import CellSpec, add_row, new_table

TITLES = {
    "application": "八、未来三年中小企业特色产业集群发展规划",
    "review": "八、近三年中小企业特色产业集群发展目标完成情况",
}
OVERVIEW_GUIDE = (
    "包括集群主导产业在细分领域所处发展水平，行业地位，获得荣誉称号，以及相关政策制定与实施、优质市场主体培育、"
    "产业链供应链建设等方面近三年来发展情况。"
)
WORK_GUIDE = (
    "包括提升集群主导产业优势、激发集群创新活力、推进集群数字化升级、加快集群绿色低碳转型、深化集群开放合作、"
    "提升集群治理和服务能力等方面开展的工作和取得的成绩。"
)
TARGET_NOTE = (
    "（集群须围绕主导产业、创新、数字化、绿色化、开放合作、治理和服务等方面设定清晰、可考核的发展目标，"
    "鼓励集群根据自身特色增加考核指标，不局限于以上方面）"
)
COMPLETION_NOTE = (
    "（集群2022年围绕主导产业、创新、数字化、绿色化、开放合作、治理和服务等方面所制定的发展目标完成情况）"
)
REQUIREMENTS = (
    "（备注：基准值须符合中小企业特色产业集群认定标准，2027年目标值须符合以下要求：",
    "a.近三年产值年均增速不低于10%",
    "b.优质中小企业数量逐年增加",
    "c.研发经费年均增速不低于10%",
    "d.有效发明专利数年均增长不低于15%",
    "e.工业互联网普及率不低于行业平均水平",
    "f.二氧化碳排放量下降率不低于行业平均水平",
    "g.集群单位工业产值能耗下降率不低于行业平均水平）",
)
FILLER_INDICATOR = "......"
PRINTED_TARGET_ROWS: tuple[tuple[str, str], ...] = (
    ("主导产业", "近三年集群产值年均增速"),
    ("主导产业", "优质中小企业数量"),
    ("主导产业", FILLER_INDICATOR),
    ("创新", "研发经费投入"),
    ("创新", "有效发明专利数量"),
    ("创新", FILLER_INDICATOR),
    ("数字化", "工业互联网普及率"),
    ("数字化", FILLER_INDICATOR),
    ("绿色化", "二氧化碳排放量"),
    ("绿色化", "单位工业产值能耗"),
    ("绿色化", FILLER_INDICATOR),
    ("开放合作", "定性描述"),
    ("治理和服务", "定性描述"),
    ("其它", FILLER_INDICATOR),
)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Slot:
    field_id: str
    guidance: str = ""


@dataclass(frozen=True)
class Targets:
    field_id: str
    note: str


PlanItem = Heading | Slot | Targets
FUTURE_PLAN: tuple[PlanItem, ...] = (
    Heading("四、未来三年中小企业特色产业集群发展规划"),
    Heading("（一）总体思路"),
    Slot("plan.overall_approach"),
    Heading("（二）发展目标"),
    Heading("1.三年总体目标"),
    Targets("plan.three_year_targets", TARGET_NOTE),
    *(Heading(text) for text in REQUIREMENTS),
    Heading("2.阶段性目标"),
    Heading("（1）2025年度"),
    Slot("plan.stage_goal_2025"),
    Heading("（2）2026年度"),
    Slot("plan.stage_goal_2026"),
    Heading("（3）2027年度"),
    Slot("plan.stage_goal_2027"),
    Heading("（一）重点任务"),
    Slot("plan.key_tasks"),
    Heading("（二）保障措施"),
    Slot("plan.safeguards"),
)
PLAN_ITEMS: dict[str, tuple[PlanItem, ...]] = {
    "application": (
        Heading("一、集群基本情况简介"),
        Slot("plan.overview", OVERVIEW_GUIDE),
        Heading("二、发展成效"),
        Slot("plan.work_and_results", WORK_GUIDE),
        Heading("三、存在的问题"),
        Slot("plan.problems"),
        *FUTURE_PLAN,
    ),
    "review": (
        Heading("一、集群基本情况简介"),
        Slot("plan.overview", OVERVIEW_GUIDE),
        Heading("二、培育工作"),
        Slot("plan.work_and_results", WORK_GUIDE),
        Heading("三、发展成效"),
        Targets("plan.target_completion", COMPLETION_NOTE),
        *FUTURE_PLAN,
    ),
}


def _para(cell: _Cell, text: str) -> None:
    """Given the plan cell, append one paragraph of text."""
    paragraph = cell.add_paragraph()
    if text:
        add_run(paragraph, text, size=CELL_SIZE)


def _blank_rows(ctx: Ctx, field_id: str) -> tuple[TargetRowFill, ...]:
    """Given a target table field, return its printed rows with empty value cells."""
    width = len(ctx.spec(field_id).columns)
    return tuple(TargetRowFill(d, i, ("",) * width) for d, i in PRINTED_TARGET_ROWS)


def _direction_cell(rows: tuple[TargetRowFill, ...], index: int) -> CellSpec:
    """Given the rows and a row index, return its direction cell (merged down over equal directions)."""
    direction = rows[index].direction
    if index and rows[index - 1].direction == direction:
        return CellSpec(vmerge="continue")
    merged = index + 1 < len(rows) and rows[index + 1].direction == direction
    return CellSpec((direction,), vmerge="restart" if merged else None, center=True)


def _target_table(ctx: Ctx, cell: _Cell, field_id: str) -> None:
    """Given the plan cell, append the nested 方向|指标|基准值|目标值[|完成值] table."""
    columns = tuple(ctx.spec(field_id).columns.values())
    widths = (2.4, 4.6, *(8.4 / len(columns),) * len(columns))
    table = new_table(cell, widths)
    add_row(table, [CellSpec((text,), center=True) for text in ("方向", "指标", *columns)])
    rows = ctx.filling.targets.get(field_id) or _blank_rows(ctx, field_id)
    for index, row in enumerate(rows):
        values = [CellSpec((text,)) for text in row.cells]
        add_row(table, [_direction_cell(rows, index), CellSpec((row.indicator,)), *values])


def _write_item(ctx: Ctx, cell: _Cell, item: PlanItem) -> None:
    """Given the plan cell and one plan item, append its paragraphs (or nested table)."""
    if isinstance(item, Heading):
        _para(cell, item.text)
    elif isinstance(item, Slot):
        for text in ctx.filling.text(item.field_id) or (item.guidance,):
            _para(cell, text)
    else:
        _para(cell, item.note)
        _target_table(ctx, cell, item.field_id)


def build_plan(document: DocumentObject, ctx: Ctx) -> None:
    """Given a document, append section 八 as one bordered cell holding the whole plan."""
    section_heading(document, TITLES[ctx.form])
    table = new_table(document, (16.0,))

    def write(cell: _Cell) -> None:
        add_run(cell.paragraphs[0], "（3000字以内）", size=CELL_SIZE)
        for item in PLAN_ITEMS[ctx.form]:
            _write_item(ctx, cell, item)

    add_row(table, [CellSpec(writer=write)])
