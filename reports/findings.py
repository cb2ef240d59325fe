"""Stage `finding_to_cells`: one finding as the cells a person reads — item, page, place, value as text.

- 部分 / 栏目 name the same item as the message (the field's shown label: `display_label` where a field has
  one, e.g. the two 年月日 date lines); a finding about no field names its scope (整份文件 / 本批次).
- 页码 is its own column; 位置 reads a .docx cell as 表3 第5行 第2列; 坐标 is the box on a PDF or scan
  page in millimetres from the page's top-left corner.
- A value is never JSON text: options read as their printed texts, a named count as `2个：甲、乙`, a region
  as its full name, lists joined with ；, lines of a multi-line text joined with ／.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from pydantic import JsonValue

from reports.cells import Cell, targets_text
from schema.catalog import FieldCatalogue, FieldSpec, FormId
from schema.record import ExceptionItem, FieldEntry, Provenance, Record, location_at, raw_at
from schema.rules_catalog import load_rule_catalogue
from schema.value_text import named_count_text, options_text, region_text

SCOPE_ZH: Mapping[str, str] = MappingProxyType({"document": "（整份文件）", "batch": "（本批次）"})
LINE_JOIN = "／"
LIST_JOIN = "；"
MM_PER_POINT = 25.4 / 72


def one_line(text: str) -> str:
    """Given a text, return its lines joined with ／ (a sheet row stays one line high)."""
    return LINE_JOIN.join(line.strip() for line in text.splitlines() if line.strip())


def field_spec(catalogue: FieldCatalogue, field_id: str | None) -> FieldSpec | None:
    """Given a field id (or None), return its spec when the catalogue has it."""
    return catalogue.by_id().get(field_id or "")


def section_and_label(catalogue: FieldCatalogue, form: FormId, item: ExceptionItem) -> tuple[str, str]:
    """Given a form and a finding, return the 部分 (section title) and 栏目 (the field's shown label)."""
    spec = field_spec(catalogue, item.field)
    if spec is None:
        category = load_rule_catalogue().rule(item.rule).category
        return SCOPE_ZH.get(category, ""), item.field or ""
    return catalogue.section(spec.section).title_for(form), spec.shown_label(form)


def place_text(location: Provenance | None) -> str:
    """Given a provenance, return where it points inside a Word file: 表3 第5行 第2列 / 段落12."""
    if location is None:
        return ""
    if location.table is not None:
        return f"表{location.table + 1} 第{(location.row or 0) + 1}行 第{(location.col or 0) + 1}列"
    if location.paragraph is not None and location.page is None:
        return f"段落{location.paragraph + 1}"
    return ""


def bbox_mm_text(location: Provenance | None) -> str:
    """Given a provenance on a page, return its box in millimetres from the page's top-left corner."""
    if location is None or location.bbox is None:
        return ""
    x0, y0, x1, y1 = (round(v * MM_PER_POINT) for v in location.bbox)
    return f"横 {x0}–{x1}，纵 {y0}–{y1}"


def value_text(spec: FieldSpec | None, value: JsonValue) -> Cell:
    """Given a field (or None) and a value of it, return the value as a person reads it (never JSON)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or isinstance(value, int | float):
        return value
    if isinstance(value, str):
        return one_line(value)
    if spec is not None:
        typed = _typed_text(spec, value)
        if typed is not None:
            return one_line(typed)
    return one_line(_plain_text(value))


def _typed_text(spec: FieldSpec, value: JsonValue) -> str | None:
    if spec.type in ("choice", "multi_choice"):
        return options_text(spec, value)
    if spec.type == "named_count" and isinstance(value, dict):
        return named_count_text(FieldEntry(value=value, status="present"))
    if spec.type == "region":
        return region_text(value)
    if spec.type == "target_table":
        return targets_text(value)
    return None


def _plain_text(value: JsonValue) -> str:
    if isinstance(value, dict):
        return LIST_JOIN.join(f"{key}：{_plain_text(v)}" for key, v in value.items() if v is not None)
    if isinstance(value, list):
        return LIST_JOIN.join(_plain_text(v) for v in value)
    return "" if value is None else str(value)


def raw_text(record: Record | None, item: ExceptionItem) -> str | None:
    """Given a record and one of its findings, return the verbatim text read in the finding's cell."""
    entry = record.fields.get(item.field or "") if record else None
    if entry is None:
        return None
    raw = raw_at(entry, item.year)
    return one_line(raw) if raw else None


def finding_location(record: Record | None, item: ExceptionItem) -> Provenance | None:
    """Given a record and one of its findings, return where the finding points (its own location, else
    where its field was read)."""
    entry = record.fields.get(item.field or "") if record else None
    return item.location or location_at(entry, item.year)
