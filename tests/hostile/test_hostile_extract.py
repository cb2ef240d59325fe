"""`cluster-intake extract` on hostile files: never a traceback. Each is refused with exit 2 and exactly
one bilingual line, within 60 s and 1.5 GB (peak RSS of every process, measured), caps checked on the
bytes actually inflated and on headers before any decoding."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import hostile_files as make
import pytest
from hostile_tools import ANSWER_MB, ANSWER_SECONDS, SAMPLE_DOCX, assert_refused_in_one_line, extract

CASES: dict[str, tuple[str, Callable[[Path], Path], tuple[str, ...]]] = {
    "understated-zip-bomb": ("bomb.docx", make.understated_bomb, ("已损坏",)),
    "bzip2-member": ("bz.docx", make.bzip2_member, ("压缩方式",)),
    "crc-error": ("crc.docx", make.crc_error, ("已损坏", "CRC")),
    "zlib-error": ("zlib.docx", make.zlib_error, ("已损坏",)),
    "damaged-central-directory": ("cd.docx", make.damaged_central_directory, ("已损坏",)),
    "png-declaring-3.6-gigapixels": ("huge.png", lambda p: make.huge_png(p, 60_000, 60_000), ("过大",)),
    "png-over-the-page-cap": ("big.png", lambda p: make.huge_png(p, 7_000, 7_000), ("7000×7000",)),
    "tiff-of-1000-pages": ("pages.tif", lambda p: make.tiff_of_pages(p, 1000), ("页数过多",)),
    "tiff-declaring-50000-square": ("big.tif", lambda p: make.raw_tiff(p, 50_000, 50_000), ("过大",)),
    "tiff-ifd-loop": ("loop.tif", lambda p: make.raw_tiff(p, 2000, 2800, loop=True), ()),
    "pdf-page-of-200-inches": ("page.pdf", lambda p: make.image_page_pdf(p, 14_400, 1), ("40000×40000",)),
    "pdf-image-of-10-gigapixels": ("img.pdf", lambda p: make.image_page_pdf(p, 595, 100_000), ("过大",)),
    "pdf-page-tree-loop": ("loop.pdf", make.looping_page_tree, ("PDF",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_in_one_line(tmp_path: Path, case: str) -> None:
    name, build, fragments = CASES[case]
    answer = extract(build(tmp_path / name), "--json")
    assert_refused_in_one_line(answer, *fragments)


def test_a_20000_row_table_is_read_in_linear_time(tmp_path: Path) -> None:
    answer = extract(make.big_table_docx(tmp_path / "rows.docx"), "--json")
    assert answer.returncode == 0, answer.stderr
    assert answer.seconds < ANSWER_SECONDS and answer.peak_mb < ANSWER_MB, answer


def test_a_name_too_long(tmp_path: Path) -> None:
    assert_refused_in_one_line(extract(tmp_path / ("长" * 100 + ".docx")), "过长")


def test_an_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert_refused_in_one_line(extract(folder), "文件夹")
    locked = tmp_path / "locked.docx"
    locked.write_bytes(SAMPLE_DOCX.read_bytes())
    locked.chmod(0)
    if os.geteuid() != 0:  # root reads it anyway
        assert_refused_in_one_line(extract(locked), "权限")


def test_a_fifo_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.docx")
    assert_refused_in_one_line(extract(tmp_path / "pipe.docx"), "不是普通文件")


def test_a_name_with_a_newline_prints_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.docx"
    odd.write_bytes(b"not a zip")
    assert_refused_in_one_line(extract(odd), "two\\x0alines.docx")


@pytest.mark.parametrize(
    "setting",
    [
        {"EXTRACT_OCR_DPI": "many"},
        {"EXTRACT_OCR_WORKERS": "1000"},
        {"EXTRACT_OCR_ENGINE": "easyocr"},
        {"EXTRACT_OCR_CONFIDENCE": "1.5"},
        {"EXTRACT_TIME_LIMIT": "soon"},
        {"EXTRACT_MEMORY_LIMIT_MB": "1"},
    ],
)
def test_a_bad_setting_is_one_line(setting: dict[str, str]) -> None:
    answer = extract(SAMPLE_DOCX, env={**os.environ, **setting})
    assert_refused_in_one_line(answer, "设置无效", next(iter(setting)))


def test_a_time_limit_hit_is_one_line(tmp_path: Path) -> None:
    rows = make.big_table_docx(tmp_path / "rows.docx")
    answer = extract(rows, env={**os.environ, "EXTRACT_TIME_LIMIT": "0.5"})
    assert_refused_in_one_line(answer, "读取超时")


def test_a_memory_limit_hit_is_one_line() -> None:
    scan = Path(__file__).resolve().parents[2] / "sample_docs" / "scans" / "00_application_clean.tif"
    answer = extract(scan, env={**os.environ, "EXTRACT_MEMORY_LIMIT_MB": "400"})
    assert_refused_in_one_line(answer)
    assert "内存上限" in answer.lines[0]
