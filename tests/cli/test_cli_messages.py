"""What the command line tells a person: version, help with examples, and every error in one bilingual line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cluster_intake import package_version

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_docs" / "docx"
MESSY = SAMPLES / "02_application_messy.docx"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _cli(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cluster_intake.cli", *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT)  # type: ignore[call-overload, no-any-return]


def _one_bilingual_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert CHINESE.search(lines[0]) and re.search(r"[A-Za-z]{4,}", lines[0]), lines[0]
    return lines[0]


def test_version() -> None:
    result = _cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"cluster-intake {package_version()}"
    assert package_version() != "0+unknown"


@pytest.mark.parametrize("command", ["extract", "rules", "run", "serve", "review", "users", "export"])
def test_every_command_has_a_description_and_an_example(command: str) -> None:
    result = _cli(command, "-h")
    assert result.returncode == 0, result.stderr
    usage, _, rest = result.stdout.partition("\n\n")
    assert usage.startswith(f"usage: cluster-intake {command}")
    description = rest.split("\n\n", 1)[0]
    assert CHINESE.search(description) and re.search(r"/ [a-z]+ ", description)  # Chinese, then English
    assert re.search(rf"例 / example:\n  cluster-intake {command}\b", result.stdout)


def test_main_help_lists_every_command_with_an_example() -> None:
    result = _cli("-h")
    for command in ("extract", "rules", "run", "serve", "review", "users", "export"):
        assert re.search(rf"^    {command} +\S", result.stdout, re.MULTILINE), command
    assert "例 / example:" in result.stdout


def test_a_folder_given_to_extract_says_so(tmp_path: Path) -> None:
    result = _cli("extract", str(tmp_path))
    assert result.returncode == 2
    assert "是文件夹，不是文件" in _one_bilingual_line(result) and "is a folder, not a file" in result.stderr


def test_a_file_given_to_run_says_so(tmp_path: Path) -> None:
    result = _cli("run", str(ROOT / "README.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    line = _one_bilingual_line(result)
    assert "输入路径是文件，不是文件夹" in line and "INBOX is a file, not a folder" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [["extract", str(MESSY)], ["rules"]])
def test_an_unknown_profile_lists_the_known_ones(command: list[str]) -> None:
    result = _cli(*command, "--profile", "nosuch")
    assert result.returncode == 2
    line = _one_bilingual_line(result)
    assert "未知的认定标准配置“nosuch”" in line and "unknown criteria profile 'nosuch'" in line
    assert "national_2022, shanghai_2024, yunnan_provincial" in line


def test_a_profile_path_that_does_not_exist_says_so(tmp_path: Path) -> None:
    result = _cli("extract", str(MESSY), "--profile", str(tmp_path / "省标准.yaml"))
    assert result.returncode == 2
    line = _one_bilingual_line(result)
    assert "认定标准配置文件不存在" in line and "file not found" in line and "unknown" not in line


def test_a_bad_store_url_is_bilingual(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / MESSY.name).write_bytes(MESSY.read_bytes())
    result = _cli("export", "--out", str(tmp_path / "out"), "--db", "nosuchdb://x")
    assert result.returncode == 2
    assert "无法打开数据库" in _one_bilingual_line(result) and "cannot open database" in result.stderr


def test_usage_errors_are_bilingual() -> None:
    result = _cli("extract")
    assert result.returncode == 2
    assert "缺少必需的参数：file / the following arguments are required: file" in result.stderr
    result = _cli("rules", "--severity", "error")
    assert "无法识别的参数" in result.stderr and "unrecognized arguments" in result.stderr


def test_rules_prints_a_table_with_titles_severity_category_and_thresholds() -> None:
    result = _cli("rules", "--profile", "yunnan_provincial")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "yunnan_provincial" in lines[0] and "云南省" in lines[0]
    assert lines[1].split() == ["规则编号", "规则名称", "严重程度", "类别", "阈值"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert rows["criterion_output"] == ["总产值不达标", "错误", "认定标准", "≥10亿元"]
    assert rows["required_missing"] == ["必填未填", "错误", "栏目"]


def test_extract_lists_errors_then_warnings_with_locations_in_chinese() -> None:
    result = _cli("extract", str(MESSY))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    kinds = [line[:4] for line in lines[1:]]
    assert kinds == sorted(kinds, key=["[错误]", "[警告]", "[提示]"].index) and "[警告]" in kinds
    assert all("｜位置：" in line for line in lines[1:] if "段落" in line or "表" in line)
    assert "｜位置：表2 第4行 第3列｜" in result.stdout
    assert not re.search(r"[A-Za-z]{3,}", result.stdout.replace(MESSY.name, ""))
    errors_only = _cli("extract", str(MESSY), "--severity", "error").stdout.splitlines()
    assert {line[:4] for line in errors_only[1:]} == {"[错误]"} and len(errors_only) == 6


def test_a_full_disk_under_the_output_is_one_line(tmp_path: Path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    with full.open("w") as sink:
        result = _cli("extract", str(MESSY), "--json", stdout=sink)
    assert result.returncode == 1
    assert "磁盘空间不足 / no space left on device" in _one_bilingual_line(result)


def test_an_output_folder_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = _cli("run", str(SAMPLES), "--out", str(blocker / "out"))
    assert result.returncode == 2
    line = _one_bilingual_line(result)
    assert line.startswith("无法创建输出文件夹 / cannot create the output folder — 路径中有一段是文件")


def test_an_export_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    (tmp_path / "out").mkdir()
    result = _cli("export", "--out", str(tmp_path / "out"), "--to", str(blocker / "export"))
    assert result.returncode == 1
    assert _one_bilingual_line(result).startswith("无法导出 / cannot export — ")
