"""A second, independent way to lay out a filing: render a truth record as a .docx in another layout.

Where the committed samples follow the printed form closely, this layout is what a district office
retyping the form might send: cover as a two-column table, no vertical merges (group titles in rows of
their own), every year series under one 年度 header, green-section years in columns, options in one
paragraph, plan headings as body paragraphs (with （一）重点任务 renumbered to （三）), the target tables
as top-level tables, and the declaration as plain paragraphs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table

from schema.catalog import FieldCatalogue, FieldSpec, FormId

Entry = Mapping[str, object]
HEADER = ["年度", "2022年", "2023年", "2024年"]
_SKIP_GROUPS = ("innovation.standards",)


def _number(spec: FieldSpec, value: object, status: object, variant: str) -> str:
    if status == "explicit_none":
        return "无" if variant == "a" else "—"
    if status == "invalid":
        return "约20"
    if value is None:
        return ""
    if spec.type == "percent":
        return f"{float(str(value)):.2f}" + ("%" if variant == "a" else "％")
    if spec.type == "integer":
        return f"{value}" if variant == "a" else f"{int(str(value)):,}家"
    return f"{float(str(value)):.2f}" if variant == "a" else f"{float(str(value)):,.2f}"


def _choice(spec: FieldSpec, entry: Entry, variant: str) -> str:
    value, status = entry["value"], entry["status"]
    chosen = list(spec.options)[:2] if status == "invalid" else value if isinstance(value, list) else [value]
    if variant == "a":
        return "  ".join(("☑" if oid in chosen else "□") + text for oid, text in spec.options.items())
    return "\n".join("□" + text + ("√" if oid in chosen else "") for oid, text in spec.options.items())


def _named_count(entry: Entry, variant: str) -> str:
    value = entry["value"]
    if entry["status"] == "explicit_none":
        return "无"
    if not isinstance(value, dict):
        return "数量：    个\n名称："
    count = "" if value["count"] is None else value["count"]
    if variant == "a":
        return f"数量：{count}个\n名称：{'、'.join(value['names'])}"
    numbered = "\n".join(f"{i}.{name}" for i, name in enumerate(value["names"], 1))
    return f"数量: {count} 个\n名称:\n{numbered}"


def _date(value: object) -> str:
    if not isinstance(value, str):
        return ""
    parts = [int(p) for p in value.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日", strict=False))


def _region(value: object) -> str:
    return "".join(str(v) for v in value.values() if v) if isinstance(value, dict) else ""


def render_value(spec: FieldSpec, entry: Entry, variant: str = "a") -> str:
    """Given a field and its truth entry, return the text a filer would type for it (variant a or b)."""
    value, status = entry["value"], entry["status"]
    if spec.type in ("choice", "multi_choice"):
        return _choice(spec, entry, variant)
    if spec.type == "named_count":
        return _named_count(entry, variant)
    if spec.is_numeric:
        return _number(spec, value, status, variant)
    if status == "explicit_none":
        return "无"
    if spec.type == "date":
        return _date(value)
    if spec.type == "region":
        return _region(value)
    return "" if value is None else str(value)


def _label(spec: FieldSpec, form: FormId, variant: str) -> str:
    if variant == "b":
        return spec.label_for(form).replace("（", "(").replace("）", ")")
    unit = f"（{spec.unit}）" if spec.unit and spec.unit not in ("个", "人", "字", "个/万人") else ""
    return spec.label_for(form) + unit


class AltLayout:
    """Writes one truth record as a .docx in the alternative layout."""

    def __init__(self, truth: Mapping[str, object], catalogue: FieldCatalogue, variant: str = "a") -> None:
        self.variant = variant
        self.form: FormId = "review" if truth["form"] == "review" else "application"
        fields = truth["fields"]
        assert isinstance(fields, dict)
        self.fields: dict[str, Entry] = fields
        self.catalogue = catalogue
        self.doc: Document = docx.Document()

    def entry(self, field_id: str) -> Entry:
        return self.fields[field_id]

    def text(self, field_id: str) -> str:
        return render_value(self.catalogue.field(field_id), self.entry(field_id), self.variant)

    def write(self, path: Path) -> None:
        self.doc.add_paragraph(self.catalogue.forms[self.form])
        self._cover()
        for section in self.catalogue.sections[1:-2]:
            self._section(section.id, section.title_for(self.form))
        self._plan()
        self._declaration()
        self.doc.save(str(path))

    def _cover(self) -> None:
        rows = [
            ("集群名称：", self.text("cover.cluster_name")),
            ("所属地区：", self.text("cover.region")),
            ("县级行政区划中小企业主管部门（盖章）：", self.text("cover.county_authority")),
            ("集群运营管理机构：", self.text("cover.operator")),
            ("申报时间：", self.text("cover.submission_date")),
            ("联系人及联系电话：", f"{self.text('cover.contact_name')} {self.text('cover.contact_phone')}"),
        ]
        table = self.doc.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        self.doc.add_paragraph("填报说明")

    def _section(self, section_id: str, title: str) -> None:
        self.doc.add_paragraph(title)
        table = self.doc.add_table(rows=0, cols=4)
        table.style = "Table Grid"
        specs = [s for s in self.catalogue.fields_for(self.form) if s.section == section_id]
        if any(s.years for s in specs):
            self._row(table, HEADER)
        group = None
        for spec in specs:
            if spec.group and spec.group != group and spec.group not in _SKIP_GROUPS:
                self._row(table, [self.catalogue.group(spec.group).title_for(self.form)], merge=True)
            group = spec.group
            self._field(table, spec)

    def _row(self, table: Table, texts: list[str], merge: bool = False, merge_values: bool = False) -> None:
        cells = table.add_row().cells
        if merge:
            cells[0].merge(cells[-1])
        if merge_values:
            cells[1].merge(cells[-1])
        for cell, text in zip(cells, texts, strict=False):
            cell.text = text

    def _field(self, table: Table, spec: FieldSpec) -> None:
        if spec.scan_only or spec.id.endswith("_formula"):
            if spec.id.endswith("_formula"):
                note = f"（注：{spec.label}）\n{self.text(spec.id)}"
                self._row(table, [note], merge=True)
            return
        if spec.group == "innovation.standards":
            if spec.id.endswith("international_led"):
                self._standards(table)
            return
        entry = self.entry(spec.id)
        if spec.years:
            values = [render_value(spec, _year(entry, y), self.variant) for y in spec.year_keys]
            if self.variant == "b" and spec.section == "green":
                inline = "；".join(f"{y}年：{v}" for y, v in zip(spec.year_keys, values, strict=True))
                values = [inline]
            self._row(table, [_label(spec, self.form, self.variant), *values], merge_values=len(values) == 1)
            return
        cells = table.add_row().cells
        cells[1].merge(cells[3])
        cells[0].text, cells[1].text = (
            _label(spec, self.form, self.variant),
            render_value(spec, entry, self.variant),
        )

    def _standards(self, table: Table) -> None:
        self._row(table, [self.catalogue.group("innovation.standards").title_for(self.form)], merge=True)
        block = self.doc.add_table(rows=1, cols=9)
        for index, text in enumerate(["类别", "主持数量", "参与数量"] * 3):
            block.rows[0].cells[index].text = text
        for key, name in (
            ("international", "国际"),
            ("national", "国家"),
            ("industry", "行业"),
            ("group", "团体"),
        ):
            cells = block.add_row().cells
            for position, year in enumerate(("2022", "2023", "2024")):
                cells[3 * position].text = name
                for offset, role in ((1, "led"), (2, "participated")):
                    spec = self.catalogue.field(f"innovation.standards_{key}_{role}")
                    entry = _year(self.entry(spec.id), year)
                    cells[3 * position + offset].text = render_value(spec, entry, self.variant)
        table._element.addnext(block._element)  # python-docx has no API to move a table

    def _plan(self) -> None:
        self.doc.add_paragraph(self.catalogue.section("plan").title_for(self.form))
        for heading, field_id in _plan_outline(self.form):
            self.doc.add_paragraph(heading)
            if (
                field_id
                and field_id.startswith("plan.")
                and self.catalogue.field(field_id).type == "target_table"
            ):
                self._targets(self.catalogue.field(field_id))
            elif field_id:
                for line in self.text(field_id).split("\n"):
                    self.doc.add_paragraph(line)

    def _targets(self, spec: FieldSpec) -> None:
        roles = list(spec.columns)
        table = self.doc.add_table(rows=1, cols=2 + len(roles))
        for index, text in enumerate(["方向", "指标", *spec.columns.values()]):
            table.rows[0].cells[index].text = text
        rows = self.entry(spec.id)["value"]
        for row in rows if isinstance(rows, list) else []:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row["direction"], row["indicator"]
            for index, role in enumerate(roles):
                value = row.get(role)
                shown = (
                    ""
                    if value is None
                    else f"{value}{row['unit'] or ''}"
                    if not isinstance(value, str)
                    else value
                )
                cells[2 + index].text = shown

    def _declaration(self) -> None:
        lines = [
            "九、真实性声明及推荐意见",
            "真实性声明",
            "本单位承诺此次申报材料真实、合法。",
            f"县级行政区划中小企业主管部门负责人（签字）：{self.text('declaration.signer_name')}",
            "县级行政区划中小企业主管部门（公章）：",
            self.text("declaration.date") or "年  月  日",
            self.catalogue.field("declaration.provincial_opinion").label_for(self.form),
            *self.text("declaration.provincial_opinion").split("\n"),
            f"推荐单位（公章）：{self.text('declaration.recommending_unit')}",
            self.text("declaration.recommendation_date") or "年  月  日",
        ]
        for line in lines:
            self.doc.add_paragraph(line)


def _year(entry: Entry, year: str) -> Entry:
    values, statuses = entry["value"], entry["status"]
    assert isinstance(statuses, dict)
    return {"value": values.get(year) if isinstance(values, dict) else None, "status": statuses[year]}


def _plan_outline(form: FormId) -> list[tuple[str, str | None]]:
    middle: list[tuple[str, str | None]] = (
        [("二、发展成效", "plan.work_and_results"), ("三、存在的问题", "plan.problems")]
        if form == "application"
        else [("二、培育工作", "plan.work_and_results"), ("三、发展成效", "plan.target_completion")]
    )
    return [
        ("一、集群基本情况简介", "plan.overview"),
        *middle,
        ("四、未来三年中小企业特色产业集群发展规划", None),
        ("（一）总体思路", "plan.overall_approach"),
        ("（二）发展目标", None),
        ("1.三年总体目标", "plan.three_year_targets"),
        ("2.阶段性目标", None),
        ("（1）2025年度", "plan.stage_goal_2025"),
        ("（2）2026年度", "plan.stage_goal_2026"),
        ("（3）2027年度", "plan.stage_goal_2027"),
        ("（三）重点任务", "plan.key_tasks"),
        ("（四）保障措施", "plan.safeguards"),
    ]
