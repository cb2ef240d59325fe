"""The record's accessors (schema.record): one cell of a field by year, whatever reads it."""

from __future__ import annotations

import json

from schema.record import (
    FieldEntry,
    Provenance,
    Record,
    location_at,
    named_count_at,
    number_at,
    raw_at,
    region_part,
    status_at,
    stored_at,
    text_at,
    ticked,
    value_at,
)

SERIES = FieldEntry(
    value={"2023": 12.5, "2024": "约20"},
    status={"2023": "present", "2024": "invalid"},
    raw={"2023": "12.50", "2024": "约20"},
    provenance={"2023": Provenance(table=1, row=2, col=3), "2024": None},
)


def test_series_cells_by_year() -> None:
    assert status_at(SERIES, "2024") == "invalid"
    assert status_at(SERIES, "2022") == "missing"
    assert value_at(SERIES, "2024") is None  # only present values
    assert stored_at(SERIES, "2024") == "约20"  # what was read, whatever its status
    assert number_at(SERIES, "2023") == 12.5
    assert raw_at(SERIES, "2023") == "12.50"
    location = location_at(SERIES, "2023")
    assert location is not None and location.row == 2
    assert location_at(SERIES, "2024") is None


def test_single_cells() -> None:
    region = FieldEntry(value={"province": "浙江省", "city": "宁波市", "county": ""}, status="present")
    assert region_part(region, "city") == "宁波市"
    assert region_part(region, "county") is None
    assert text_at(FieldEntry(value="集群", status="present")) == "集群"
    assert text_at(FieldEntry(value="集群", status="invalid")) is None
    assert ticked(FieldEntry(value=["a", "b"], status="present")) == ("a", "b")
    pair = named_count_at(FieldEntry(value={"count": 2, "names": ["甲", "乙"]}, status="present"))
    assert pair is not None and pair.count == 2 and pair.names == ("甲", "乙")
    assert status_at(None) == "missing" and raw_at(None) is None
    assert number_at(FieldEntry(value=True, status="present")) is None  # a boolean is no number


def test_a_records_json_text_is_what_json_dumps_writes() -> None:
    record = Record(
        form="application",
        source="甲.docx",
        fields={
            "industry.total_output": SERIES,
            "cover.cluster_name": FieldEntry(value="浙江省“甲”集群\n", status="present"),
        },
        exceptions=[],
    )
    expected = json.dumps(record.to_jsonable(), ensure_ascii=False, indent=2) + "\n"
    assert record.to_json_text() == expected
    assert json.loads(record.to_json_text())["fields"]["industry.total_output"]["value"]["2023"] == 12.5
