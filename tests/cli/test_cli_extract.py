"""The command line as an operator uses it: exit codes, one-line bilingual errors, JSON shape, start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_docs" / "docx" / "01_review_clean.docx"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cluster_intake.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_extract_json_has_every_field_of_the_form() -> None:
    result = _cli("extract", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["form"] == "review"
    assert set(record["fields"]) == {f.id for f in load_field_catalogue().fields_for("review")}
    assert all({"value", "status"} <= set(entry) for entry in record["fields"].values())
    assert isinstance(record["exceptions"], list)


def test_unreadable_file_exits_non_zero_with_one_bilingual_line(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip at all")
    result = _cli("extract", str(bad), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "不是有效的 Word 文档" in lines[0] and "not a Word .docx file" in lines[0]


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    assert _cli("extract", str(tmp_path / "nope.docx")).returncode == 2
    text = tmp_path / "a.txt"
    text.write_text("hello", encoding="utf-8")
    result = _cli("extract", str(text))
    assert result.returncode == 2 and "不支持的文件格式" in result.stderr


def test_profile_option_changes_the_criteria(tmp_path: Path) -> None:
    profile = tmp_path / "strict.yaml"
    profile.write_text(
        "title: 测试\narea_km2: {op: '<=', value: 1, severity: warning}\n"
        "total_output_each_year: {op: '>=', value: 100000}\nsme_output_share: {op: '>=', value: 0}\n"
        "leading_output_share: {op: '>', value: 0}\nleading_output_cagr: {op: '>', value: -100}\n"
        "quality_firms: {champion_or_giant_min: 0, specialized_innovative_hightech_min: 0}\n"
        "rd_expenditure_cagr: {op: '>', value: -100, severity: warning}\n"
        "iip_penetration_rate: {op: '>=', value: 0, severity: warning}\n",
        encoding="utf-8",
    )
    default = json.loads(_cli("extract", str(SAMPLE), "--json").stdout)
    strict = json.loads(_cli("extract", str(SAMPLE), "--json", "--profile", str(profile)).stdout)
    rules = {e["rule"] for e in strict["exceptions"]} - {e["rule"] for e in default["exceptions"]}
    assert {"criterion_output", "criterion_area"} <= rules
    bad = _cli("extract", str(SAMPLE), "--profile", "atlantis_2099")
    assert bad.returncode == 2 and "national_2022" in bad.stderr


def test_rules_lists_the_catalogue() -> None:
    result = _cli("rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "national_2022" in lines[0] and lines[1].split()[:2] == ["规则编号", "规则名称"]
    listed = {line.split()[0] for line in lines[2:]}
    assert listed == {rule.id for rule in load_rule_catalogue().rules}


def test_extract_path_imports_neither_prefect_nor_pandas() -> None:
    code = (
        "import sys, cluster_intake.cli; print(sorted(m for m in ('prefect', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_zip_archive_named_doc_exits_2_with_its_reason(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "申报材料.doc"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("申报表.docx", b"PK")
    result = _cli("extract", str(archive))
    assert result.returncode == 2 and "压缩包" in result.stderr and "ZIP archive" in result.stderr
