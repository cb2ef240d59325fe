"""Target-table cells: the form's printed placeholder rows are never part of an indicator."""

from __future__ import annotations

from extractors.mapping.targets import without_placeholder_lines


def test_a_placeholder_row_joined_to_the_indicator_above_is_dropped() -> None:
    """Seen in a LibreOffice PDF export (seed 777, filing 20): 工业互联网普及率 over the printed ……"""
    assert without_placeholder_lines("工业互联网普及率\n......") == "工业互联网普及率"
    assert without_placeholder_lines("工业互联网普及率\n……\n") == "工业互联网普及率"
    assert without_placeholder_lines("……") == "……"  # a placeholder row on its own stays what it is
    assert without_placeholder_lines("新增指标：专利数……") == "新增指标：专利数……"
