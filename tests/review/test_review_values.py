"""Corrections parsed by the field's normaliser: a value of the field's type, or refused with a reason."""

from __future__ import annotations

import pytest

from review.values import CorrectionError, CorrectionInput, parse_correction
from schema.catalog import load_field_catalogue

FIELDS = load_field_catalogue()


@pytest.mark.parametrize(
    ("field", "given", "value", "status"),
    [
        ("basic.area", CorrectionInput(text="12.50"), 12.5, "present"),
        ("industry.total_output", CorrectionInput(text="3000万元"), 0.3, "present"),
        ("industry.enterprise_count", CorrectionInput(text="１２３家"), 123, "present"),
        ("governance.industry_alliances", CorrectionInput(text="无"), None, "explicit_none"),
        (
            "cover.region",
            CorrectionInput(text="浙江省宁波市慈溪市"),
            {"province": "浙江省", "city": "宁波市", "county": "慈溪市"},
            "present",
        ),
        ("basic.industry_type", CorrectionInput(options=("secondary",)), "secondary", "present"),
        (
            "industry.chain_actions",
            CorrectionInput(options=("supply_chain_risk", "chain_mapping")),
            ["chain_mapping", "supply_chain_risk"],
            "present",
        ),
        (
            "innovation.national_platforms",
            CorrectionInput(count="2", names="甲平台、乙平台"),
            {"count": 2, "names": ["甲平台", "乙平台"]},
            "present",
        ),
        ("declaration.county_seal", CorrectionInput(text="是"), True, "present"),
    ],
)
def test_a_valid_correction_is_the_normalised_value(
    field: str, given: CorrectionInput, value: object, status: str
) -> None:
    parsed = parse_correction(FIELDS.field(field), given)
    assert (parsed.value, parsed.status) == (value, status)


@pytest.mark.parametrize(
    ("field", "given", "why"),
    [
        ("basic.area", CorrectionInput(text="约20"), "不是有效的数字"),
        ("industry.enterprise_count", CorrectionInput(text="12.5"), "不是有效的整数"),
        ("basic.area", CorrectionInput(text="  "), "不能为空"),
        ("basic.industry_type", CorrectionInput(options=("secondary", "tertiary")), "只能选择一项"),
        ("basic.industry_type", CorrectionInput(options=("<script>",)), "不属于该栏目"),
        ("basic.county_authority_phone", CorrectionInput(text="abc"), "不是有效的电话号码"),
        ("plan.three_year_targets", CorrectionInput(text="x"), "退回报送单位"),
        ("basic.area", CorrectionInput(text="1" * 30_000), "过长"),
    ],
)
def test_a_correction_that_is_no_value_of_the_field_is_refused(
    field: str, given: CorrectionInput, why: str
) -> None:
    with pytest.raises(CorrectionError, match=why):
        parse_correction(FIELDS.field(field), given)
