"""Stage `drop_stray_dots`: specks read as dots leave Chinese texts; decimals and enumerations stay."""

from __future__ import annotations

import pytest

from extractors.ocr.stray_dots import drop_dots, drop_stray_dots
from schema.document import Cell, Paragraph, Table


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("参加国际展会.5次", "参加国际展会5次"),
        (".成都新恒工业互联网新材料有限公司", "成都新恒工业互联网新材料有限公司"),
        ("四川省郫都区工业互联网服务产业集群·", "四川省郫都区工业互联网服务产业集群"),
        ("计算公式：综合能耗总量/工业总产值.", "计算公式：综合能耗总量/工业总产值"),
        ("成都创联工业互联.网科技有限公司", "成都创联工业互联网科技有限公司"),
        ("专精特新“小巨人”企业5·家", "专精特新“小巨人”企业5家"),
        ("主导产业产值年均增长19.09%。", "主导产业产值年均增长19.09%。"),
        ("1.建设公共服务平台", "1.建设公共服务平台"),
        (".1.晋江市中小企业公共服务平台", "1.晋江市中小企业公共服务平台"),
        ("名称:.杭州科达五金制造有限公司", "名称:杭州科达五金制造有限公司"),
        (".5亿元", ".5亿元"),
        ("单位产值能耗=能源消费量(吨标准煤)·÷集群总产值", "单位产值能耗=能源消费量(吨标准煤)÷集群总产值"),
        ("Shanghai Co., Ltd.", "Shanghai Co., Ltd."),
        ("推进清洁生产审核。.", "推进清洁生产审核。"),
        ("有效发明专利数量达到1247.个。", "有效发明专利数量达到1247个。"),
        ("20.25年集群总产值", "2025年集群总产值"),
        ("2.027年集群总产值", "2027年集群总产值"),
        ("202.7年", "2027年"),
        ("用时2.5年", "用时2.5年"),
        ("12.50年", "12.50年"),
        ("成都泰联新材料有限公司.·(绿色工厂)", "成都泰联新材料有限公司(绿色工厂)"),
        ("研发经费投入达到4:98亿元", "研发经费投入达到4.98亿元"),
        ("12.实施优质企业梯度培育工程", "12.实施优质企业梯度培育工程"),
        ("措施。2.建设", "措施。2.建设"),
        ("参加展会1,0次", "参加展会10次"),
        ("集群总产值(方元)", "集群总产值(万元)"),
        ("出口额12.5方元", "出口额12.5万元"),
        ("保留地方元素", "保留地方元素"),
        ("企业1,234个", "企业1,234个"),
    ],
)
def test_dots_only_a_speck_can_make_are_dropped(read: str, meant: str) -> None:
    assert drop_dots(read) == meant


def test_dots_are_dropped_in_cells_and_nested_tables_too() -> None:
    inner = Table(0, 1, 1, (Cell(0, 0, blocks=(Paragraph("展会.5次", 0),)),))
    outer = Table(1, 1, 1, (Cell(0, 0, blocks=(Paragraph(".郫都区", 0), inner)),))
    (table,) = drop_stray_dots((outer,))
    assert isinstance(table, Table)
    texts = [b.text for b in table.cells[0].blocks if isinstance(b, Paragraph)]
    nested = table.cells[0].blocks[1]
    assert texts == ["郫都区"] and isinstance(nested, Table)
    assert nested.cells[0].paragraphs[0].text == "展会5次"
