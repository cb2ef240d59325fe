"""Layout changes real filers make, applied to a sample .docx's XML (for robustness tests).

Each mutation takes the parsed w:document element and changes it in place; `mutate_docx` writes a copy of
the package with the changed document part.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from extractors.docx.ooxml import W_NS, w

Mutation = Callable[[etree._Element], None]
_HEADING = re.compile(r"^\s*[二三四五六七]、")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def _body_tables(root: etree._Element) -> list[etree._Element]:
    body = root.find(w("body"))
    assert body is not None
    return [child for child in body if child.tag == w("tbl")]


def _continues_merge(row: etree._Element) -> bool:
    return any(merge.get(w("val")) != "restart" for merge in row.iter(w("vMerge")))


def _clear_text(element: etree._Element) -> None:
    for t in element.iter(w("t")):
        t.text = ""
    for merge in list(element.iter(w("vMerge"))):
        merge.getparent().remove(merge)


def split_tables(root: etree._Element) -> None:
    """Split each long table in two at a row outside merges; repeat a 年度 header row."""
    for table in _body_tables(root):
        rows = table.findall(w("tr"))
        cut = next((i for i in range(len(rows) // 2, len(rows)) if not _continues_merge(rows[i])), None)
        if len(rows) < 6 or cut is None:
            continue
        second = copy.deepcopy(table)
        for row in second.findall(w("tr")):
            second.remove(row)
        if "年度" in _text(rows[0]):
            second.append(copy.deepcopy(rows[0]))
        for row in rows[cut:]:
            second.append(row)
        page_break = etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r><w:br w:type="page"/></w:r></w:p>')
        table.addnext(page_break)
        page_break.addnext(second)


def insert_blank_rows(root: etree._Element) -> None:
    """Insert an empty row (copy of the row above, text removed) every third row, outside merges."""
    for table in root.iter(w("tbl")):
        rows = table.findall(w("tr"))
        for index in range(2, len(rows) - 1, 3):
            if _continues_merge(rows[index + 1]) or _continues_merge(rows[index]):
                continue
            blank = copy.deepcopy(rows[index])
            _clear_text(blank)
            rows[index].addnext(blank)


def halfwidth_brackets(root: etree._Element) -> None:
    """Type half-width brackets and colons everywhere (a filer retyping labels on an English keyboard)."""
    table = str.maketrans({"（": "(", "）": ")", "：": ":"})
    for t in root.iter(w("t")):
        t.text = (t.text or "").translate(table)


def spaced_labels(root: etree._Element) -> None:
    """Put spaces inside the first cell of every table row (labels re-typed with spaces)."""
    for row in root.iter(w("tr")):
        first = row.find(w("tc"))
        if first is None:
            continue
        for t in first.iter(w("t")):
            text = t.text or ""
            owner = next(t.iterancestors(w("tc")))
            if owner is first and not any(ch.isdigit() for ch in text):
                t.text = " ".join(text[i : i + 3] for i in range(0, len(text), 3))


def remove_section_headings(root: etree._Element) -> None:
    """Delete the printed headings 二、…七、 (a filer pasting tables without them)."""
    body = root.find(w("body"))
    assert body is not None
    for paragraph in [p for p in body if p.tag == w("p") and _HEADING.match(_text(p))]:
        body.remove(paragraph)


MUTATIONS: dict[str, Mutation] = {
    "split_tables": split_tables,
    "insert_blank_rows": insert_blank_rows,
    "halfwidth_brackets": halfwidth_brackets,
    "spaced_labels": spaced_labels,
    "remove_section_headings": remove_section_headings,
}


def mutate_docx(source: Path, target: Path, mutation: Mutation) -> None:
    """Given a .docx, write a copy whose main document part went through the mutation."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    mutation(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
