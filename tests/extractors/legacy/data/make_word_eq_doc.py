"""Make `word_eq_fields.doc`: a Word 97 binary holding 带圈字符 EQ ticks the way Word stores them.

LibreOffice cannot write an EQ field into a .doc (its import drops them), so the file is made from one
it can write: a small form with FORMCHECKBOX fields, saved as .doc by LibreOffice, whose marked
checkboxes are then turned into EQ fields in place ([MS-DOC]): in the WordDocument stream the code
` FORMCHECKBOX <0x01><0x14>` (16 characters) becomes ` eq \\o\\ac(□,√)` padded with spaces to the same
length, so no character position moves; in the table stream's PlcFldMom the field's separator entry is
removed (Word writes an EQ field without a result), its begin entry's type becomes 0x31 (EQ), and its
end entry loses fHasSep. The other checkboxes stay form fields (LibreOffice reads their FFData).

Usage (needs LibreOffice): .venv/bin/python tests/extractors/legacy/data/make_word_eq_doc.py
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from pathlib import Path

from docx import Document

from extractors.legacy import ole
from extractors.legacy.ole import ole_streams
from sample_docs.builder.ticks import add_formcheckbox

HERE = Path(__file__).resolve().parent
TARGET = HERE / "word_eq_fields.doc"
EQ_MARK = "[EQ]"
CODE = " FORMCHECKBOX \x01\x14"
EQ_CODE = " eq \\o\\ac(□,√)".ljust(len(CODE))
FLT_EQ = 0x31
F_HAS_SEP = 0x80
FC_PLCF_FLD_MOM = 16


def _paragraph(cell_or_doc: object, parts: list[str]) -> None:
    """Given a cell (or the document) and parts (text, "[ ]" a checkbox, "[x]" a ticked one, EQ_MARK an
    EQ tick to be), append a paragraph."""
    paragraph = cell_or_doc.add_paragraph()  # type: ignore[attr-defined]
    for index, part in enumerate(parts):
        if part in ("[ ]", "[x]", EQ_MARK):
            add_formcheckbox(paragraph, part != "[ ]", index)
        else:
            paragraph.add_run(part)


def source_docx(path: Path) -> None:
    document = Document()
    document.add_paragraph("附件1")
    table = document.add_table(rows=3, cols=2)
    rows = [
        ("是否发生变化", [[EQ_MARK, "是（需附情况说明）  ", "[ ]", "否"]]),
        ("主导产业所属产业类型", [["[ ]", "第一产业 ", EQ_MARK, "第二产业 ", "[ ]", "第三产业"]]),
        (
            "集群已开展的产业链强链补链工作",
            [
                [EQ_MARK, "绘制产业链图谱，开展产业链培育"],
                ["□组建创新联合体"],
                [EQ_MARK, "开展供应链风险评估工作"],
            ],
        ),
    ]
    for row, (label, paragraphs) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        for parts in paragraphs:
            _paragraph(row.cells[1], parts)
    _paragraph(document, ["是否为先进制造业集群：", EQ_MARK, "是 ", "[ ]", "否"])
    document.save(str(path))


def _eq_positions(text: str, marked: list[int]) -> list[int]:
    """The CPs of the field-begin characters of the checkboxes to become EQ fields."""
    begins = [i for i, ch in enumerate(text) if ch == "\x13" and text[i + 1 : i + 1 + len(CODE)] == CODE]
    return [begins[i] for i in marked]


def patch(data: bytes, marked: list[int]) -> bytes:
    streams = ole_streams(data, frozenset({"WordDocument", "1Table", "0Table"}))
    word = streams["WordDocument"]
    table_name = "1Table" if struct.unpack_from("<H", word, 0x0A)[0] & 0x0200 else "0Table"
    table = streams[table_name]
    # the piece table: one Unicode piece is all LibreOffice writes for a small file
    fc_clx, lcb_clx = struct.unpack_from("<Ii", word, 0x1A2)
    clx = table[fc_clx : fc_clx + lcb_clx]
    assert clx[0] == 0x02
    count = (struct.unpack_from("<I", clx, 1)[0] - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}i", clx, 5)
    fc = struct.unpack_from("<I", clx, 5 + 4 * (count + 1) + 2)[0]
    assert count == 1 and not fc & 0x40000000, "expected one Unicode piece"
    text = word[fc : fc + 2 * cps[1]].decode("utf-16-le")
    new_word = bytearray(word)
    positions = _eq_positions(text, marked)
    for cp in positions:
        at = fc + 2 * (cp + 1)
        new_word[at : at + 2 * len(CODE)] = EQ_CODE.encode("utf-16-le")
    # the fields' PLCF: drop the separators of the EQ fields, retype their begins, clear fHasSep
    fc_fld, lcb_fld = struct.unpack_from("<Ii", word, 0x9A + 8 * FC_PLCF_FLD_MOM)
    plcf = table[fc_fld : fc_fld + lcb_fld]
    n = (lcb_fld - 4) // 6
    fld_cps = list(struct.unpack_from(f"<{n + 1}i", plcf))
    flds = [bytearray(plcf[4 * (n + 1) + 2 * i : 4 * (n + 1) + 2 * i + 2]) for i in range(n)]
    keep_cps, keep_flds = [], []
    separators = {cp + 1 + len(CODE) - 1 for cp in positions}
    ends = {cp + 1 + len(CODE) for cp in positions}
    for cp, fld in zip(fld_cps, flds, strict=False):
        if cp in separators and fld[0] & 0x1F == 0x14:
            continue
        if cp in positions and fld[0] & 0x1F == 0x13:
            fld[1] = FLT_EQ
        if cp in ends and fld[0] & 0x1F == 0x15:
            fld[1] &= ~F_HAS_SEP & 0xFF
        keep_cps.append(cp)
        keep_flds.append(bytes(fld))
    keep_cps.append(fld_cps[-1])
    new_plcf = struct.pack(f"<{len(keep_cps)}i", *keep_cps) + b"".join(keep_flds)
    new_table = bytearray(table)
    new_table[fc_fld : fc_fld + len(new_plcf)] = new_plcf
    struct.pack_into("<I", new_word, 0x9A + 8 * FC_PLCF_FLD_MOM + 4, len(new_plcf))
    return _replace_stream(
        _replace_stream(data, "WordDocument", bytes(new_word)), table_name, bytes(new_table)
    )


def _replace_stream(data: bytes, name: str, new: bytes) -> bytes:
    """Write a stream's new bytes (same length, not in the mini stream) over its sectors."""
    sector = ole._sector_size(data)
    table = ole._fat_table(data, sector)
    entry = next(e for e in ole._directory(data, sector, table) if e.name == name)
    assert entry.size == len(new) and entry.size >= 4096
    out = bytearray(data)
    chain = ole._chain(table, entry.start, -(-entry.size // sector))
    for index, number in enumerate(chain):
        piece = new[index * sector : (index + 1) * sector]
        at = ole._sector_offset(sector, number)
        out[at : at + len(piece)] = piece
    return bytes(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "word_eq_fields.docx"
        source_docx(source)
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        data = (Path(tmp) / "word_eq_fields.doc").read_bytes()
    # checkboxes in document order: 0 EQ, 1, 2, 3 EQ, 4, 5 EQ, 6 EQ, 7 EQ, 8
    TARGET.write_bytes(patch(data, [0, 3, 5, 6, 7]))


if __name__ == "__main__":
    main()
