"""A filing's verdict from its findings: 通过 / 需复核 / 不合格, and the Chinese severity names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal

from schema.record import ExceptionItem
from schema.rules_catalog import Severity, load_rule_catalogue

Verdict = Literal["passed", "needs_review", "failed"]
QUARANTINED = "quarantined"
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_ZH: Mapping[str, str] = MappingProxyType({"error": "错误", "warning": "警告", "info": "提示"})
VERDICT_ZH: Mapping[str, str] = MappingProxyType(
    {"passed": "通过", "needs_review": "需复核", "failed": "不合格", QUARANTINED: "不合格"}
)


def is_checklist(item: ExceptionItem) -> bool:
    """Whether a finding belongs to the 佐证材料 checklist (rules.yaml category evidence), not the queue."""
    return load_rule_catalogue().rule(item.rule).is_checklist


def queue_items(items: Iterable[ExceptionItem]) -> list[ExceptionItem]:
    """Given findings, return those an operator works through in the queue (the checklist left out)."""
    return [item for item in items if not is_checklist(item)]


def severity_counts(items: Iterable[ExceptionItem]) -> dict[Severity, int]:
    """Given findings, return how many queue findings there are of each severity (every severity present;
    the 佐证材料 checklist is not counted)."""
    counts = Counter(item.severity for item in queue_items(items))
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}


def verdict(items: Iterable[ExceptionItem]) -> Verdict:
    """Given a filing's findings, return failed (any error), needs_review (warnings only) or passed (the
    佐证材料 checklist never changes it)."""
    counts = severity_counts(items)
    if counts["error"]:
        return "failed"
    return "needs_review" if counts["warning"] else "passed"
