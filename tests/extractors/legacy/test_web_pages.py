"""Word web pages (.htm, .mht) made safe before LibreOffice converts them, and read like Word writes them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from extractors.legacy.backend import LegacyWordExtractor
from extractors.legacy.web_pages import html_bytes_to_text, mht_to_html_text, neutralized_html
from sample_docs.variants.containers import as_mht
from schema.document import iter_paragraphs

WORD_PAGE = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="申报表.files/filelist.xml"><script>location='http://example.invalid/'</script>
<style>@import url(http://example.invalid/a.css); body {background:url(http://example.invalid/b.png)}</style></head>
<body lang=ZH-CN onload="steal()"><img src="http://example.invalid/pixel.gif"><v:imagedata src="file:///etc/passwd"/>
<p class=MsoNormal><span style='font-family:Wingdings;mso-char-type:symbol;mso-symbol-font-family:Wingdings'>&#254;</span>是
<span style='font-family:"Wingdings 2"'>&#163;</span>否</p>
<p><span style='font-family:"Wingdings 2"'>R</span>第一产业 <input type=checkbox checked>第二产业 <input type=checkbox>第三产业</p>
</body></html>"""


def test_nothing_in_a_web_page_reaches_outside_the_file() -> None:
    safe = neutralized_html(WORD_PAGE)
    for gone in ("http:", "file:", "<script", "<link", "onload", "@import", "url("):
        assert gone not in safe
    assert "☑第二产业" in safe and "☐第三产业" in safe
    assert "charset=utf-8" in safe and "gb2312" not in safe


def test_charsets_of_web_pages() -> None:
    assert html_bytes_to_text(WORD_PAGE.encode("gb18030")).count("第一产业") == 1
    assert html_bytes_to_text(b"\xff\xfe" + "<p>集群</p>".encode("utf-16-le")) == "<p>集群</p>"


def test_the_html_page_of_an_mht() -> None:
    page = WORD_PAGE.encode("gb2312", "xmlcharrefreplace")
    assert "第一产业" in mht_to_html_text(as_mht(page))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_word_symbol_spans_and_form_checkboxes_read_as_ticks(tmp_path: Path) -> None:
    page = tmp_path / "申报表.doc"
    page.write_bytes(WORD_PAGE.encode("gb2312", "xmlcharrefreplace"))
    texts = [p.text for p in iter_paragraphs(LegacyWordExtractor().extract(page).blocks) if p.text.strip()]
    assert "☑是 ☐否" in texts and "☑第一产业 ☑第二产业 ☐第三产业" in texts


def _checkbox(ffdata_hex: str) -> str:
    return (
        "<!--[if supportFields]><span style='mso-element:field-begin'></span> FORMCHECKBOX "
        "<span style='mso-element:field-separator'></span><![endif]--><!--[if gte mso 9]><xml>"
        f"<w:data>{ffdata_hex}</w:data></xml><![endif]--><!--[if supportFields]>"
        "<span style='mso-element:field-end'></span><![endif]-->"
    )


def test_word_field_ticks_become_glyphs_where_the_page_shows_them() -> None:
    checked_by_default = "FFFFFFFF650000001400070043006800650063006B0033003600000001000000000000000000"
    unchecked = "FFFFFFFF010000001400000000000100"
    eq = (
        "<!--[if supportFields]><span style='mso-element:field-begin'></span>eq \\o\\ac(<span>□</span>,√)"
        "<span style='mso-element:field-end'></span><![endif]--><![if !supportFields]><span>"
        '<img src="a.files/image001.gif"></span><![endif]>'
    )
    page = f"<p>{_checkbox(checked_by_default)}是 {_checkbox(unchecked)}否 {_checkbox('00')}不详 {eq}有</p>"
    shown = re.sub("<!--.*?-->", "", neutralized_html(page), flags=re.S)
    assert "<p>☑是 ☐否 ⍰不详 ☑有</p>" in shown and "<img" not in shown
