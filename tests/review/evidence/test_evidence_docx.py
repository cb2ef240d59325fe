"""Word evidence: the table (or body paragraphs) a value sits in, as an escaped HTML fragment with the
value's cell marked — on hand-built documents (escaping, spans, windows) and on the sample filings."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from cluster_intake.pipeline import document_to_record, extract_document
from review.evidence import EvidenceError, docx_paragraph_html, docx_table_html
from review.evidence.docx_html import GAP_CLASS, NESTED_CLASS, ROW_CLASS, TARGET_CLASS
from schema.document import Cell, ExtractedDocument, Paragraph, Table
from schema.record import Provenance

DOCX = Path(__file__).resolve().parents[3] / "sample_docs" / "docx"
SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example/","点我")'
BIDI = "12\u202e34"


class Cells(HTMLParser):
    """Collects every <td> (attributes, text) and every tag name seen."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self._open: list[tuple[dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.update(name for name, _ in attrs)
        if tag == "td":
            self._open.append((dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            attrs, text = self._open.pop()
            self.cells.append((attrs, "".join(text)))

    def handle_data(self, data: str) -> None:
        for _, text in self._open:
            text.append(data)


def parsed(fragment: str) -> Cells:
    parser = Cells()
    parser.feed(fragment)
    parser.close()
    return parser


def _cell(
    row: int, col: int, text: str, row_span: int = 1, col_span: int = 1, extra: tuple[Table, ...] = ()
) -> Cell:
    return Cell(row=row, col=col, row_span=row_span, col_span=col_span, blocks=(Paragraph(text, 0), *extra))


def _document(*tables: Table) -> ExtractedDocument:
    return ExtractedDocument(source="x.docx", kind="docx", blocks=tables)


NESTED = Table(index=1, n_rows=1, n_cols=2, cells=(_cell(0, 0, "☑是"), _cell(0, 1, "☐否")), depth=1)
SMALL = Table(
    index=0,
    n_rows=5,
    n_cols=4,
    cells=(
        _cell(0, 0, "年度"),
        _cell(0, 1, "2022年"),
        _cell(0, 2, "2023年"),
        _cell(0, 3, "2024年"),
        _cell(1, 0, "集群总产值（亿元）"),
        _cell(1, 1, SCRIPT),
        _cell(1, 2, FORMULA),
        _cell(1, 3, BIDI),
        _cell(2, 0, "年均增速（%）"),
        _cell(2, 1, "19.44", col_span=3),
        _cell(3, 0, "合并两行", row_span=2),
        _cell(3, 1, "a"),
        _cell(3, 2, "b", extra=(NESTED,)),
        _cell(4, 1, "c"),
    ),
)


def test_filing_texts_are_escaped_and_never_become_markup() -> None:
    fragment = docx_table_html(_document(SMALL), 0, 1, 2)
    assert "<script" not in fragment and "&lt;script&gt;" in fragment
    cells = parsed(fragment)
    assert set(cells.tags) <= {"table", "tbody", "tr", "td", "br"}
    assert cells.attributes <= {"class", "colspan", "rowspan"}
    texts = [text for _, text in cells.cells]
    assert SCRIPT in texts and FORMULA in texts
    assert "12⟨U+202E⟩34" in texts


def test_the_value_cell_is_marked_and_its_row_shown() -> None:
    cells = parsed(docx_table_html(_document(SMALL), 0, 1, 2)).cells
    targets = [text for attrs, text in cells if TARGET_CLASS in (attrs.get("class") or "").split()]
    assert targets == [FORMULA]
    row = [text for attrs, text in cells if ROW_CLASS in (attrs.get("class") or "").split()]
    assert row == ["集群总产值（亿元）", SCRIPT, FORMULA, "12⟨U+202E⟩34"]


def test_merged_cells_keep_their_spans_and_nested_tables_show() -> None:
    fragment = docx_table_html(_document(SMALL), 0, 2, 1)
    cells = parsed(fragment).cells
    spans = {text: (attrs.get("colspan"), attrs.get("rowspan")) for attrs, text in cells}
    assert spans["19.44"] == ("3", None)
    assert spans["合并两行"] == (None, "2")
    assert f'<table class="{NESTED_CLASS}">' in fragment and "☑是" in spans
    assert [text for attrs, text in cells if attrs.get("class") == f"{TARGET_CLASS} {ROW_CLASS}"] == ["19.44"]


def test_a_cell_inside_a_merge_is_found_and_a_missing_one_is_an_error() -> None:
    cells = parsed(docx_table_html(_document(SMALL), 0, 4, 0)).cells
    assert [text for attrs, text in cells if TARGET_CLASS in (attrs.get("class") or "")] == ["合并两行"]
    with pytest.raises(EvidenceError):
        docx_table_html(_document(SMALL), 7, 0, 0)
    with pytest.raises(EvidenceError):
        docx_table_html(_document(SMALL), 0, 9, 0)


LONG = Table(
    index=0,
    n_rows=30,
    n_cols=2,
    cells=(
        *(_cell(r, 0, f"标签{r}") for r in range(30) if r not in (12, 13, 14)),
        _cell(12, 0, "跨三行", row_span=3),
        *(_cell(r, 1, f"值{r}") for r in range(30)),
    ),
)


def test_a_long_table_shows_the_header_and_a_window_around_the_value() -> None:
    fragment = docx_table_html(_document(LONG), 0, 16, 1, window=2)
    cells = parsed(fragment).cells
    texts = [text for _, text in cells]
    assert texts[:2] == ["标签0", "值0"]
    assert [t for t in texts if t.startswith("值")] == ["值0", *(f"值{r}" for r in range(14, 19))]
    assert "…（省略 13 行）…" in texts and "…（省略 11 行）…" in texts
    assert fragment.count(f'class="{GAP_CLASS}"') == 2
    clipped = next(attrs for attrs, text in cells if text == "跨三行")
    assert clipped.get("rowspan") is None


def test_body_paragraph_values_show_with_their_neighbours() -> None:
    paragraphs = tuple(
        Paragraph(text, index)
        for index, text in enumerate(["封面", "集群名称：<b>X</b>", "申报单位", "日期"])
    )
    fragment = docx_paragraph_html(ExtractedDocument("x.docx", "docx", paragraphs), 1, context=1)
    assert "<b>" not in fragment and "&lt;b&gt;" in fragment
    assert f'<p class="{TARGET_CLASS}">集群名称：&lt;b&gt;X&lt;/b&gt;</p>' in fragment
    assert "日期" not in fragment and "封面" in fragment
    with pytest.raises(EvidenceError):
        docx_paragraph_html(ExtractedDocument("x.docx", "docx", paragraphs), 9)


@pytest.fixture(scope="module", params=["00_application_clean.docx", "03_review_messy.docx"])
def sample(request: pytest.FixtureRequest) -> tuple[ExtractedDocument, list[tuple[str, str, Provenance]]]:
    document = extract_document(DOCX / request.param)
    record = document_to_record(document)
    located: list[tuple[str, str, Provenance]] = []
    for field, entry in record.fields.items():
        provenances = entry.provenance if isinstance(entry.provenance, dict) else {"": entry.provenance}
        raws = entry.raw if isinstance(entry.raw, dict) else {"": entry.raw}
        for year, provenance in provenances.items():
            if isinstance(provenance, Provenance):
                located.append((f"{field}/{year}", (raws.get(year) or "").strip(), provenance))
    return document, located


def _squeezed(text: str) -> str:
    """The letters and digits of a text (spacing and punctuation differ between raw and cell)."""
    return "".join(ch for ch in text if ch.isalnum())


def test_every_sample_value_is_in_its_marked_cell(
    sample: tuple[ExtractedDocument, list[tuple[str, str, Provenance]]],
) -> None:
    document, located = sample
    checked, nested = 0, 0
    depths = {table.index: table.depth for table in document.iter_tables()}
    for name, raw, provenance in located:
        if provenance.table is None or provenance.row is None or provenance.col is None:
            continue
        cells = parsed(docx_table_html(document, provenance.table, provenance.row, provenance.col)).cells
        target = [text for attrs, text in cells if TARGET_CLASS in (attrs.get("class") or "").split()]
        assert len(target) == 1, name
        assert _squeezed(raw.split("\n")[0]) in _squeezed(target[0]), name  # a structured value has no raw
        checked += 1
        nested += depths[provenance.table] > 0
    assert checked > 80
    assert nested > 0


def test_every_sample_paragraph_value_is_in_its_marked_paragraph(
    sample: tuple[ExtractedDocument, list[tuple[str, str, Provenance]]],
) -> None:
    document, located = sample
    paragraphs = [(name, raw, p) for name, raw, p in located if p.paragraph is not None and raw]
    assert paragraphs
    for name, raw, provenance in paragraphs:
        assert provenance.paragraph is not None
        fragment = docx_paragraph_html(document, provenance.paragraph)
        marked = fragment.split(f'<p class="{TARGET_CLASS}">')[1].split("</p>")[0]
        assert _squeezed(raw.split("\n")[0]) in _squeezed(marked), name
