"""Stage tests: Word 2003 XML rewritten into the .docx vocabulary (hints and smart tags unwrapped,
tracked changes settled, merged cells), Flat OPC's main part, and what is refused."""

from __future__ import annotations

import pytest

from extractors.docx.body import body_to_blocks
from extractors.docx.ooxml import w
from extractors.docx.word_xml import xml_to_document
from extractors.errors import DocumentLoadError
from schema.document import Paragraph, Table

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><?mso-application progid="Word.Document"?>'
    '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
    'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
    'xmlns:aml="http://schemas.microsoft.com/aml/2001/core" '
    'xmlns:st1="urn:schemas-microsoft-com:office:smarttags"><w:body><wx:sect><wx:sub-section>'
)
TAIL = "</wx:sub-section></wx:sect></w:body></w:wordDocument>"


def _read(body: str) -> tuple[Paragraph | Table, ...]:
    document = xml_to_document((HEAD + body + TAIL).encode())
    found = document.find(w("body"))
    assert found is not None
    return body_to_blocks(found)


def test_word_2003_runs_in_smart_tags_and_tracked_changes_read_as_word_shows_them() -> None:
    blocks = _read(
        "<w:p><w:r><w:t>总产值</w:t></w:r>"
        '<st1:chmetcnv UnitName="亿元" SourceValue="12.5"><w:r><w:t>12.5</w:t></w:r></st1:chmetcnv>'
        '<aml:annotation w:type="Word.Insertion"><aml:content><w:r><w:t>亿元</w:t></w:r></aml:content></aml:annotation>'
        '<aml:annotation w:type="Word.Deletion"><aml:content><w:r><w:delText>万元</w:delText></w:r></aml:content>'
        "</aml:annotation>"
        '<aml:annotation w:type="Word.Bookmark.Start" w:name="b"/></w:p>'
    )
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["总产值12.5亿元"]


def test_word_2003_merged_cells_and_form_checkboxes() -> None:
    (table, paragraph) = _read(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:tc><w:tcPr><w:vmerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>主导产业</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:hmerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>增速</w:t></w:r></w:p></w:tc>'
        "<w:tc><w:tcPr><w:hmerge/></w:tcPr><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        '<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="off"/><w:checked/>'
        "</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>是</w:t></w:r>'
        '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r><w:r><w:t>否</w:t></w:r></w:p>'
    )
    assert isinstance(table, Table) and isinstance(paragraph, Paragraph)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (1, 2)
    assert paragraph.text == "☑是☐否"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>&e;</w:body>'
        b"</w:wordDocument>",
        b'<?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
        b'<?xml version="1.0"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"/>',
        b'<?xml version="1.0"?><other xmlns="http://schemas.microsoft.com/office/word/2003/wordml"/>',
    ],
    ids=["external_entity", "truncated", "flat_opc_without_main_part", "other_root"],
)
def test_a_word_xml_file_with_a_dtd_broken_or_without_a_document_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentLoadError):
        xml_to_document(data)


def test_word_2003_merged_cells_with_nonsense_spans_count_as_one_column_each() -> None:
    (table,) = _read(
        '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="abc"/><w:hmerge w:val="restart"/></w:tcPr><w:p/></w:tc>'
        '<w:tc><w:tcPr><w:gridSpan w:val="99999999999"/><w:hmerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
    )
    assert isinstance(table, Table) and [(c.col, c.col_span) for c in table.cells] == [(0, 2)]
