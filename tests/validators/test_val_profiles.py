"""resolve_profile(): catalogue names, user YAML files, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from val_records import clean, hits, patched, run

from validators.profiles import ProfileError, resolve_profile

CUSTOM = """\
title: "某省省级中小企业特色产业集群认定标准（测试）"
area_km2: {op: "<=", value: 50, severity: warning}
total_output_each_year: {op: ">=", value: 300}
sme_output_share: {op: ">=", value: 70}
leading_output_share: {op: ">", value: 70}
leading_output_cagr: {op: ">", value: 10}
quality_firms: {champion_or_giant_min: 1, specialized_innovative_hightech_min: 10}
rd_expenditure_cagr: {op: ">", value: 10, severity: warning}
iip_penetration_rate: {op: ">=", value: 10, severity: warning}
western_relaxed: false
"""


@pytest.mark.parametrize("name", ["national_2022", "shanghai_2024", "yunnan_provincial"])
def test_catalogue_profiles_resolve(name: str) -> None:
    assert resolve_profile(name).title


def test_custom_profile_file_changes_outcomes(tmp_path: Path) -> None:
    path = tmp_path / "province.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    profile = resolve_profile(str(path))
    items = run(clean(), profile)
    assert hits(items, "criterion_output") == [("industry.total_output", y) for y in ("2022", "2023", "2024")]
    assert hits(run(patched(clean(), "basic.area", 60.0), profile), "criterion_area") == [
        ("basic.area", None)
    ]


def test_custom_profile_file_may_name_its_profile(tmp_path: Path) -> None:
    path = tmp_path / "named.yaml"
    path.write_text("mine:\n" + "".join("  " + line + "\n" for line in CUSTOM.splitlines()), encoding="utf-8")
    assert resolve_profile(str(path)).total_output_each_year.value == 300


def test_unknown_profile_name_lists_known_profiles() -> None:
    with pytest.raises(ProfileError, match="national_2022, shanghai_2024, yunnan_provincial"):
        resolve_profile("beijing_2030")


def test_profile_error_is_a_value_error() -> None:
    assert issubclass(ProfileError, ValueError)


@pytest.mark.parametrize(
    "text",
    [CUSTOM.replace("value: 300", "value: lots"), "title: x\n", "- not\n- a mapping\n", "a: [unclosed\n"],
)
def test_malformed_profile_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad\.yaml"):
        resolve_profile(str(path))
