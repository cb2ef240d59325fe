"""inbox_to_inventory: every file found; only lock files, hidden files and OS litter are skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.batch.flow import chunks
from flows.discovery import (
    FILE_LINK_REASON,
    FOLDER_LINK_REASON,
    SPECIAL_REASON,
    inbox_to_inventory,
    is_junk,
)
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


NAMES = [
    "a/b.docx",
    "a__b.docx",
    "a_/b.docx",
    "a/_b.docx",
    "a___b.docx",
    "x.docx",
    "x.docx.reason.txt",
    "x.docx%2Ereason.txt",
    "100%.docx",
    "100%25.docx",
    "t~1.docx",
    "new\nline.docx",
    os.fsdecode(b"\xff\xfe.docx"),
    "%FF%FE.docx",
    "长" * 120 + ".docx",
    "长" * 121 + ".docx",
    "d/" * 60 + "a.docx",
]


def test_output_names_never_collide_and_fit_the_file_system() -> None:
    stems = [output_stem(name) for name in NAMES]
    assert len(set(stems)) == len(NAMES)
    assert not any(stem.endswith(".reason.txt") for stem in stems)
    assert all(len(f".{stem}.reason.txt.partial".encode()) <= 255 for stem in stems)
    assert all("/" not in stem and "\n" not in stem for stem in stems)
    assert output_stem("a/b.docx") == "a__b.docx" and output_stem("a__b.docx") == "a%5F%5Fb.docx"
    assert output_stem("浙江/宁波/a_b.docx") == "浙江__宁波__a_b.docx"


def test_links_and_special_files_are_skipped_with_their_reason(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.docx").write_bytes(b"x")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(b"x")
    os.symlink(outside / "secret.docx", inbox / "link.docx")
    os.symlink(outside / "gone.docx", inbox / "broken.docx")
    os.symlink(outside, inbox / "folder")
    os.mkfifo(inbox / "pipe.docx")
    inventory = inbox_to_inventory(inbox)
    assert [f.name for f in inventory.filings] == ["a.docx"]
    reasons = {entry.item.name: entry.reason for entry in inventory.skipped}
    assert reasons == {
        "broken.docx": FILE_LINK_REASON,
        "folder": FOLDER_LINK_REASON,
        "link.docx": FILE_LINK_REASON,
        "pipe.docx": SPECIAL_REASON,
    }
