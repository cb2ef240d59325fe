"""A .doc's 带圈字符 EQ ticks (dropped by LibreOffice) read from its own text and put back by alignment."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import extractors.legacy.word_fields as word_fields
from extractors.legacy.word_binary import word_binary_text
from extractors.legacy.word_fields import (
    MarkedParagraph,
    story_paragraphs,
    with_marks,
    with_word_binary_ticks,
    word_binary_marks,
)
from schema.document import Cell, ExtractedDocument, Paragraph, Table

FIXTURE = Path(__file__).resolve().parent / "data" / "word_eq_fields.doc"
EQ = "\x13 eq \\o\\ac(□,√)\x15"


def test_text_of_the_word_binary_with_its_fields() -> None:
    text = word_binary_text(FIXTURE.read_bytes())
    assert text is not None and text.text_boxes == ""
    assert "\x13 eq \\o\\ac(□,√)  \x15是（需附情况说明）  \x13 FORMCHECKBOX \x01\x14\x15否\x07" in text.main


def test_marks_of_eq_fields_without_result_only() -> None:
    story = f"{EQ}是 \x13 FORMCHECKBOX \x01\x14\x15否\r一{EQ}二\x07\x13 eq \\o\\ac(□,√)\x14x\x15有\r\x13 PAGE \x141\x15页\r"
    assert story_paragraphs(story) == [
        MarkedParagraph("是否", ((0, "☑"),)),
        MarkedParagraph("一二", ((1, "☑"),)),
        MarkedParagraph("x有"),
        MarkedParagraph("1页"),
    ]


def test_marks_go_before_their_letter_unless_a_box_is_shown_there() -> None:
    assert with_marks("是（需附情况说明）  ☐否", ((0, "☑"),)) == "☑是（需附情况说明）  ☐否"
    assert with_marks("第一产业 第二产业", ((4, "☑"), (8, "☐"))) == "第一产业 ☑第二产业☐"
    assert with_marks("☑是 否", ((0, "☑"),)) == "☑是 否"


def _document(texts: list[str]) -> ExtractedDocument:
    cells = tuple(Cell(row=i, col=0, blocks=(Paragraph(text, 0),)) for i, text in enumerate(texts))
    table = Table(index=0, n_rows=len(texts), n_cols=1, cells=cells)
    return ExtractedDocument(source="x.doc", kind="doc", blocks=(Paragraph("附件1", 0), table))


def test_repeated_option_texts_are_aligned_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    story = f"附件1\r是否\x07是 否\x07是否\x07是 {EQ}否\x07是否\x07是 否\x07"
    monkeypatch.setattr(word_fields, "word_binary_marks", lambda _data: story_paragraphs(story))
    document = with_word_binary_ticks(_document(["是否", "是 否", "是否", "是 否", "是否", "是 否"]), b"")
    table = next(document.iter_tables())
    assert [c.text for c in table.cells] == ["是否", "是 否", "是否", "是 ☑否", "是否", "是 否"]
    assert document.notes[-1].startswith("ticks read from the .doc itself: 1 of 1")


def test_a_damaged_word_binary_gives_no_marks_and_raises_nothing() -> None:
    data = FIXTURE.read_bytes()
    rng = random.Random(17)
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        word_binary_marks(bytes(damaged))
    assert word_binary_marks(data[:3000]) == []
    assert word_binary_marks(b"not a word file") == []
