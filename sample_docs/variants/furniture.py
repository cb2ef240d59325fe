"""Page furniture a filer's Word adds to every page: a running header (the cluster name and the form's
title), a footer page number in the government style (`— 21 —`, `第 3 页 共 20 页`) and a watermark
(a WordArt text in the header, as Word's 设计 → 水印 inserts it). Only a PDF export shows them."""

from __future__ import annotations

from sample_docs.variants.package import DECLARATIONS, MAIN, W_NS, Package, w

HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PAGE_STYLES = {
    "dash": ("— ", " —"),
    "of": ("第 ", " 页 共 {pages} 页"),
    "hyphen": ("- ", " -"),
}


def _run(text: str) -> str:
    return f'<w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(code: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(shown)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _watermark(text: str) -> str:
    return (
        "<w:p><w:r><w:pict>"
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:415pt;height:138pt;rotation:315;'
        "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" fillcolor="silver" stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string="{text}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r></w:p>'
    )


def header_xml(title: str, watermark: str | None) -> bytes:
    """Given the running title and an optional watermark text, return a header part."""
    body = f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_run(title)}</w:p>'
    body += _watermark(watermark) if watermark else ""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {DECLARATIONS}>{body}</w:hdr>'.encode()


def footer_xml(style: str) -> bytes:
    """Given a page-number style of PAGE_STYLES, return a footer part printing the page number."""
    before, after = PAGE_STYLES[style]
    if "{pages}" in after:
        head, _, tail = after.partition("{pages}")
        number = _run(before) + _field("PAGE", "1") + _run(head) + _field("NUMPAGES", "1") + _run(tail)
    else:
        number = _run(before) + _field("PAGE", "1") + _run(after)
    paragraph = f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{number}</w:p>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {DECLARATIONS}>{paragraph}</w:ftr>'.encode()


def add_furniture(
    package: Package, title: str, page_style: str = "dash", watermark: str | None = None
) -> None:
    """Give every page of the package's document a running header, a footer page number and,
    optionally, a watermark."""
    package.add_part("word/header1.xml", header_xml(title, watermark), HEADER_TYPE)
    package.add_part("word/footer1.xml", footer_xml(page_style), FOOTER_TYPE)
    header = package.relate(MAIN, "header", "header1.xml")
    footer = package.relate(MAIN, "footer", "footer1.xml")
    root = package.xml(MAIN)
    for section in root.iter(w("sectPr")):
        for kind, rel in (("footerReference", footer), ("headerReference", header)):
            reference = section.makeelement(w(kind), {w("type"): "default", f"{{{R_NS}}}id": rel})
            section.insert(0, reference)
    package.put_xml(MAIN, root)


__all__ = ["PAGE_STYLES", "W_NS", "add_furniture", "footer_xml", "header_xml"]
