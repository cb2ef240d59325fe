"""Ticks LibreOffice loses when it converts a filing are read from the file itself (one fixture per class
in data/, each written the way its maker writes it: see data/README.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.legacy.backend import LegacyWordExtractor
from schema.document import iter_paragraphs

DATA = Path(__file__).resolve().parent / "data"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def _texts(name: str, tmp_path: Path, suffix: str = ".doc") -> list[str]:
    """Given a fixture, return its paragraphs' texts as read, the fixture renamed as filers rename it."""
    filing = tmp_path / f"申报表{suffix}"
    shutil.copy(DATA / name, filing)
    document = LegacyWordExtractor().extract(filing)
    return [p.text for p in iter_paragraphs(document.blocks) if p.text.strip()]


@pytest.mark.slow
@needs_soffice
def test_symbol_font_lists_of_a_libreoffice_web_page(tmp_path: Path) -> None:
    """LibreOffice's own HTML export names a symbol font with a fallback (`Wingdings, serif`)."""
    texts = _texts("libreoffice_symbol_fonts.htm", tmp_path)
    assert texts[1:3] == ["☐是（需附情况说明）", "☑否"]
    assert texts[4] == "☑第一产业 ☐第二产业 ☑第三产业"


@pytest.mark.slow
@needs_soffice
def test_word_fields_of_a_web_page_word_saved(tmp_path: Path) -> None:
    """Word writes its fields into a web page as conditional comments LibreOffice skips: FORMCHECKBOX
    (its state in `<w:data>`, the result or the default) and 带圈字符 EQ ticks come back from them."""
    texts = _texts("word_fields.htm", tmp_path)
    assert texts[1] == "☐是（需附情况说明） ☑否"
    assert texts[3] == "☑是 ☐否"
    assert texts[5:8] == ["☑绘制产业链图谱，开展产业链培育", "□组建创新联合体", "☑开展供应链风险评估工作"]
    assert texts[8] == "第1页"


@pytest.mark.slow
@needs_soffice
def test_rtf_tick_fields(tmp_path: Path) -> None:
    """An RTF as Word writes it: 带圈字符 EQ ticks (dropped by LibreOffice), SYMBOL fields (drawn twice by
    it), FORMCHECKBOX states from \\formfield or \\datafield; one without a state (as LibreOffice's own
    RTF export writes every checkbox) is unknown, not empty."""
    texts = _texts("word_fields.rtf", tmp_path)
    assert texts[1] == "☐是（需附情况说明）  ☑否"
    assert texts[3] == "☑是 ☐否"
    assert texts[5] == "☑是 ⍰否"
    assert texts[7:10] == ["☑绘制产业链图谱，开展产业链培育", "□组建创新联合体", "☑开展供应链风险评估工作"]
    assert texts[11] == "☑第一产业 ☐第二产业"
    assert texts[12] == "第1页"


@pytest.mark.slow
@needs_soffice
def test_odt_form_controls(tmp_path: Path) -> None:
    """Writer's form-control checkboxes (their state in office:forms, current or default, their label
    beside the box) and radio buttons; a checkbox form field beside them converts as before."""
    texts = _texts("form_controls.odt", tmp_path)
    assert texts[1] == "☐是（需附情况说明） ☑否"
    assert texts[3] == "☑是 ☐否"
    assert texts[5] == "☑第一产业 ☐第二产业"
    assert texts[7] == "⍰是 ☑否"
    assert texts[9] == "☑有"


@pytest.mark.slow
@needs_soffice
def test_word_binary_eq_ticks(tmp_path: Path) -> None:
    """带圈字符 EQ ticks of a Word 97 binary (dropped by LibreOffice with all their text) are read from
    the .doc and put back before their option; form-field checkboxes beside them convert as before."""
    texts = _texts("word_eq_fields.doc", tmp_path, ".docx")
    assert "☑是（需附情况说明）  ☐否" in texts
    assert "☐第一产业 ☑第二产业 ☐第三产业" in texts
    assert texts[6:9] == ["☑绘制产业链图谱，开展产业链培育", "□组建创新联合体", "☑开展供应链风险评估工作"]
    assert texts[-1] == "是否为先进制造业集群：☑是 ☐否"
