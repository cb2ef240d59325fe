"""Handler for the plan's narrative fields: text between the printed headings of section 八.

Headings are matched in printed order with their numbering ignored (filers fix the form's
mis-numbered （一）重点任务 to （三）), so a heading may also carry text on its own line
(`（1）2025年度：产值达到…`). Printed guidance paragraphs (包括…) are not part of any value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.mapping.coerce import raw_to_entry
from extractors.mapping.context import MappingContext, PlanTexts
from extractors.mapping.entries import MappedField, single_entry
from extractors.mapping.labels import label_key, split_label
from extractors.mapping.stream import Slot, cell_line_paragraphs, iter_slots
from extractors.mapping.targets import find_target_tables
from extractors.mapping.values import RawValue
from normalizers.text import to_halfwidth
from schema.catalog import FieldSpec, FormId
from schema.document import Paragraph, weakest_reading
from schema.record import Provenance

_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[、.．](?!\d))\s*"
)
_HEADINGS: dict[FormId, tuple[tuple[str, str | None], ...]] = {
    "application": (
        ("集群基本情况简介", "plan.overview"),
        ("发展成效", "plan.work_and_results"),
        ("存在的问题", "plan.problems"),
    ),
    "review": (
        ("集群基本情况简介", "plan.overview"),
        ("培育工作", "plan.work_and_results"),
        ("发展成效", None),
    ),
}
_FUTURE: tuple[tuple[str, str | None], ...] = (
    ("未来三年中小企业特色产业集群发展规划", None),
    ("总体思路", "plan.overall_approach"),
    ("发展目标", None),
    ("三年总体目标", None),
    ("阶段性目标", None),
    ("2025年度", "plan.stage_goal_2025"),
    ("2026年度", "plan.stage_goal_2026"),
    ("2027年度", "plan.stage_goal_2027"),
    ("重点任务", "plan.key_tasks"),
    ("保障措施", "plan.safeguards"),
)
_GUIDANCE = frozenset(
    label_key(t)
    for t in (
        "包括集群主导产业在细分领域所处发展水平，行业地位，获得荣誉称号，以及相关政策制定与实施、优质市场主体培育、"
        "产业链供应链建设等方面近三年来发展情况。",
        "包括提升集群主导产业优势、激发集群创新活力、推进集群数字化升级、加快集群绿色低碳转型、深化集群开放合作、"
        "提升集群治理和服务能力等方面开展的工作和取得的成绩。",
    )
)


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One line of the plan: its text, the provenance of its cell and of the line itself."""

    text: str
    provenance: Provenance
    place: Provenance


def _denumbered(line: str) -> str:
    return _NUMBERING.sub("", to_halfwidth(line), count=1)


def _plan_lines(ctx: MappingContext) -> list[PlanLine]:
    zone = ctx.zones["plan"]
    target_tables = {t.table for t in find_target_tables(ctx)}
    return [
        PlanLine(line, slot.provenance, place)
        for row, slot in iter_slots(ctx.rows, zone.start + 1, zone.stop)
        if row.table not in target_tables
        for line, place in zip(slot.lines, line_provenances(slot), strict=True)
    ]


def line_provenances(slot: Slot) -> list[Provenance]:
    """Given a slot, return the provenance of each of its lines: the slot's, narrowed to the page, box and
    reading of the paragraph the line belongs to where the backend gives one (a scan's or a PDF's plan
    cell runs over pages; each narrative is somewhere in it)."""
    paragraphs = cell_line_paragraphs(slot.cell) if slot.cell is not None else ()
    if len(paragraphs) != len(slot.lines):
        return [slot.provenance] * len(slot.lines)
    return [_paragraph_provenance(slot.provenance, paragraph) for paragraph in paragraphs]


def _paragraph_provenance(provenance: Provenance, paragraph: Paragraph | None) -> Provenance:
    if paragraph is None or paragraph.bbox is None:
        return provenance
    return provenance.model_copy(
        update={
            "page": paragraph.page if paragraph.page is not None else provenance.page,
            "bbox": paragraph.bbox.as_tuple(),
            "confidence": paragraph.confidence,
            "doubt": paragraph.doubt,
        }
    )


def _heading_at(
    line: str, headings: tuple[tuple[str, str | None], ...], start: int
) -> tuple[int, str] | None:
    bare = _denumbered(line)
    for position in range(start, len(headings)):
        rest = split_label(bare, label_key(headings[position][0]))
        if rest is not None:
            return position, rest
    return None


def collect_plan_texts(ctx: MappingContext) -> PlanTexts:
    """Given the mapping context, return the lines under each plan heading."""
    headings = _HEADINGS[ctx.form] + _FUTURE
    texts = PlanTexts(lines={}, provenance={}, places={})
    current: str | None = None
    position = 0
    for plan_line in _plan_lines(ctx):
        found = _heading_at(plan_line.text, headings, position)
        if found is not None:
            position, rest = found[0] + 1, found[1]
            current = headings[found[0]][1]
            if current is not None:
                texts.lines.setdefault(current, [])
                texts.places.setdefault(current, [])
                texts.provenance[current] = plan_line.provenance
                _add(texts, current, PlanLine(rest, plan_line.provenance, plan_line.place))
        elif current is not None:
            _add(texts, current, plan_line)
    return texts


def _add(texts: PlanTexts, field_id: str, line: PlanLine) -> None:
    if label_key(line.text) not in _GUIDANCE:
        texts.lines[field_id].append(line.text)
        if line.text.strip():
            texts.places[field_id].append(line.place)


def narrative_provenance(heading: Provenance, places: list[Provenance]) -> Provenance:
    """Given a narrative's heading provenance and those of its lines, return where the narrative is: the
    page of its first line, the box around its lines on that page (as wide as the cell), and the weakest
    reading of all its lines; the heading's provenance when the lines have no box (a Word file)."""
    boxed = [p for p in places if p.bbox is not None]
    if not boxed or heading.bbox is None:
        return heading
    page = boxed[0].page
    boxes = [p.bbox for p in boxed if p.page == page and p.bbox is not None]
    confidence, doubt = weakest_reading((p.confidence, p.doubt) for p in places)
    bbox = (heading.bbox[0], min(b[1] for b in boxes), heading.bbox[2], max(b[3] for b in boxes))
    return heading.model_copy(update={"page": page, "bbox": bbox, "confidence": confidence, "doubt": doubt})


def map_plan_text(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given a plan narrative field, return the text under its heading."""
    cached = ctx.plan_texts
    if cached is None:
        cached = ctx.plan_texts = collect_plan_texts(ctx)
    if spec.id not in cached.lines:
        return None
    lines = tuple(cached.lines[spec.id])
    provenance = narrative_provenance(cached.provenance[spec.id], cached.places.get(spec.id, []))
    raw = RawValue(text="\n".join(lines), provenance=provenance, lines=lines)
    return single_entry(spec, raw_to_entry(spec, raw))
