"""Text boxes, content-control prompts and soft line breaks as Word writes them."""

from __future__ import annotations

from lxml import etree

from extractors.docx.body import body_to_blocks
from extractors.docx.paragraphs import paragraph_to_text
from extractors.mapping.prompts import without_prompts
from normalizers.text import one_line
from sample_docs.variants.package import DECLARATIONS
from schema.document import Paragraph, Table

BOX = "<w:txbxContent><w:p><w:r><w:t>集群名称：甲乙产业集群</w:t></w:r></w:p></w:txbxContent>"
DRAWING = f"<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{BOX}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
PICT = f"<w:pict><v:shape><v:textbox>{BOX}</v:textbox></v:shape></w:pict>"


def _body(xml: str) -> tuple[Paragraph | Table, ...]:
    return body_to_blocks(etree.fromstring(f"<w:body {DECLARATIONS}>{xml}</w:body>"))


def _texts(xml: str) -> list[str]:
    return [b.text for b in _body(xml) if isinstance(b, Paragraph)]


def test_text_box_written_twice_is_read_once_after_its_anchor() -> None:
    both = f'<mc:AlternateContent><mc:Choice Requires="wps">{DRAWING}</mc:Choice><mc:Fallback>{PICT}</mc:Fallback></mc:AlternateContent>'
    texts = _texts(
        f"<w:p><w:r><w:t>封面</w:t></w:r><w:r>{both}</w:r></w:p><w:p><w:r><w:t>后文</w:t></w:r></w:p>"
    )
    assert texts == ["封面", "集群名称：甲乙产业集群", "后文"]


def test_fallback_text_box_is_read_when_the_choice_has_none() -> None:
    only_fallback = f'<mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing/></mc:Choice><mc:Fallback>{PICT}</mc:Fallback></mc:AlternateContent>'
    assert _texts(f"<w:p><w:r>{only_fallback}</w:r></w:p>") == ["", "集群名称：甲乙产业集群"]


def test_vml_text_box_holding_a_table() -> None:
    table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>集群总产值</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12.5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    blocks = _body(
        f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{table}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1 and [c.text for c in tables[0].cells] == ["集群总产值", "12.5"]


def test_content_control_showing_its_prompt_is_empty() -> None:
    prompt = "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>"
    filled = "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>张三</w:t></w:r></w:sdtContent></w:sdt>"
    paragraph = etree.fromstring(f"<w:p {DECLARATIONS}><w:r><w:t>联系人：</w:t></w:r>{prompt}{filled}</w:p>")
    assert paragraph_to_text(paragraph) == "联系人：张三"
    assert _texts(prompt.replace("<w:r>", "<w:p><w:r>").replace("</w:r>", "</w:r></w:p>")) == []


def test_printed_prompts_are_removed_even_when_wrapped() -> None:
    assert without_prompts("单击或点击此处输\n入文字。") == ""
    assert without_prompts("数量：单击或点击此处输入文字。个") == "数量：个"
    assert without_prompts("Click or tap here to enter text.") == ""
    assert without_prompts("点击率提升") == "点击率提升"


def test_one_line_values_join_without_stray_breaks() -> None:
    assert one_line("湖北省经济和\n信息化厅") == "湖北省经济和信息化厅"
    assert one_line("ABC\nTechnology 有限公司") == "ABC Technology 有限公司"
