"""Records-table columns: Chinese headers with unit and year, unique, in printed order."""

from __future__ import annotations

from reports.columns import field_columns
from schema.catalog import load_field_catalogue


def test_year_series_get_one_column_per_year_with_unit_in_header() -> None:
    headers = [c.header for c in field_columns(load_field_catalogue())]
    assert "集群总产值（亿元）2022年" in headers
    assert headers.index("集群总产值（亿元）2023年") == headers.index("集群总产值（亿元）2022年") + 1
    assert "集群占地面积（平方公里）" in headers


def test_headers_are_unique_and_repeated_labels_name_their_section() -> None:
    headers = [c.header for c in field_columns(load_field_catalogue())]
    assert len(headers) == len(set(headers))
    assert "封面·集群名称" in headers
    assert "基本情况·集群名称" in headers


def test_every_field_of_both_forms_has_a_column() -> None:
    catalogue = load_field_catalogue()
    ids = {c.spec.id for c in field_columns(catalogue)}
    assert ids == {f.id for f in catalogue.fields}
