"""entry_to_cell: one value per field type, and the statuses that are not `present`."""

from __future__ import annotations

import pytest
from pydantic import JsonValue

from reports.cells import Cell, entry_to_cell
from schema.catalog import load_field_catalogue
from schema.record import FieldEntry, Status


def cell(field_id: str, value: JsonValue, status: Status = "present", raw: str | None = None) -> Cell:
    spec = load_field_catalogue().field(field_id)
    return entry_to_cell(spec, FieldEntry(value=value, status=status, raw=raw))


@pytest.mark.parametrize(
    ("field_id", "value", "expected"),
    [
        ("basic.area", 12.5, 12.5),
        ("basic.cluster_name", "某集群", "某集群"),
        ("basic.industry_type", "secondary", "第二产业"),
        (
            "industry.chain_actions",
            ["chain_mapping", "supply_chain_risk"],
            "绘制产业链图谱，开展产业链培育；开展供应链风险评估工作，建立供应链风险防范机制",
        ),
        ("industry.chain_actions", [], "（未勾选）"),
        ("innovation.national_platforms", {"count": 3, "names": ["A", "B", "C"]}, "3个：A、B、C"),
        ("innovation.national_platforms", {"count": 0, "names": []}, "0个"),
        ("innovation.national_platforms", {"count": None, "names": ["A"]}, "A"),
        ("cover.region", {"province": "浙江省", "city": "宁波市", "county": "慈溪市"}, "浙江省宁波市慈溪市"),
        ("cover.region", {"province": "上海市", "city": "上海市", "county": "嘉定区"}, "上海市嘉定区"),
        ("declaration.county_seal", True, "是"),
        ("declaration.county_seal", False, "否"),
        (
            "plan.three_year_targets",
            [{"direction": "主导产业"}, {"direction": "创新能力"}],
            "2项指标（详见“规划目标”表）",
        ),
    ],
)
def test_present_values_are_flattened_by_type(field_id: str, value: JsonValue, expected: Cell) -> None:
    assert cell(field_id, value) == expected


def test_integers_stay_integers() -> None:
    spec = load_field_catalogue().field("industry.enterprise_count")
    entry = FieldEntry(
        value={"2022": 12, "2023": 13, "2024": None},
        status={"2022": "present", "2023": "present", "2024": "missing"},
    )
    assert entry_to_cell(spec, entry, "2023") == 13
    assert isinstance(entry_to_cell(spec, entry, "2023"), int)
    assert entry_to_cell(spec, entry, "2024") is None


@pytest.mark.parametrize(
    ("status", "raw", "expected"),
    [
        ("explicit_none", "无", "无"),
        ("missing", None, None),
        ("unreadable", None, "〔无法辨认〕"),
        ("invalid", "约20", "〔无效〕约20"),
    ],
)
def test_statuses_other_than_present(status: Status, raw: str | None, expected: Cell) -> None:
    assert cell("basic.area", None, status, raw) == expected


def test_field_absent_from_the_form_is_blank() -> None:
    assert entry_to_cell(load_field_catalogue().field("basic.operator_changed"), None) is None
