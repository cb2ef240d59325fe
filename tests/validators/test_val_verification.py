"""A scan read against its electronic copy (validators.verification), on the recorded reading of the
sample scan `00_application_clean.tif` and the record of the .docx it was printed from."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from pydantic import JsonValue

from cluster_intake.pipeline import extract_record
from schema.catalog import load_field_catalogue
from schema.exceptions import build_exception
from schema.record import FieldEntry, Provenance, Record, location_at, value_at
from validators import batch
from validators.batch import batch_exceptions, batch_verifications, verified_scans
from validators.submissions import group_submissions
from validators.verification import (
    READING_DOUBTS,
    Verification,
    copies_to_verification,
    verification_to_record,
)

ROOT = Path(__file__).resolve().parents[2]
SCAN_RECORD = ROOT / "tests" / "review" / "data" / "00_application_clean.tif.record.json"
WORD = ROOT / "sample_docs" / "docx" / "00_application_clean.docx"
SPECS = load_field_catalogue().by_id()


@cache
def _scan_json() -> str:
    return SCAN_RECORD.read_text(encoding="utf-8")


@cache
def _word_json() -> str:
    return extract_record(WORD).model_dump_json()


def scan() -> Record:
    return Record.model_validate(json.loads(_scan_json()))


def word() -> Record:
    return Record.model_validate_json(_word_json())


def edited(record: Record, field: str, raw: str | None, value: JsonValue, year: str | None = None) -> Record:
    """The record with one cell's text and value replaced (a copy edited in that cell)."""
    copy = record.model_copy(deep=True)
    entry = copy.fields[field]
    if year is None:
        entry.raw, entry.value = raw, value
        return copy
    assert isinstance(entry.raw, dict) and isinstance(entry.value, dict)
    entry.raw[year], entry.value[year] = raw, value
    return copy


def verify(paper: Record, typed: Record) -> Verification:
    return copies_to_verification(paper, "scan.tif", typed, "word.docx")


def reading_flags(record: Record) -> list[tuple[str, str | None, str]]:
    return [
        (item.field, item.year, item.rule)
        for item in record.exceptions
        if item.rule in READING_DOUBTS and item.field and not SPECS[item.field].scan_only
    ]


def test_a_paper_copy_equal_to_its_electronic_copy_is_verified_and_its_flags_go() -> None:
    paper = scan()
    assert len(reading_flags(paper)) == 24  # what the unguided reading asks an operator to check
    verification = verify(paper, word())
    assert verification.mismatches == ()
    assert verification.cells("unchanged") == frozenset()
    verified = verification_to_record(paper, verification, word())
    assert reading_flags(verified) == []
    seals = [(i.rule, i.field) for i in verified.exceptions if i.field and SPECS[i.field].scan_only]
    assert seals == [("seal_missing", "declaration.county_seal")]  # the paper's own findings stay
    area = verified.fields["basic.area"].provenance
    assert area is not None and not isinstance(area, dict) and area.verified_against == "word.docx"
    output = location_at(verified.fields["industry.total_output"], "2023")
    assert output is not None and output.verified_against == "word.docx" and output.page == 4


def test_each_difference_is_found_at_its_field_and_year_with_both_values_and_its_place() -> None:
    typed = word()
    typed = edited(typed, "industry.total_output", "126.84", 126.84, "2024")  # a number
    typed = edited(typed, "basic.restricted_industry", "☑是  □否", "yes")  # a tick moved
    typed = edited(typed, "basic.county_authority_contact", "李涛", "李涛")  # a name changed
    sentence = "集群建成共享车间5个，推动35家中小企业共享检测设备和仓储物流资源，带动就业人数稳步增长。"
    typed = edited(typed, "industry.resource_sharing_desc", sentence, sentence)  # a sentence edited
    paper = scan()
    found = {(item.field, item.year): item for item in verify(paper, typed).mismatches}
    assert set(found) == {
        ("industry.total_output", "2024"),
        ("basic.restricted_industry", None),
        ("basic.county_authority_contact", None),
        ("industry.resource_sharing_desc", None),
    }
    number = found[("industry.total_output", "2024")]
    assert number.message == "纸质扫描件与电子版“集群总产值”2024年不一致：126.48 ≠ 126.84。"
    assert number.location == location_at(paper.fields["industry.total_output"], "2024")
    assert number.value == 126.48 and number.severity == "error"
    assert "：否 ≠ 是。" in found[("basic.restricted_industry", None)].message
    assert "：罗涛 ≠ 李涛。" in found[("basic.county_authority_contact", None)].message
    assert "降低企业运营成本" in found[("industry.resource_sharing_desc", None)].message
    assert "带动就业人数稳步增长" in found[("industry.resource_sharing_desc", None)].message


def test_a_small_difference_where_the_engine_doubted_its_reading_keeps_the_flag() -> None:
    """2022 单位产值能耗 was read at 0.82 (low_score): one digit off may be the engine's, two are not."""
    paper = scan()
    assert value_at(paper.fields["green.energy_intensity"], "2022") == 0.36
    one = verify(paper, edited(word(), "green.energy_intensity", "0.38", 0.38, "2022"))
    assert ("green.energy_intensity", "2022") in one.cells("unchanged") and one.mismatches == ()
    kept = verification_to_record(paper, one, word())
    assert ("green.energy_intensity", "2022", "low_confidence") in reading_flags(kept)
    two = verify(paper, edited(word(), "green.energy_intensity", "0.58", 0.58, "2022"))
    assert [(i.field, i.year) for i in two.mismatches] == [("green.energy_intensity", "2022")]
    settled = verification_to_record(paper, two, word())
    assert ("green.energy_intensity", "2022", "low_confidence") not in reading_flags(settled)


def test_a_verified_cell_takes_the_electronic_value_and_keeps_what_the_engine_read() -> None:
    paper = edited(scan(), "industry.fdi_growth", "1.77", 1.77, "2022")
    entry = paper.fields["industry.fdi_growth"]
    assert isinstance(entry.provenance, dict) and entry.provenance["2022"] is not None
    entry.provenance["2022"] = entry.provenance["2022"].model_copy(
        update={"read_as": "1⍰.77", "doubt": "format_suspect", "confidence": 0.0}
    )
    flag = build_exception(
        "low_confidence",
        field=SPECS["industry.fdi_growth"],
        year="2022",
        reason="format_suspect",
        params={"confidence": "0.00", "raw": "1⍰.77"},
    )
    paper = paper.model_copy(update={"exceptions": [*paper.exceptions, flag]})
    verification = verify(paper, word())
    assert ("industry.fdi_growth", "2022") in verification.cells("verified")
    verified = verification_to_record(paper, verification, word())
    cell = verified.fields["industry.fdi_growth"]
    assert value_at(cell, "2022") == 13.77
    place = location_at(cell, "2022")
    assert place is not None and place.read_as == "1⍰.77" and place.doubt is None
    assert ("industry.fdi_growth", "2022", "low_confidence") not in reading_flags(verified)


def test_a_cell_the_electronic_reading_doubts_is_not_judged() -> None:
    typed = edited(word(), "basic.restricted_industry", "☑是  ⍰否", None)
    doubt = build_exception(
        "layout_changed", field=SPECS["basic.restricted_industry"], params={"detail": "勾选符号无法识别"}
    )
    typed = typed.model_copy(update={"exceptions": [*typed.exceptions, doubt]})
    verification = verify(scan(), typed)
    assert verification.mismatches == ()
    assert ("basic.restricted_industry", None) not in verification.cells("verified")


def test_the_batch_reads_a_scan_against_the_primary_electronic_copy_only() -> None:
    paper, typed = scan(), edited(word(), "basic.area", "83.49平方公里", 83.49)
    found = batch_exceptions([("a.tif", paper), ("a.docx", typed)])
    assert [(i.rule, i.field) for i in found["a.tif"]] == [("paper_electronic_mismatch", "basic.area")]
    assert found["a.docx"] == []
    alone = group_submissions([("a.tif", paper)])
    assert batch_verifications(alone) == {} and verified_scans(alone, {}) == {}
    assert batch_exceptions([("a.tif", paper)]) == {"a.tif": []}


def test_every_verified_value_is_the_electronic_one() -> None:
    typed = word()
    verification = verify(scan(), typed)
    verified = verification_to_record(scan(), verification, typed)
    for field, year in verification.cells("verified"):
        entry: FieldEntry = verified.fields[field]
        assert value_at(entry, year) == value_at(typed.fields[field], year), (field, year)


def test_a_scan_that_cannot_be_verified_is_kept_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> Verification:
        raise ValueError("odd record")

    monkeypatch.setattr(batch, "copies_to_verification", broken)
    paper, typed = scan(), edited(word(), "basic.area", "83.49平方公里", 83.49)
    submissions = group_submissions([("a.tif", paper), ("a.docx", typed)])
    assert batch.batch_verifications(submissions) == {}
    assert batch.batch_findings(submissions) == {"a.tif": [], "a.docx": []}


def test_a_reading_that_belongs_to_another_cell_is_no_difference() -> None:
    """Rows given to each other's fields (two phones swapped), or one region read for two cells: the page
    says nothing about either cell; a name read otherwise is still a difference."""
    typed = word()
    first = str(value_at(typed.fields["basic.operator_phone"], None))
    second = str(value_at(typed.fields["basic.county_authority_phone"], None))
    assert first != second
    paper = edited(scan(), "basic.operator_phone", second, second)
    paper = edited(paper, "basic.county_authority_phone", first, first)
    assert verify(paper, typed).mismatches == ()
    shared = "业服务专\n务平台合体"
    paper = edited(scan(), "governance.other_service_platforms", shared, {"count": None, "names": [shared]})
    paper = edited(
        paper, "governance.provincial_service_platforms", shared, {"count": None, "names": [shared]}
    )
    assert verify(paper, typed).mismatches == ()
    paper = edited(scan(), "basic.operator_phone", "13900000000", "13900000000")
    assert [(i.field, i.year) for i in verify(paper, typed).mismatches] == [("basic.operator_phone", None)]


def test_a_scan_whose_cover_name_was_misread_joins_its_electronic_copy_by_the_basic_table() -> None:
    typed = word()
    paper = edited(
        scan(), "cover.cluster_name", "山东省兰陵县电綫电鐵产业集群", "山东省兰陵县电綫电鐵产业集群"
    )
    submissions = group_submissions([("word.docx", typed), ("scan.tif", paper)])
    assert len(submissions) == 1 and [c.name for c in submissions[0].copies] == ["word.docx", "scan.tif"]


CHAIN = "industry.chain_actions"


def chain_doubted_at(doubts: tuple[bool, ...]) -> Record:
    """The scan with its 强链补链 boxes read as recorded (☑ at the 5th, 6th and 8th option), the ticked ones
    at a low score (box_uncertain), each box's doubt kept as `doubts`."""
    paper = scan()
    entry = paper.fields[CHAIN]
    assert isinstance(entry.provenance, Provenance)
    entry.provenance = entry.provenance.model_copy(
        update={"confidence": 0.5, "doubt": "box_uncertain", "mark_doubts": doubts}
    )
    flag = build_exception(
        "low_confidence", field=SPECS[CHAIN], reason="box_uncertain", params={"confidence": "0.50", "raw": ""}
    )
    return paper.model_copy(update={"exceptions": [*paper.exceptions, flag]})


TICKED_DOUBTED = (False, False, False, False, True, True, False, True)


def _tick_second_option(record: Record) -> Record:
    """The electronic copy with the second option (技术难点清单) ticked too: a tick the paper lacks."""
    entry = record.fields[CHAIN]
    assert isinstance(entry.raw, str) and isinstance(entry.value, list)
    lines = entry.raw.split("\n")
    lines[1] = "☑" + lines[1][1:]
    return edited(record, CHAIN, "\n".join(lines), ["challenge_list_incentives", *entry.value])


def test_a_tick_taken_away_at_a_box_read_surely_is_found_though_other_boxes_were_doubted() -> None:
    """pairs6161 07_review_messy: the hand ticks were read at 0.5, the box whose tick was taken away on
    paper at 1.0 — the doubt about the ticks says nothing about that box."""
    typed = _tick_second_option(edited(word(), CHAIN, scan().fields[CHAIN].raw, scan().fields[CHAIN].value))
    found = verify(chain_doubted_at(TICKED_DOUBTED), typed)
    assert [(i.field, i.year) for i in found.mismatches] == [(CHAIN, None)]


def test_a_tick_taken_away_at_a_doubted_box_keeps_the_flag() -> None:
    typed = _tick_second_option(edited(word(), CHAIN, scan().fields[CHAIN].raw, scan().fields[CHAIN].value))
    doubted = (False, True, False, False, True, True, False, True)
    for doubts in (doubted, (False,) * 7):  # the second box doubted; doubts not one per box: unknown
        found = verify(chain_doubted_at(doubts), typed)
        assert found.mismatches == () and (CHAIN, None) in found.cells("unchanged")


def _invalid_number(record: Record, field: str, raw: str) -> Record:
    copy = edited(record, field, raw, None)
    copy.fields[field].status = "invalid"
    return copy


def test_a_number_the_filer_wrote_in_words_is_read_by_its_digits_on_paper() -> None:
    """pairs8181 03_review_messy: `约61` on paper for `约21` — format_suspect only because the filer wrote
    约, as the electronic copy shows; the digits were read at a sure score and differ."""
    field = "innovation.invention_patent_cagr"
    flag = build_exception(
        "low_confidence",
        field=SPECS[field],
        reason="format_suspect",
        params={"confidence": "0.99", "raw": "约61"},
    )
    paper = _invalid_number(scan(), field, "约61")
    paper = paper.model_copy(update={"exceptions": [*paper.exceptions, flag]})
    changed = verify(paper, _invalid_number(word(), field, "约21"))
    assert [(i.field, i.year) for i in changed.mismatches] == [(field, None)]
    same = verify(paper, _invalid_number(word(), field, "约61"))
    assert same.mismatches == () and (field, None) in same.cells("verified")
    # a number the electronic copy has plainly: the paper's odd shape may be the engine's, the flag stays
    read = verify(paper, edited(word(), field, "21", 21.0))
    assert read.mismatches == () and (field, None) in read.cells("unchanged")


def _choice_read(record: Record, field: str, raw: str, doubts: tuple[bool, ...], rules: list[str]) -> Record:
    """The scan with a choice cell read as `raw`, each mark's doubt kept, with the reading's flags."""
    paper = edited(record, field, raw, None)
    entry = paper.fields[field]
    entry.status = "unreadable"
    assert isinstance(entry.provenance, Provenance)
    entry.provenance = entry.provenance.model_copy(update={"confidence": 0.0, "mark_doubts": doubts})
    flags = [
        build_exception(
            rule, field=SPECS[field], reason="box_uncertain", params={"confidence": "0", "raw": raw}
        )
        if rule == "low_confidence"
        else build_exception(rule, field=SPECS[field], params={"detail": "勾选符号无法识别"})
        for rule in rules
    ]
    others = [item for item in paper.exceptions if item.field != field]
    return paper.model_copy(update={"exceptions": [*others, *flags]})


def test_a_tick_moved_on_paper_is_found_at_the_box_read_surely_empty_beside_an_undecided_one() -> None:
    """pairs9191 03_review_messy: the tick moved from 不适用 to 是, read as ⍰ there; the box of 不适用 was
    read surely empty, so the answer is not 不适用 whatever 是's box holds."""
    field = "basic.water_efficiency_benchmark"
    paper = _choice_read(
        scan(),
        field,
        "⍰是 ☐否☐非高用水行业，不适用",
        (True, False, False),
        ["layout_changed", "low_confidence"],
    )
    typed = edited(word(), field, "□是 □否 ☑非高用水行业，不适用", "not_applicable")
    assert [(i.field, i.year) for i in verify(paper, typed).mismatches] == [(field, None)]
    doubted = _choice_read(
        scan(),
        field,
        "⍰是 ☐否☐非高用水行业，不适用",
        (True, False, True),
        ["layout_changed", "low_confidence"],
    )
    assert verify(doubted, typed).mismatches == ()


def test_a_single_choice_read_with_no_tick_at_all_shows_too_little() -> None:
    """pairs9191 07_review_messy: both boxes of 重大事故 read empty at a sure score on an equal pair: a
    single choice holds one tick, so the reading missed it — no mismatch (its none-ticked finding stays)."""
    field = "basic.major_incidents"
    paper = edited(scan(), field, "☐是（需附情况说明） ☐否", None)
    typed = edited(word(), field, "□是（需附情况说明） ☑否", "no")
    found = verify(paper, typed)
    assert found.mismatches == () and (field, None) in found.cells("unchanged")


def test_digits_only_lost_where_the_reading_is_doubted_show_too_little() -> None:
    """Set 9595: numbers under a seal read with digits lost (`18` for `18.93`, `45%` for `23.45%`) were
    paper_electronic_mismatch on copies that were equal. A doubted reading that only lost digits shows
    too little; digits changed, or lost where nothing doubts the reading, still contradict."""
    paper = scan()
    assert value_at(paper.fields["industry.total_output"], "2023") == 108.45  # read under a seal
    lost = verify(paper, edited(word(), "industry.total_output", "12108.45", 12108.45, "2023"))
    assert ("industry.total_output", "2023") in lost.cells("unchanged") and lost.mismatches == ()
    changed = verify(paper, edited(word(), "industry.total_output", "103.75", 103.75, "2023"))
    assert [(i.field, i.year) for i in changed.mismatches] == [("industry.total_output", "2023")]
    assert value_at(paper.fields["industry.sme_count"], "2023") == 498  # read with no doubt
    plain = verify(paper, edited(word(), "industry.sme_count", "4598", 4598, "2023"))
    assert [(i.field, i.year) for i in plain.mismatches] == [("industry.sme_count", "2023")]


def test_digits_under_a_seal_read_at_a_low_score_show_too_little() -> None:
    """Set 9595: `90.28%` read at 0.46 under a seal for `86.28%`."""
    paper = scan()
    spec = SPECS["industry.total_output"]
    low = build_exception(
        "low_confidence",
        field=spec,
        year="2023",
        reason="low_score",
        params={"confidence": "0.46", "raw": "108.45"},
        value=108.45,
        location=location_at(paper.fields[spec.id], "2023"),
    )
    sealed_low = paper.model_copy(update={"exceptions": [*paper.exceptions, low]})
    changed = verify(sealed_low, edited(word(), "industry.total_output", "103.75", 103.75, "2023"))
    assert ("industry.total_output", "2023") in changed.cells("unchanged") and changed.mismatches == ()
