"""A known application filing, built with the form builder and read through the real pipeline."""

from __future__ import annotations

import pytest

from cluster_intake.pipeline import extract_record
from reports.model import FilingReport
from sample_docs.builder import build_document
from sample_docs.builder.filling import CoverFill, Filling, TickFill, slot_key
from schema.record import Record

CLUSTER = "浙江省慈溪市智能家电产业集群"
TEXTS = {
    slot_key("basic.cluster_name"): (CLUSTER,),
    slot_key("basic.area"): ("12.5",),
    slot_key("industry.total_output", "2022"): ("45.5",),
    slot_key("industry.total_output", "2023"): ("52.25",),
    slot_key("industry.total_output", "2024"): ("60",),
    slot_key("innovation.national_platforms"): ("数量：2个", "名称：甲平台、乙平台"),
    slot_key("governance.industry_alliances"): ("无",),
}
TICKS = {
    "industry.chain_actions": TickFill(frozenset({"chain_mapping", "supply_chain_risk"})),
    "basic.industry_type": TickFill(frozenset({"secondary"})),
}
COVER = CoverFill(
    cluster_name=CLUSTER,
    province="浙江",
    city="宁波",
    county="慈溪",
    county_authority="慈溪市经济和信息化局",
    operator="慈溪市家电产业园运营有限公司",
    date="2025年4月10日",
    contact="张三 0574-12345678",
)


@pytest.fixture(scope="session")
def known_record(tmp_path_factory: pytest.TempPathFactory) -> Record:
    path = tmp_path_factory.mktemp("known") / "known_application.docx"
    build_document("application", Filling(texts=TEXTS, ticks=TICKS, cover=COVER)).save(str(path))
    return extract_record(path)


@pytest.fixture
def known_report(known_record: Record) -> FilingReport:
    return FilingReport("浙江/known_application.docx", known_record, tuple(known_record.exceptions))
