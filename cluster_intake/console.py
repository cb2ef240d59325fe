"""What the command line prints for a person: a filing's findings and the rule catalogue, in Chinese.

`findings_lines`: one summary line, then the findings — errors first, then warnings, then notes — each with
the rule's Chinese title, the item (部分 / 栏目 / 年度) and where it stands in the file (page, table cell or
paragraph), then the message; the 佐证材料 checklist (no finding: it never changes the verdict) is counted in
the summary and listed only on request.
`rules_lines`: the catalogue as a table with a header: id, Chinese title, severity, category and the threshold
the chosen profile applies. Nothing here imports pandas or Prefect.
"""

from __future__ import annotations

from collections.abc import Sequence

from reports.findings import finding_location, place_text, section_and_label
from reports.verdict import SEVERITIES, VERDICT_ZH, is_checklist, queue_items, severity_counts, verdict
from reports.widths import text_width
from schema.catalog import load_field_catalogue
from schema.record import ExceptionItem, Provenance, Record
from schema.rules_catalog import CATEGORY_ZH, SEVERITY_ZH, Profile, Severity, load_rule_catalogue
from validators.criteria import criterion_thresholds

FORM_ZH = {"application": "申报表", "review": "复核申报表"}
RULE_HEADERS = ("规则编号", "规则名称", "严重程度", "类别", "阈值")
COLUMN_GAP = "  "


def location_text(location: Provenance | None) -> str:
    """Given where a finding points, return it in Chinese: 第2页, 表3 第5行 第2列, 段落12 (or "")."""
    if location is None:
        return ""
    place = place_text(location)
    page = f"第{location.page}页" if location.page is not None else ""
    return " ".join(part for part in (page, place) if part)


def finding_line(record: Record, item: ExceptionItem) -> str:
    """Given a record and one of its findings, return its line: [严重程度] 规则｜栏目 年度｜位置｜说明."""
    section, label = section_and_label(load_field_catalogue(), record.form, item)
    title = load_rule_catalogue().rule(item.rule).title
    year = f"{item.year}年" if item.year else ""
    what = " ".join(part for part in (section, label, year) if part)
    where = location_text(finding_location(record, item))
    parts = [f"[{SEVERITY_ZH[item.severity]}] {title}", what, f"位置：{where}" if where else "", item.message]
    return "｜".join(part for part in parts if part)


def summary_line(record: Record) -> str:
    """Given a record, return its one-line summary: file, form, fields filled, counts, checklist, verdict."""
    filled = sum(1 for entry in record.fields.values() if entry.status == "present")
    counts = severity_counts(record.exceptions)
    counted = "，".join(f"{SEVERITY_ZH[s]} {counts[s]} 条" for s in SEVERITIES)
    checklist = sum(1 for item in record.exceptions if is_checklist(item))
    return (
        f"{record.source}（{FORM_ZH.get(record.form, record.form)}）：{len(record.fields)} 个栏目，"
        f"已填写 {filled} 个；{counted}；佐证材料核对 {checklist} 项；"
        f"结论：{VERDICT_ZH[verdict(record.exceptions)]}"
    )


def findings_lines(record: Record, lowest: Severity = "info", checklist: bool = False) -> list[str]:
    """Given a record, the lowest severity to show and whether to list the 佐证材料 checklist, return the
    summary line and the findings shown: errors first, then warnings, then notes, then (when asked) the
    checklist items, each group in the record's order."""
    shown = SEVERITIES[: SEVERITIES.index(lowest) + 1]
    queue = queue_items(record.exceptions)
    ordered = [item for severity in shown for item in queue if item.severity == severity]
    listed = [item for item in record.exceptions if is_checklist(item)] if checklist else []
    return [summary_line(record), *(finding_line(record, item) for item in [*ordered, *listed])]


def aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """Given rows of cells, return them as lines with every column but the last padded to one width."""
    widths = [max(text_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell + " " * (width - text_width(cell)) for cell, width in zip(row, widths, strict=False)]
        lines.append(COLUMN_GAP.join([*cells, row[-1]]).rstrip())
    return lines


def rules_lines(profile: Profile, profile_name: str) -> list[str]:
    """Given a criteria profile and its name, return the catalogue as a table: a title line naming the
    profile, a header, and one line per rule with its threshold under that profile (empty when none)."""
    thresholds = criterion_thresholds(profile)
    rows = [list(RULE_HEADERS)]
    for rule in load_rule_catalogue().rules:
        rows.append(
            [
                *(rule.id, rule.title, SEVERITY_ZH[rule.severity]),
                *(CATEGORY_ZH.get(rule.category, rule.category), thresholds.get(rule.id, "")),
            ]
        )
    title = f"校验规则 {len(rows) - 1} 条；认定标准配置：{profile_name}（{profile.title}）"
    return [title, *aligned(rows)]
