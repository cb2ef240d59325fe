"""The 退回 notice for a district: a Word document (python-docx) listing what to fix, where, and why.

Every text from a filing is untrusted: it is written as plain runs (python-docx creates no field codes, so
nothing becomes a formula, a DDE call or a link), with the characters XML cannot hold removed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FONT = "宋体"
ITEM_HEADERS = ("序号", "栏目", "年度", "问题", "位置")


@dataclass(frozen=True, slots=True)
class NoticeFacts:
    """Who and what a notice is about (the cluster comes with the items)."""

    submission_id: str
    message: str
    asked_by: str
    signed_by: str
    date: date
    cluster_name: str = ""
    form_title: str = ""
    district: str = ""


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """One thing the district must fix: the item, year, the message and where it is in the filing."""

    label: str
    year: str | None
    message: str
    location: str


def plain(text: str | None) -> str:
    """Given a text from a filing, return it writable into a Word document as plain text."""
    return XML_ILLEGAL.sub("", text or "")


def _styled(document: docx.document.Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)


def _items_table(document: docx.document.Document, items: Sequence[NoticeItem]) -> None:
    table = document.add_table(rows=1, cols=len(ITEM_HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, ITEM_HEADERS, strict=True):
        cell.text = header
    for number, item in enumerate(items, start=1):
        cells = table.add_row().cells
        values = (str(number), item.label, item.year or "", item.message, item.location)
        for cell, value in zip(cells, values, strict=True):
            cell.text = plain(value)


def notice_docx(facts: NoticeFacts, items: Sequence[NoticeItem]) -> bytes:
    """Given the facts of a 退回 and the items to fix, return the notice as .docx bytes."""
    document = docx.Document()
    _styled(document)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("中小企业特色产业集群申报材料退回通知").bold = True
    document.add_paragraph(plain(f"{facts.district or '报送单位'}："))
    subject = f"你单位报送的《{facts.form_title or '申报表'}》（{facts.cluster_name or '未填写集群名称'}，"
    document.add_paragraph(plain(subject + f"编号 {facts.submission_id}）经审核需修改后重新报送。"))
    document.add_paragraph(plain(f"审核意见：{facts.message}"))
    document.add_paragraph(f"需修改的内容（共{len(items)}项）：")
    _items_table(document, items)
    document.add_paragraph("")
    document.add_paragraph(plain(f"审核人：{facts.asked_by}    签批人：{facts.signed_by}"))
    document.add_paragraph(f"日期：{facts.date.year}年{facts.date.month}月{facts.date.day}日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
