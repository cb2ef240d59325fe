"""inbox_to_inventory: every file found; only lock files, hidden files and OS litter are skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.batch.flow import chunks
from flows.discovery import inbox_to_inventory, is_junk
from flows.naming import output_stem


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        ("a.docx", False),
        ("sub/a.DOCX", False),
        ("scan.pdf", False),
        ("old.doc", False),
        ("photo.jpeg", False),
        ("notes.txt", False),  # not a filing format, but not junk either: it goes to quarantine
        ("~$a.docx", True),
        ("sub/~$a.docx", True),
        (".~lock.a.docx#", True),
        (".DS_Store", True),
        ("Thumbs.db", True),
        (".git/config", True),
        ("sub/.hidden/a.docx", True),
    ],
)
def test_junk(name: str, junk: bool) -> None:
    assert is_junk(name) is junk


def test_inventory_counts_every_file(tmp_path: Path) -> None:
    for name in ["b.docx", "a/x.pdf", "~$b.docx", ".hidden", "a/.cache/y.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    os.mkfifo(tmp_path / "pipe.docx")  # a special file is listed as skipped, never opened
    inventory = inbox_to_inventory(tmp_path)
    assert [f.name for f in inventory.filings] == ["a/x.pdf", "b.docx"]
    assert sorted(f.item.name for f in inventory.skipped) == [
        ".hidden",
        "a/.cache/y.docx",
        "pipe.docx",
        "~$b.docx",
    ]
    assert inventory.found == 6


def test_output_names_are_flat() -> None:
    assert output_stem("浙江/宁波/a.docx") == "浙江__宁波__a.docx"


def test_chunks_keep_order_and_cover_every_file(tmp_path: Path) -> None:
    for index in range(23):
        (tmp_path / f"{index:02d}.docx").write_bytes(b"x")
    items = inbox_to_inventory(tmp_path).filings
    parts = chunks(items, 10)
    assert [len(part) for part in parts] == [10, 10, 3]
    assert [item for part in parts for item in part] == list(items)
