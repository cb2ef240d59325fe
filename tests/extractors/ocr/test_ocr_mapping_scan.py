"""Mapping of scan-only facts: seal fields from seals, seal_missing, seal_over_value, low_confidence."""

from __future__ import annotations

from dataclasses import replace
from itertools import count

from extractors.mapping.doubts import (
    brackets_unbalanced,
    holds_box_glyph,
    names_miscounted,
    quotient_unsure,
    targets_unsure,
)
from extractors.mapping.mapper import MappedDocument, map_document
from schema.catalog import load_field_catalogue
from schema.document import (
    DOUBT_REASONS,
    REPAIRED_DOUBT,
    UNREAD_DOUBT,
    BBox,
    Block,
    Cell,
    ExtractedDocument,
    Paragraph,
    ScanFacts,
    SealMark,
    Table,
)
from schema.rules_catalog import load_rule_catalogue

CATALOGUE = load_field_catalogue()

_index = count()


def _p(text: str, page: int, y: float, confidence: float | None = 0.99, x0: float = 100) -> Paragraph:
    return Paragraph(text, next(_index), page, BBox(x0, y, x0 + 30 * len(text), y + 24), confidence)


def _cell(row: int, col: int, page: int, y: float, *paragraphs: Paragraph) -> Cell:
    x0 = 100 + 300 * col
    return Cell(
        row,
        col,
        blocks=paragraphs,
        page=page,
        bbox=BBox(x0, y, x0 + 300, y + 60),
        confidence=min((p.confidence or 1.0) for p in paragraphs) if paragraphs else None,
    )


def _industry_table(middle: str = "108.45", confidence: float = 0.42) -> Table:
    header = [
        _cell(0, c, 4, 100, _p(t, 4, 110, x0=110 + 300 * c))
        for c, t in enumerate(["年度", "2022年", "2023年", "2024年"])
    ]
    values = [
        _cell(1, 0, 4, 160, _p("集群总产值（亿元）", 4, 170)),
        _cell(1, 1, 4, 160, _p("90.66", 4, 170, x0=410)),
        _cell(1, 2, 4, 160, _p(middle, 4, 170, confidence, x0=710)),
        _cell(1, 3, 4, 160, _p("126.48", 4, 170, x0=1010)),
    ]
    return Table(index=0, n_rows=2, n_cols=4, cells=tuple(header + values), page=4)


def _declaration_table() -> Table:
    statement = _cell(
        0,
        1,
        15,
        300,
        _p("本单位承诺此次申报中小企业特色产业集群的申请材料真实、合法。", 15, 310, x0=410),
        _p("县级行政区划中小企业主管部门（公章）：", 15, 400, x0=410),
        _p("2025年4月3日", 15, 450, x0=600),
    )
    opinion = _cell(
        1,
        1,
        15,
        600,
        _p("同意推荐。", 15, 610, x0=410),
        _p("推荐单位（公章）：浙江省经济和信息化厅", 15, 700, x0=410),
        _p("2025年5月16日", 15, 750, x0=600),
    )
    return Table(
        index=1,
        n_rows=2,
        n_cols=2,
        page=15,
        cells=(
            _cell(0, 0, 15, 300, _p("真实性声明", 15, 310)),
            statement,
            _cell(1, 0, 15, 600, _p("省级中小企业主管部门推荐意见", 15, 610)),
            opinion,
        ),
    )


def _record(
    seals: tuple[SealMark, ...],
    threshold: float = 0.85,
    table: Table | None = None,
    authority: str = "余杭区经济和信息化局",
) -> MappedDocument:
    blocks: tuple[Block, ...] = (
        _p("中小企业特色产业集群申报表", 1, 200),
        _p(f"县级行政区划中小企业主管部门（盖章）：{authority}", 1, 500),
        _p("二、主导产业情况", 4, 60),
        table or _industry_table(),
        _p("九、真实性声明及推荐意见", 15, 250),
        _declaration_table(),
    )
    document = ExtractedDocument("scan.tif", "ocr", blocks, page_count=15, scan=ScanFacts(seals, threshold))
    return map_document(document, "application", CATALOGUE)


def _seal(page: int, cx: float, cy: float, radius: float = 118) -> SealMark:
    return SealMark(page, BBox(cx - radius, cy - radius, cx + radius, cy + radius), 0.95)


SEALS = (_seal(1, 1200, 520), _seal(15, 1150, 712), _seal(4, 1150, 150))
"""The cover and recommending seals beside their 盖章 lines' text (over it:
`test_reason_seal_over_text_a_cover_line_under_a_seal`, `…_a_value_after_its_label_on_a_line_under_a_seal`)."""


def test_seal_fields_true_where_a_seal_sits_false_elsewhere() -> None:
    record = _record(SEALS)
    assert record.fields["cover.county_authority_seal"].value is True
    assert record.fields["declaration.recommending_unit_seal"].value is True
    county = record.fields["declaration.county_seal"]
    assert county.value is False and county.status == "present"


def test_missing_required_seal_raises_seal_missing() -> None:
    missing = [e for e in _record(SEALS).exceptions if e.rule == "seal_missing"]
    assert [e.field for e in missing] == ["declaration.county_seal"]
    assert missing[0].location is not None and missing[0].location.page == 15


def test_seal_over_a_number_raises_seal_over_value_for_that_year() -> None:
    over = [(e.field, e.year) for e in _record(SEALS).exceptions if e.rule == "seal_over_value"]
    assert over == [("industry.total_output", "2024")]


def _with_cell(table: Table, cell: Cell) -> Table:
    cells = (*(c for c in table.cells if (c.row, c.col) != (cell.row, cell.col)), cell)
    return Table(index=table.index, n_rows=table.n_rows, n_cols=table.n_cols, cells=cells, page=table.page)


def _sealed(seal: SealMark, table: Table) -> list[tuple[str | None, str | None]]:
    return [
        (e.field, e.year) for e in _record((seal,), table=table).exceptions if e.rule == "seal_over_value"
    ]


def test_a_seal_over_an_empty_cell_or_over_the_start_of_a_value_s_line_raises_seal_over_value() -> None:
    """A seal may hide a value's start (`108.45` read `45`) or all of it (the cell reads empty)."""
    tail = _with_cell(_industry_table(), _cell(1, 2, 4, 160, _p("45", 4, 170, x0=850)))
    assert _sealed(_seal(4, 760, 300, radius=45), tail) == []  # below the values' line
    assert _sealed(_seal(4, 760, 190, radius=45), tail) == [("industry.total_output", "2023")]
    empty = _with_cell(_industry_table(), _cell(1, 3, 4, 160))
    assert _sealed(_seal(4, 1150, 190, radius=60), empty) == [("industry.total_output", "2024")]


def test_low_confidence_value_is_queued_with_label_and_confidence() -> None:
    low = [e for e in _record(SEALS).exceptions if e.rule == "low_confidence"]
    assert [(e.field, e.year) for e in low] == [("industry.total_output", "2023")]
    assert "0.42" in low[0].message and "集群总产值" in low[0].message
    assert low[0].location is not None and low[0].location.bbox is not None


def test_a_confident_reading_that_is_no_number_is_queued_too() -> None:
    record = _record(SEALS, table=_industry_table("1O8,4S亿", 0.99))
    assert record.fields["industry.total_output"].status == {
        "2022": "present",
        "2023": "invalid",
        "2024": "present",
    }
    low = [(e.field, e.year) for e in record.exceptions if e.rule == "low_confidence"]
    assert low == [("industry.total_output", "2023")]


def test_a_text_holding_a_box_glyph_is_queued() -> None:
    record = _record(SEALS, authority="余杭区经济☑信息化局")
    low = [(e.field, e.year) for e in record.exceptions if e.rule == "low_confidence"]
    assert ("cover.county_authority", None) in low
    assert ("cover.county_authority", None) not in [
        (e.field, e.year) for e in _record(SEALS).exceptions if e.rule == "low_confidence"
    ]


def test_threshold_is_configurable() -> None:
    assert not [e for e in _record(SEALS, threshold=0.3).exceptions if e.rule == "low_confidence"]


def test_text_only_source_keeps_seals_null() -> None:
    record = _record(SEALS)
    document = ExtractedDocument("a.docx", "docx", (_p("中小企业特色产业集群申报表", 1, 200),))
    text_only = map_document(document, "application", CATALOGUE)
    assert text_only.fields["cover.county_authority_seal"].value is None
    assert record.fields["industry.total_output"].value == {"2022": 90.66, "2023": 108.45, "2024": 126.48}


def test_a_name_of_a_named_count_holding_a_box_glyph_is_doubtful() -> None:
    assert holds_box_glyph({"count": 2, "names": ["邢台达恒医药股份有限公司", "☑台源恒医药科技有限公司"]})
    assert not holds_box_glyph(
        {"count": 2, "names": ["邢台达恒医药股份有限公司", "邢台源恒医药科技有限公司"]}
    )
    assert holds_box_glyph("余杭区经济☐信息化局") and not holds_box_glyph(12.5)


def test_a_seal_word_wrapped_under_its_label_is_still_the_seal_s_line() -> None:
    blocks: tuple[Block, ...] = (
        _p("中小企业特色产业集群申报表", 1, 200),
        _p("县级行政区划中小企业主管部门 余杭区经济和信息化局", 1, 500),
        _p("(盖章):", 1, 530),
        _p("集群运营管理机构：余杭区产业园管理委员会", 1, 600),
    )
    document = ExtractedDocument(
        "scan.tif", "ocr", blocks, page_count=1, scan=ScanFacts((_seal(1, 300, 545),))
    )
    record = map_document(document, "application", CATALOGUE)
    assert record.fields["cover.county_authority_seal"].value is True


def _carbon_record(options: str) -> MappedDocument:
    table = Table(
        index=0,
        n_rows=1,
        n_cols=2,
        page=9,
        cells=(
            _cell(0, 0, 9, 100, _p("是否建立集群碳排放监测机制", 9, 110)),
            _cell(0, 1, 9, 100, _p(options, 9, 110, x0=410)),
        ),
    )
    blocks: tuple[Block, ...] = (
        _p("中小企业特色产业集群申报表", 1, 200),
        _p("五、绿色化转型情况", 9, 60),
        table,
    )
    document = ExtractedDocument("scan.tif", "ocr", blocks, page_count=9, scan=ScanFacts(()))
    return map_document(document, "application", CATALOGUE)


def test_a_choice_whose_option_was_not_read_is_queued() -> None:
    def low(options: str) -> list[str | None]:
        return [e.field for e in _carbon_record(options).exceptions if e.rule == "low_confidence"]

    assert low("☑是 ☐否（如涉及，需提供佐证材料）") == []
    assert low("☐是 （如涉及，需提供佐证材料）") == ["green.carbon_monitoring"]  # 否 not read


def test_a_choice_with_one_plain_tick_and_one_undecided_box_is_the_tick_queued() -> None:
    """A seal's ink over the empty 否 box leaves it undecided; 是 is ticked plainly."""
    record = _carbon_record("☑是 ⍰否（如涉及，需提供佐证材料）")
    assert record.fields["green.carbon_monitoring"].value == "yes"
    assert "low_confidence" in [e.rule for e in record.exceptions if e.field == "green.carbon_monitoring"]
    undecided = _carbon_record("☐是 ⍰否（如涉及，需提供佐证材料）").fields["green.carbon_monitoring"]
    assert (undecided.value, undecided.status) == (None, "unreadable")


def test_a_choice_placed_by_its_box_s_order_is_read_and_queued_once() -> None:
    """One flag for one cause: the reading's low_confidence, not also a layout_changed (on paper an option
    not read is the engine's fault, not a form the filer changed)."""
    record = _carbon_record("☑旦 ☐否（如涉及，需提供佐证材料）")  # 是 misread under the tick
    assert record.fields["green.carbon_monitoring"].value == "yes"
    assert [e.rule for e in record.exceptions if e.field == "green.carbon_monitoring"] == ["low_confidence"]
    for options in ("☐是 ⍰否（如涉及，需提供佐证材料）", "☐是 （如涉及，需提供佐证材料）"):
        found = _carbon_record(options).exceptions
        assert [e.rule for e in found if e.field == "green.carbon_monitoring"] == ["low_confidence"]


def test_names_read_fewer_or_more_than_their_count_are_doubtful() -> None:
    joined = {"count": 2, "names": ["上海远新建材科技有限公司智能工厂上海创博建材股份有限公司数字化车间"]}
    assert names_miscounted(joined)
    assert not names_miscounted({"count": 2, "names": ["甲公司", "乙公司"]})
    assert not names_miscounted({"count": 0, "names": []}) and not names_miscounted("甲公司")


def test_a_text_that_lost_a_bracket_is_doubtful() -> None:
    assert brackets_unbalanced({"count": 1, "names": ["杭州远达五金新材料有限公司（绿色工厂"]})
    assert brackets_unbalanced("单位产值能耗=能源消费量吨标准煤)÷集群总产值（万元）")
    assert not brackets_unbalanced("杭州远达五金新材料有限公司（绿色工厂)") and not brackets_unbalanced(3)


def test_a_target_table_with_a_spoiled_number_merged_rows_or_an_unknown_direction_is_doubtful() -> None:
    spec = CATALOGUE.field("plan.three_year_targets")
    row = {
        "direction": "数字化",
        "indicator": "工业互联网普及率",
        "baseline": 41.99,
        "target": 53.09,
        "unit": "%",
    }
    qualitative = {"direction": "开放合作", "indicator": "定性描述", "baseline": "3个以上", "target": "5个"}
    assert not targets_unsure(spec, [row, qualitative])
    assert targets_unsure(spec, [{**row, "target": "0.35.吨二氧化碳/万元"}])
    assert targets_unsure(spec, [{**row, "target": "288个 ."}])
    assert targets_unsure(spec, [{**row, "indicator": "二氧化碳排放量\n单位工业产值能耗"}])
    assert targets_unsure(spec, [{**row, "direction": "治理和服务其它"}])


def _targets_record(confidence: float) -> MappedDocument:
    rows = [
        ["方向", "指标", "2024年基准值", "2027年目标值"],
        ["主导产业", "近三年集群产值年均增速", "19.44%", "12.30%"],
        ["数字化", "工业互联网普及率", "38.32%", "46.34%"],
    ]
    cells = tuple(
        _cell(r, c, 13, 100 + 60 * r, _p(text, 13, 110 + 60 * r, confidence if (r, c) == (2, 3) else 0.99))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )
    blocks: tuple[Block, ...] = (
        _p("中小企业特色产业集群申报表", 1, 200),
        _p("八、未来三年中小企业特色产业集群发展规划", 13, 60),
        Table(index=0, n_rows=3, n_cols=4, cells=cells, page=13),
    )
    document = ExtractedDocument("scan.tif", "ocr", blocks, page_count=13, scan=ScanFacts(()))
    return map_document(document, "application", CATALOGUE)


def test_a_target_table_with_one_doubtful_figure_is_queued() -> None:
    def low(confidence: float) -> list[str | None]:
        return [e.field for e in _targets_record(confidence).exceptions if e.rule == "low_confidence"]

    assert _targets_record(0.99).fields["plan.three_year_targets"].value is not None
    assert low(0.99) == []
    assert low(0.5) == ["plan.three_year_targets"]


def test_a_phone_no_filer_writes_is_queued() -> None:
    """A speck read as a point inside a mobile number (`1891847.0022`): the phone is not one."""

    def low(phone: str) -> list[str | None]:
        row = [("县级行政区划中小企业主管部门", 0), ("联系人", 1), ("王五", 2), ("联系方式", 3), (phone, 4)]
        cells = tuple(_cell(0, c, 2, 100, _p(text, 2, 110, x0=110 + 300 * c)) for text, c in row)
        table = Table(index=0, n_rows=1, n_cols=5, page=2, cells=cells)
        blocks: tuple[Block, ...] = (
            _p("中小企业特色产业集群申报表", 1, 200),
            _p("一、基本情况", 2, 60),
            table,
        )
        document = ExtractedDocument("scan.tif", "ocr", blocks, page_count=2, scan=ScanFacts(()))
        record = map_document(document, "application", CATALOGUE)
        assert record.fields["basic.county_authority_phone"].status == "present"
        return [e.field for e in record.exceptions if e.rule == "low_confidence"]

    assert low("0510-56861884;18918470022") == []
    assert low("0510-56861884;1891847.0022") == ["basic.county_authority_phone"]


def _queued(seal: SealMark) -> list[str | None]:
    return [e.field for e in _record((seal,)).exceptions if e.rule == "low_confidence"]


def test_a_text_whose_line_a_seal_covers_is_queued_one_under_a_seal_below_it_is_not() -> None:
    """The engine loses characters under red ink (`真实有效，符合` read without its comma); the seal of
    the 推荐单位（公章） line below the opinion leaves the opinion readable."""
    assert "declaration.provincial_opinion" in _queued(_seal(15, 500, 680, radius=80))
    assert "declaration.provincial_opinion" not in _queued(_seal(15, 500, 760, radius=50))


def test_a_per_unit_formula_read_without_a_division_sign_is_doubtful() -> None:
    spec = CATALOGUE.field("green.energy_intensity_formula")
    assert quotient_unsure(spec, "单位产值能耗=集群综合能源消费量（吨标准煤）+集群总产值（万元）")
    assert not quotient_unsure(spec, "单位产值能耗=集群综合能源消费量（吨标准煤）÷集群总产值（万元）")
    assert not quotient_unsure(spec, "单位产值能耗＝综合能耗/总产值")
    assert not quotient_unsure(spec, "详见附件")
    assert not quotient_unsure(CATALOGUE.field("basic.cluster_name"), "甲=乙+丙")


# --- one test per low_confidence reason code (rules.yaml v2) ---------------------------------------------


def _reasons(record: MappedDocument, field: str) -> list[tuple[str | None, str | None]]:
    return [(e.year, e.reason) for e in record.exceptions if e.rule == "low_confidence" and e.field == field]


def _message(record: MappedDocument, field: str) -> str:
    return next(e.message for e in record.exceptions if e.rule == "low_confidence" and e.field == field)


def test_every_low_confidence_reason_is_one_of_the_catalogue_and_every_code_is_known() -> None:
    reasons = load_rule_catalogue().rule("low_confidence").reasons
    assert set(reasons) == set(DOUBT_REASONS)


def test_reason_low_score_a_value_the_engine_read_with_a_low_score() -> None:
    record = _record(SEALS)
    assert _reasons(record, "industry.total_output") == [("2023", "low_score")]
    assert _message(record, "industry.total_output") == "“集群总产值”识别置信度较低（0.42），请核对原件。"


def test_reason_repaired_a_value_a_repair_rule_changed_keeps_the_raw_reading() -> None:
    repaired = Paragraph("108.45", next(_index), 4, BBox(710, 170, 890, 194), 0.6, REPAIRED_DOUBT, "108.4.5")
    cell = Cell(1, 2, blocks=(repaired,), page=4, bbox=BBox(700, 160, 1000, 220), confidence=0.6)
    record = _record(SEALS, table=_with_cell(_industry_table(), replace(cell, doubt=REPAIRED_DOUBT)))
    assert _reasons(record, "industry.total_output") == [("2023", "repaired")]
    assert (
        _message(record, "industry.total_output")
        == "“集群总产值”识别结果经自动修正（识别为“108.4.5”），请核对原件。"
    )


def test_reason_seal_over_text_a_text_line_under_a_seal() -> None:
    record = _record((_seal(15, 500, 680, radius=80),))
    assert _reasons(record, "declaration.provincial_opinion") == [(None, "seal_over_text")]


def test_reason_seal_over_text_a_cover_line_under_a_seal() -> None:
    """A cover value outside tables: its own line under the seal (the engine lost the 局 it wrapped)."""
    record = _record((_seal(1, 700, 520), *SEALS[1:]))
    assert _reasons(record, "cover.county_authority") == [(None, "seal_over_text")]
    assert _reasons(_record(SEALS), "cover.county_authority") == []


def test_reason_seal_over_text_a_value_after_its_label_on_a_line_under_a_seal() -> None:
    """Set 9595, filing 04: the seal over `推荐单位（公章）：湖南省工业和信息化厅` took 信息 (read 自) without a
    doubt; the line holds the label and the value, so it is the value's line."""
    over = (*SEALS[:1], _seal(15, 800, 712), *SEALS[2:])
    assert _reasons(_record(over), "declaration.recommending_unit") == [(None, "seal_over_text")]
    assert _record(over).fields["declaration.recommending_unit_seal"].value is True
    assert _reasons(_record(SEALS), "declaration.recommending_unit") == []


def test_reason_box_uncertain_a_choice_whose_box_could_not_be_decided() -> None:
    record = _carbon_record("☐是 ⍰否（如涉及，需提供佐证材料）")
    assert _reasons(record, "green.carbon_monitoring") == [(None, "box_uncertain")]
    assert _reasons(_carbon_record("☐是 （如涉及，需提供佐证材料）"), "green.carbon_monitoring") == [
        (None, "box_uncertain")
    ]


def test_reason_glyph_in_text_a_box_glyph_inside_a_text() -> None:
    record = _record(SEALS, authority="余杭区经济☑信息化局")
    assert _reasons(record, "cover.county_authority") == [(None, "glyph_in_text")]


def test_reason_count_names_mismatch_names_not_as_many_as_their_count() -> None:
    table = Table(
        index=0,
        n_rows=1,
        n_cols=2,
        page=5,
        cells=(
            _cell(0, 0, 5, 100, _p("国家制造业创新中心或国家级创新平台名称及数量", 5, 110)),
            _cell(0, 1, 5, 100, _p("数量：2个", 5, 110, x0=410), _p("名称：甲平台乙平台", 5, 140, x0=410)),
        ),
    )
    blocks: tuple[Block, ...] = (
        _p("中小企业特色产业集群申报表", 1, 200),
        _p("三、创新能力情况", 5, 60),
        table,
    )
    document = ExtractedDocument("scan.tif", "ocr", blocks, page_count=5, scan=ScanFacts(()))
    record = map_document(document, "application", CATALOGUE)
    assert record.fields["innovation.national_platforms"].value == {"count": 2, "names": ["甲平台乙平台"]}
    assert _reasons(record, "innovation.national_platforms") == [(None, "count_names_mismatch")]


def test_reason_format_suspect_a_confident_reading_in_no_shape_of_its_type() -> None:
    record = _record(SEALS, table=_industry_table("1O8,4S亿", 0.99))
    assert _reasons(record, "industry.total_output") == [("2023", "format_suspect")]
    assert "“1O8,4S亿”" in _message(record, "industry.total_output")


def test_reason_cut_by_page_a_short_value_whose_lines_lie_on_two_pages() -> None:
    split = Cell(
        1,
        2,
        blocks=(_p("108.", 4, 170, x0=710), _p("45", 5, 40, x0=710)),
        page=4,
        bbox=BBox(700, 160, 1000, 220),
        confidence=0.99,
    )
    record = _record(SEALS, table=_with_cell(_industry_table(confidence=0.99), split))
    assert ("2023", "cut_by_page") in _reasons(record, "industry.total_output")


def test_reason_unread_ink_ink_nobody_read_read_alone_by_the_recogniser() -> None:
    lone = Paragraph("108.45", next(_index), 4, BBox(710, 170, 890, 194), 0.8, UNREAD_DOUBT)
    cell = Cell(
        1, 2, blocks=(lone,), page=4, bbox=BBox(700, 160, 1000, 220), confidence=0.8, doubt=UNREAD_DOUBT
    )
    record = _record(SEALS, table=_with_cell(_industry_table(), cell))
    assert _reasons(record, "industry.total_output") == [("2023", "unread_ink")]
    assert _message(record, "industry.total_output") == "“集群总产值”处有未能识别的笔迹，请核对原件。"
