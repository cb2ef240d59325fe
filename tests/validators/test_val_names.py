"""cluster_name_format and cover_body_mismatch."""

from __future__ import annotations

import pytest
from val_records import clean, hits, only, patched, run

from schema.record import Record


def named(name: str) -> Record:
    return patched(patched(clean(), "cover.cluster_name", name), "basic.cluster_name", name)


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("长兴县新能源电池产业集群", "格式"),
        ("浙江省长兴县新能源电池基地", "格式"),
        ("江苏省长兴县新能源电池产业集群", "浙江省"),
        ("浙江省德清县新能源电池产业集群", "长兴县"),
    ],
)
def test_cluster_name_format_fires(name: str, detail: str) -> None:
    item = only(run(named(name)), "cluster_name_format")
    assert item.field == "cover.cluster_name" and detail in item.message and item.value == name


@pytest.mark.parametrize(
    "name",
    ["浙江省湖州市长兴县新能源电池产业", "浙江省长兴县新能源电池集群", "浙江省 长兴县 新能源电池产业集群"],
)
def test_cluster_name_format_near_miss(name: str) -> None:
    assert hits(run(named(name)), "cluster_name_format") == []


def test_body_name_checked_when_it_differs() -> None:
    items = run(patched(clean(), "basic.cluster_name", "浙江省德清县新能源电池产业集群"))
    assert hits(items, "cluster_name_format") == [("basic.cluster_name", None)]
    assert hits(items, "cover_body_mismatch") == [("cover.cluster_name", None)]


@pytest.mark.parametrize("field_id", ["basic.operator", "basic.county_authority"])
def test_cover_body_mismatch(field_id: str) -> None:
    item = only(run(patched(clean(), field_id, "另一个机构")), "cover_body_mismatch")
    assert item.field == "cover." + field_id.split(".")[1] and item.related == [field_id]
    assert "另一个机构" in item.message


def test_cover_body_mismatch_ignores_spacing_and_width() -> None:
    record = patched(clean(), "cover.operator", "长兴经济技术开发区 管理委员会")
    record = patched(record, "basic.operator", "长兴经济技术开发区管理委员会")
    assert hits(run(record), "cover_body_mismatch") == []


def test_cover_body_mismatch_not_when_one_is_missing() -> None:
    items = run(patched(clean(), "basic.operator", None, status="missing"))
    assert hits(items, "cover_body_mismatch") == []
