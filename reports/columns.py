"""The columns of the records table: one per field and year, with Chinese headers from the catalogue.

A header is the printed label, the unit in full-width parentheses for numbers, and the year:
`集群总产值（亿元）2023年`. A label printed in several places (集群名称 on the cover and in 一、基本情况)
is prefixed with its section's short title; if that is still ambiguous, a running number is added.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from reports.cells import Cell, entry_to_cell
from reports.model import FilingReport
from schema.catalog import NUMERIC_TYPES, FieldCatalogue, FieldSpec
from schema.value_text import region_text

SECTION_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
FORM_ZH: Mapping[str, str] = MappingProxyType({"application": "申报表", "review": "复核申报表"})
REGION_FIELD = "cover.region"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the records table: the field, the year (None if not a series) and the header."""

    spec: FieldSpec
    year: str | None
    header: str


def short_section_title(catalogue: FieldCatalogue, spec: FieldSpec) -> str:
    """Given a field, return its section's title without the printed numbering (基本情况)."""
    return SECTION_NUMBERING.sub("", catalogue.section(spec.section).title)


def base_header(spec: FieldSpec) -> str:
    """Given a field, return its label with the unit of a numeric field (集群总产值（亿元）)."""
    if spec.unit and spec.type in NUMERIC_TYPES:
        return f"{spec.label}（{spec.unit}）"
    return spec.label


def _unique_bases(catalogue: FieldCatalogue, specs: Sequence[FieldSpec]) -> list[str]:
    bases = [base_header(spec) for spec in specs]
    repeated = Counter(bases)
    prefixed = [
        f"{short_section_title(catalogue, spec)}·{base}" if repeated[base] > 1 else base
        for spec, base in zip(specs, bases, strict=True)
    ]
    counts = Counter(prefixed)
    seen: Counter[str] = Counter()
    unique: list[str] = []
    for header in prefixed:
        seen[header] += 1
        unique.append(f"{header}（{seen[header]}）" if counts[header] > 1 else header)
    return unique


def field_headers(catalogue: FieldCatalogue) -> dict[str, str]:
    """Given the catalogue, return every field's header without a year (unique across the catalogue)."""
    specs = list(catalogue.fields)
    return {spec.id: base for spec, base in zip(specs, _unique_bases(catalogue, specs), strict=True)}


def field_columns(catalogue: FieldCatalogue) -> list[Column]:
    """Given the catalogue, return the records-table columns of every field of either form, printed order."""
    specs = list(catalogue.fields)
    columns: list[Column] = []
    for spec, base in zip(specs, _unique_bases(catalogue, specs), strict=True):
        if spec.years:
            columns.extend(Column(spec, year, f"{base}{year}年") for year in spec.year_keys)
        else:
            columns.append(Column(spec, None, base))
    return columns


def region_cell(report: FilingReport) -> str:
    """Given a recorded filing, return its 所属地区 as one name (浙江省宁波市慈溪市)."""
    entry = report.record.fields.get(REGION_FIELD) if report.record else None
    return region_text(entry.value) if entry is not None and entry.status == "present" else ""


def field_cells(report: FilingReport, columns: Sequence[Column]) -> list[Cell]:
    """Given a recorded filing and the columns, return its field cells."""
    fields = report.record.fields if report.record else {}
    return [entry_to_cell(c.spec, fields.get(c.spec.id), c.year) for c in columns]
