"""How Word, WPS and template makers structure a filled form, applied to a generated filing's XML.

Each mutation changes the parsed `w:document` in place, the record a reader must produce unchanged:
- `cover_in_text_box` / `table_in_text_box`: the cover's lines, or one section table, inside a text
  box — written twice as Word writes shapes (DrawingML `wps:txbx` in `mc:Choice`, VML `v:textbox`
  in `mc:Fallback`), or VML only (`vml=True`, as Word 2003 documents have them);
- `placeholders`: every empty cell is a content control showing its prompt
  (`w:showingPlcHdr`, "单击或点击此处输入文字。"), filled values in plain content controls;
- `soft_breaks`: a soft line break (Shift+Enter) inside one-line values — names, authorities, the
  phone after a contact — and between a number and its unit.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterator, Mapping
from typing import Any

from lxml import etree

from sample_docs.variants.package import fragment, w

PROMPT = "单击或点击此处输入文字。"
_COVER_FIRST = "集群名称"
_COVER_LAST = "联系人及联系电话"
_EMU_PER_PT = 12700
_NUMBER_UNIT = re.compile(r"^([-−－]?[\d,，.．０-９]+)(\D.*)$")
_UNIT_CELL = re.compile(r"^[-−－]?[\d,，.．０-９]+\s*(亿元|万元|元|%|％|个|家|人|项)$")


def text_of(element: etree._Element) -> str:
    """Given an element, return the text of its w:t descendants."""
    return "".join(t.text or "" for t in element.iter(w("t")))


def _body(root: etree._Element) -> etree._Element:
    body = root.find(w("body"))
    assert body is not None
    return body


def _text_box_xml(content: list[etree._Element], number: int, height_pt: int, vml: bool) -> etree._Element:
    """Given block elements, return a paragraph anchoring a text box that holds them."""
    width = 425
    inner = "".join(etree.tostring(el, encoding="unicode") for el in content)
    textbox = f"<w:txbxContent>{inner}</w:txbxContent>"
    shape = (
        f'<w:pict><v:shape id="文本框 {number}" o:spid="_x0000_s{1024 + number}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height_pt}pt;'
        f"z-index:{251659264 + number};mso-wrap-style:square;mso-position-horizontal-relative:text;"
        f'mso-position-vertical-relative:text" stroked="f"><v:textbox style="mso-fit-shape-to-text:t">'
        f'{textbox}</v:textbox><w10:wrap type="topAndBottom"/></v:shape></w:pict>'
    )
    if vml:
        return fragment(f"<w:p><w:r>{shape}</w:r></w:p>")
    cx, cy = width * _EMU_PER_PT, height_pt * _EMU_PER_PT
    drawing = (
        f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251659264 + number}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{number}" name="文本框 {number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        f"<a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>{textbox}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        'anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing>"
    )
    return fragment(
        "<w:p><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps">{drawing}</mc:Choice><mc:Fallback>{shape}</mc:Fallback>'
        "</mc:AlternateContent></w:r></w:p>"
    )


def _detach(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def _child(element: etree._Element, path: str) -> etree._Element:
    found = element.find(path)
    assert found is not None
    return found


def _move_into_text_box(blocks: list[etree._Element], number: int, height_pt: int, vml: bool) -> None:
    anchor = _text_box_xml(blocks, number, height_pt, vml)
    blocks[0].addprevious(anchor)
    for block in blocks:
        _detach(block)
    if any(b.tag == w("tbl") for b in blocks):
        anchor.addnext(fragment("<w:p/>"))


def cover_in_text_box(root: etree._Element, vml: bool = False) -> None:
    """Move the cover's value lines (or its table) into a text box anchored where they stood."""
    body = list(_body(root))
    first = next(i for i, el in enumerate(body) if text_of(el).strip().startswith(_COVER_FIRST))
    if body[first].tag == w("tbl"):
        _move_into_text_box([body[first]], 1, 200, vml)
        return
    last = next(i for i in range(first, len(body)) if text_of(body[i]).strip().startswith(_COVER_LAST))
    _move_into_text_box(body[first : last + 1], 1, 220, vml)


def table_in_text_box(root: etree._Element, rng: random.Random, vml: bool = False) -> None:
    """Move one of the shorter section tables into a text box anchored where it stood."""
    tables = [el for el in _body(root) if el.tag == w("tbl")]
    short = sorted(tables[1:], key=lambda t: len(t.findall(w("tr"))))[:3]
    table = rng.choice(short)
    _move_into_text_box([table], 2, 18 * len(table.findall(w("tr"))) + 20, vml)


def _continues_merge(tc: etree._Element) -> bool:
    merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
    return merge is not None and merge.get(w("val")) != "restart"


def _cells(root: etree._Element) -> Iterator[etree._Element]:
    """The cells a filer types into: no nested table, not the hidden rest of a vertical merge."""
    for tc in root.iter(w("tc")):
        if tc.find(f".//{w('tbl')}") is None and not _continues_merge(tc):
            yield tc


def _placeholder_sdt() -> etree._Element:
    return fragment(
        '<w:sdt><w:sdtPr><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:id w:val="-1"/>'
        '<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>'
        "<w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:rPr>"
        '<w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>'
        f"<w:t>{PROMPT}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _wrap_runs(paragraph: etree._Element) -> None:
    runs = paragraph.findall(w("r"))
    if not runs:
        return
    sdt = fragment('<w:sdt><w:sdtPr><w:id w:val="-2"/></w:sdtPr><w:sdtContent/></w:sdt>')
    runs[0].addprevious(sdt)
    content = _child(sdt, w("sdtContent"))
    for run in runs:
        content.append(run)


def placeholders(root: etree._Element, rng: random.Random) -> None:
    """Put a content control showing its prompt in every empty table cell; wrap a third of the filled
    one-paragraph cells in plain content controls."""
    for tc in _cells(root):
        paragraphs = tc.findall(w("p"))
        if not paragraphs:
            continue
        if not text_of(tc).strip():
            paragraphs[0].append(_placeholder_sdt())
        elif len(paragraphs) == 1 and rng.random() < 1 / 3:
            _wrap_runs(paragraphs[0])


def _split_text(t: etree._Element, position: int) -> None:
    """Split a w:t at `position` with a soft line break between the two halves (same run)."""
    text = t.text or ""
    second = copy.deepcopy(t)
    t.text, second.text = text[:position], text[position:]
    for part in (t, second):
        part.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    br = etree.Element(w("br"))
    t.addnext(br)
    br.addnext(second)


def _value_texts(root: etree._Element, value: str) -> list[etree._Element]:
    return [t for t in root.iter(w("t")) if value and value in (t.text or "") and len(t.text or "") < 80]


def soft_breaks(root: etree._Element, texts: list[str], rng: random.Random) -> int:
    """Given one-line values (names, authorities) and numbers with units as written, put a soft line
    break inside each text where it stands and between each number and its unit; return how many."""
    count = 0
    for value in texts:
        for t in _value_texts(root, value):
            start = (t.text or "").index(value)
            unit = _NUMBER_UNIT.match(value)
            cut = len(unit.group(1)) if unit else rng.randint(2, max(2, len(value) - 2))
            if 0 < cut < len(value):
                _split_text(t, start + cut)
                count += 1
    return count


def number_unit_texts(root: etree._Element) -> list[str]:
    """Given a document, return the cell texts that are a number written with its unit (`12.35亿元`)."""
    return sorted({t.text or "" for t in root.iter(w("t")) if _UNIT_CELL.match((t.text or "").strip())})


ONE_LINE_FIELDS = (
    "cover.cluster_name",
    "cover.county_authority",
    "cover.operator",
    "basic.cluster_name",
    "basic.county_authority",
    "basic.operator",
    "declaration.recommending_unit",
)


def one_line_values(truth: Mapping[str, object]) -> list[str]:
    """Given a truth record, return the written one-line names and authorities a filer might break."""
    fields = truth["fields"]
    assert isinstance(fields, dict)
    values = [fields[field_id]["value"] for field_id in ONE_LINE_FIELDS if field_id in fields]
    return [value for value in values if isinstance(value, str) and len(value) >= 4]


LONG_TAILS = {
    "cover.county_authority": "（中国（湖北）自由贸易试验区襄阳片区管理委员会）",
    "cover.operator": "暨产业园区综合服务中心",
}


def lengthen_cover_values(root: etree._Element, truth: dict[str, Any]) -> dict[str, Any]:
    """Make the cover's authority and operator names long enough to wrap onto a second line (as long
    official names do); return the truth with the longer names."""
    fields = copy.deepcopy(truth["fields"])
    for field_id, tail in LONG_TAILS.items():
        old = fields[field_id]["value"]
        if not isinstance(old, str) or not old:
            continue
        cover = next((t for t in root.iter(w("t")) if t.text and old in t.text and "：" not in t.text), None)
        if cover is not None:
            cover.text = (cover.text or "").replace(old, old + tail)
            fields[field_id]["value"] = old + tail
    return {**truth, "fields": fields}


SECOND_PHONES = {
    "basic.county_authority_phone": ("0571-86012345", "、", "13912345678"),
    "basic.operator_phone": ("021-64123456", " ", "15800001111"),
}


def two_phone_numbers(root: etree._Element, truth: dict[str, Any]) -> dict[str, Any]:
    """Write two numbers (a landline and a mobile) into each 联系方式 cell of 一、基本情况, where the
    narrow cell wraps them; return the truth with both numbers."""
    fields = copy.deepcopy(truth["fields"])
    for field_id, (landline, separator, mobile) in SECOND_PHONES.items():
        old = fields[field_id]["value"]
        if not isinstance(old, str) or ";" in old:
            continue
        digits = old.replace("-", "")
        cell = next((t for t in root.iter(w("t")) if (t.text or "").strip().replace("-", "") == digits), None)
        if cell is not None:
            cell.text = landline + separator + mobile
            fields[field_id]["value"] = f"{landline};{mobile}"
    return {**truth, "fields": fields}
