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


def test_unknown_profile_name_is_bilingual() -> None:
    with pytest.raises(ProfileError) as raised:
        resolve_profile("nosuch")
    message = str(raised.value)
    assert "未知的认定标准配置“nosuch”" in message and "unknown criteria profile 'nosuch'" in message
    assert "national_2022, shanghai_2024, yunnan_provincial" in message


@pytest.mark.parametrize("given", ["profiles/mine.yaml", "mine.yml", "./mine"])
def test_a_profile_path_that_does_not_exist_says_so(given: str) -> None:
    with pytest.raises(ProfileError) as raised:
        resolve_profile(given)
    message = str(raised.value)
    assert "配置文件不存在" in message and "file not found" in message and "unknown" not in message


def test_a_folder_given_as_profile_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"是文件夹 / .* is a folder"):
        resolve_profile(str(tmp_path))


def test_malformed_profile_names_the_bad_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(CUSTOM.replace("value: 300", "value: lots"), encoding="utf-8")
    with pytest.raises(ProfileError) as raised:
        resolve_profile(str(path))
    message = str(raised.value)
    assert "格式不正确" in message and "total_output_each_year.value" in message
