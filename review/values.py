"""Stage `input_to_value`: an operator's correction of one cell, parsed by the same normalisers as a reading.

A correction is refused (CorrectionError, with a message in Chinese) when it is not a valid value of the
field's type: a number cell that holds no number, a date that is none, an option the field does not print.
`无` / `—` is accepted where the form allows an answer of none (status explicit_none). Target tables are
corrected by the district (退回): a table of rows is no single cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import JsonValue

from normalizers.dates import normalize_date
from normalizers.findings import Normalized
from normalizers.named_count import normalize_named_count
from normalizers.numbers import NumberKind, normalize_number
from normalizers.phones import normalize_phone
from normalizers.region import normalize_region
from normalizers.text import normalize_long_text, normalize_text
from schema.catalog import FieldSpec

ACCEPTED_STATUSES = frozenset({"present", "explicit_none"})
NUMBER_KINDS: dict[str, NumberKind] = {"integer": "integer", "decimal": "decimal", "percent": "percent"}
BLOCKING_RULES = frozenset(
    {"not_a_number", "integer_expected", "unit_unknown", "date_invalid", "phone_invalid"}
)
MAX_TEXT = 20_000
TYPE_ZH = {
    "integer": "整数",
    "decimal": "数字",
    "percent": "百分比数字",
    "date": "日期（如 2025年4月10日）",
    "phone": "电话号码",
    "region": "省、市、县名称",
    "named_count": "数量与名称",
}


class CorrectionError(ValueError):
    """Raised when an operator's correction is not a valid value of its field (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class CorrectionInput:
    """What an operator entered: a text, the options ticked (choices), or a count and names."""

    text: str = ""
    options: tuple[str, ...] = ()
    count: str = ""
    names: str = ""


def parse_correction(spec: FieldSpec, given: CorrectionInput) -> Normalized[JsonValue]:
    """Given a field and an operator's input, return the normalised value (CorrectionError if invalid)."""
    if len(given.text) > MAX_TEXT or len(given.names) > MAX_TEXT:
        raise CorrectionError(f"更正内容过长（不超过{MAX_TEXT}字）。")
    if spec.type in ("choice", "multi_choice"):
        return _options(spec, given.options)
    if spec.type == "boolean":
        return _boolean(given.text)
    if spec.type == "target_table":
        raise CorrectionError("规划目标表不能逐格更正，请退回报送单位修改。")
    if spec.type == "named_count":
        text = given.text or f"数量：{given.count.strip()}个\n名称：{given.names.strip()}"
        counted = normalize_named_count(text)
        pair = counted.value
        value: JsonValue = None if pair is None else {"count": pair["count"], "names": list(pair["names"])}
        return _checked(spec, Normalized(value, counted.status, counted.raw, counted.findings))
    return _checked(spec, _scalar(spec, given.text.strip()))


def _scalar(spec: FieldSpec, text: str) -> Normalized[JsonValue]:
    if not text:
        raise CorrectionError("更正值不能为空；没有内容请填写“无”。")
    if spec.type in NUMBER_KINDS:
        return _widen(normalize_number(text, NUMBER_KINDS[spec.type], spec.unit))
    if spec.type == "date":
        return _widen(normalize_date(text))
    if spec.type == "phone":
        return _widen(normalize_phone(text))
    if spec.type == "region":
        result = normalize_region(text)
        region = result.value
        parts: JsonValue = None
        if region is not None:
            parts = {"province": region["province"], "city": region["city"], "county": region["county"]}
        return Normalized(parts, result.status, result.raw, result.findings)
    if spec.type == "long_text":
        return _widen(normalize_long_text(text.splitlines()))
    return _widen(normalize_text(text))


def _checked(spec: FieldSpec, result: Normalized[JsonValue]) -> Normalized[JsonValue]:
    """A parsed correction must be a value (or 无); a finding the normaliser raised that makes it invalid
    (not a number, not an integer, a unit it cannot convert) refuses it."""
    blocking = [f for f in result.findings if f.rule in ("not_a_number", "integer_expected", "unit_unknown")]
    if (
        result.status not in ACCEPTED_STATUSES
        or blocking
        or (result.status == "present" and result.value is None)
    ):
        wanted = TYPE_ZH.get(spec.type, "有效内容")
        raise CorrectionError(f"“{result.raw or ''}”不是有效的{wanted}，未保存。")
    if spec.type == "phone" and result.status == "present" and not _looks_like_phone(result.value):
        raise CorrectionError(f"“{result.raw or ''}”不是有效的电话号码，未保存。")
    return result


def _looks_like_phone(value: JsonValue) -> bool:
    return isinstance(value, str) and sum(ch.isdigit() for ch in value) >= 7


def _options(spec: FieldSpec, chosen: Sequence[str]) -> Normalized[JsonValue]:
    unknown = [option for option in chosen if option not in spec.options]
    if unknown:
        raise CorrectionError("所选选项不属于该栏目，未保存。")
    ordered: list[JsonValue] = [option for option in spec.options if option in chosen]
    if spec.type == "multi_choice":
        return Normalized(ordered, "present", "；".join(spec.options[str(o)] for o in ordered))
    if len(ordered) != 1:
        raise CorrectionError("单选栏目须选择且只能选择一项，未保存。")
    return Normalized(ordered[0], "present", spec.options[str(ordered[0])])


def _boolean(text: str) -> Normalized[JsonValue]:
    answers = {"true": True, "是": True, "有": True, "false": False, "否": False, "无": False}
    if text.strip() not in answers:
        raise CorrectionError("请选择“是”或“否”，未保存。")
    return Normalized(answers[text.strip()], "present", text.strip())


def _widen(result: Normalized[str] | Normalized[float | int]) -> Normalized[JsonValue]:
    return Normalized(result.value, result.status, result.raw, result.findings)
