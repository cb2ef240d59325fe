"""An RTF's text boxes are written as body text where they are anchored, before LibreOffice converts it:
read once, in place, and a table nested in a box's table stays nested (LibreOffice ran it together)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from extractors.legacy.backend import LegacyWordExtractor
from extractors.legacy.rtf_shapes import MAX_SHAPE_BYTES, rtf_shape_text_to_body
from schema.document import Paragraph, Table

DATA = Path(__file__).resolve().parent / "data"
HEAD = b"{\\rtf1\\ansi\\ansicpg936 "
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def test_word_text_box_is_read_once_in_place() -> None:
    """Word's shape group: the box's text replaces it; the Word 6 copy in \\shprslt is not read."""
    shape = (
        b"{\\shp{\\*\\shpinst\\shpleft0{\\sp{\\sn shapeType}{\\sv 202}}{\\shptxt \\pard A\\par }}"
        b"{\\shprslt{\\*\\do\\dptxbx{\\dptxbxtext\\pard A\\par }}}}"
    )
    out = rtf_shape_text_to_body(HEAD + b"\\pard before " + shape + b"after\\par }")
    assert out == HEAD + b"\\pard before \\par {\\pard\\plain \\pard A\\par }\\par \\pard\\plain after\\par }"


def test_libreoffice_shape_field_is_replaced_whole() -> None:
    """LibreOffice writes the shape as a SHAPE field's result: the field goes with it."""
    shape = b"{\\field{\\*\\fldinst SHAPE }{\\fldrslt{\\shp{\\*\\shpinst{\\shptxt B\\par B2}}}}}"
    out = rtf_shape_text_to_body(HEAD + b"\\pard " + shape + b"\\par }")
    assert out == HEAD + b"\\pard \\par {\\pard\\plain B\\par B2}\\par \\pard\\plain \\par }"


def test_shapes_in_a_table_cell_and_without_text_are_kept() -> None:
    in_cell = HEAD + b"\\trowd\\cellx4000\\pard\\intbl x{\\shp{\\*\\shpinst{\\shptxt C\\par }}}\\cell\\row }"
    assert rtf_shape_text_to_body(in_cell) == in_cell
    picture = HEAD + b"{\\shp{\\*\\shpinst{\\sp{\\sn shapeType}{\\sv 1}}}}{\\shptxt D}}"
    assert rtf_shape_text_to_body(picture) == picture


def test_nested_table_level_is_set_back_after_each_nested_row() -> None:
    """A box's paragraphs carry no \\pard: after a nested row the outer cell's level is said again."""
    text = b"\\intbl\\itap2 x\\nestcell{\\*\\nesttableprops\\trowd\\cellx2000\\nestrow}{\\nonesttables\\par}\\intbl y"
    out = rtf_shape_text_to_body(HEAD + b"\\pard {\\shp{\\*\\shpinst{\\shptxt " + text + b"}}}}")
    assert b"{\\nonesttables\\par}\\itap1 \\intbl y" in out


def test_binary_data_and_unclosed_shapes_are_not_read_as_text() -> None:
    blob = b"{\\shp{\\*\\shpinst{\\shptxt E\\par }{\\bin4 }}}}}}}"
    assert (
        rtf_shape_text_to_body(HEAD + blob + b"}")
        == HEAD + b"\\par {\\pard\\plain E\\par }\\par \\pard\\plain }"
    )
    unclosed = HEAD + b"{\\shp{\\*\\shpinst{\\shptxt F" + b" " * MAX_SHAPE_BYTES
    assert rtf_shape_text_to_body(unclosed) == unclosed


def test_many_unclosed_shapes_are_read_within_a_budget() -> None:
    data = HEAD + b"{\\shp{\\*\\shpinst{\\shptxt " * 20_000 + b"x" * 300_000
    started = time.perf_counter()
    assert rtf_shape_text_to_body(data) == data
    assert time.perf_counter() - started < 5


def _dump(blocks: tuple[Paragraph | Table, ...]) -> list[object]:
    out: list[object] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append([(c.text.splitlines(), _dump(c.nested_tables)) for c in block.cells])
        elif block.text.strip():
            out.append(block.text)
    return out


@pytest.mark.slow
@needs_soffice
def test_text_boxes_of_an_rtf(tmp_path: Path) -> None:
    """A plan table with its targets table nested in it, in a text box as LibreOffice's RTF export writes
    it (a SHAPE field, the box's paragraphs without \\pard), and a contact in a text box as Word writes it
    (with its \\shprslt copy): each paragraph its own line, the targets table nested in the plan's cell,
    the contact read once where it is anchored."""
    filing = tmp_path / "申报表.doc"
    shutil.copy(DATA / "text_boxes.rtf", filing)
    blocks = _dump(LegacyWordExtractor().extract(filing).blocks)
    plan = [
        "（3000字以内）",
        "一、集群基本情况简介",
        "集群位于某县。",
        "二、发展成效",
        "产值年均增长10%。",
        "1.三年总体目标",
        "（备注：目标值须符合要求）",
        "2.阶段性目标",
    ]
    targets = [
        (["方向"], []),
        (["指标"], []),
        (["2027年目标值"], []),
        (["主导产业"], []),
        (["产值"], []),
        (["50亿元"], []),
    ]
    assert blocks == [
        "八、未来三年中小企业特色产业集群发展规划",
        [(plan, [targets])],
        "封面之后",
        "联系人：王芳",
        "联系电话：13800000000",
        "框后文字",
        "九、真实性声明",
    ]
