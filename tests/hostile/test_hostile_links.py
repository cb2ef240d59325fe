"""Reading an inbox file follows no link, opens no FIFO, never leaves the inbox — also when the file or a
folder of its path is swapped for a link between the listing and the reading."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hostile_tools import SAMPLE_DOCX

from extractors.errors import DocumentLoadError
from extractors.file_checks import read_filing
from flows.discovery import InboxFile
from flows.intake import read_inbox_file

SECRET = b"SECRET-OUTSIDE-4242"


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    (inbox / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "a.docx").write_bytes(SECRET)
    shutil.copyfile(SAMPLE_DOCX, inbox / "sub" / "a.docx")
    return inbox, outside


def test_a_file_swapped_for_a_link_after_listing_is_not_followed(places: tuple[Path, Path]) -> None:
    inbox, outside = places
    item = InboxFile(inbox / "sub" / "a.docx", "sub/a.docx")
    (inbox / "sub" / "a.docx").unlink()
    os.symlink(outside / "a.docx", inbox / "sub" / "a.docx")
    read = read_inbox_file(item, inbox)
    assert read.data is None and read.problem is not None and "符号链接" in read.problem.reason_zh


def test_a_folder_swapped_for_a_link_after_listing_is_not_left_for(places: tuple[Path, Path]) -> None:
    inbox, outside = places
    item = InboxFile(inbox / "sub" / "a.docx", "sub/a.docx")
    shutil.rmtree(inbox / "sub")
    os.symlink(outside, inbox / "sub")
    read = read_inbox_file(item, inbox)
    assert read.data is None and read.problem is not None and "输入文件夹之外" in read.problem.reason_zh


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.docx")
    with pytest.raises(DocumentLoadError, match="普通文件"):
        read_filing(tmp_path / "pipe.docx")


def test_a_file_too_large_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    with pytest.raises(DocumentLoadError, match="文件过大"):
        read_filing(big)
