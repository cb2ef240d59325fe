"""A scan's reading of one cell against the text its electronic copy holds (validators.paper_text,
validators.paper_evidence): the engine's known confusions agree, real edits contradict."""

from __future__ import annotations

import pytest
from pydantic import JsonValue

from schema.catalog import load_field_catalogue
from validators.paper_evidence import CellPair, Evidence, cell_to_evidence
from validators.paper_text import SIMPLIFIED, TRADITIONAL, digits_of, texts_to_alignment

SPECS = load_field_catalogue().by_id()


def evidence(field: str, expected: str | None, *read: str, value: JsonValue = None) -> Evidence:
    spec = SPECS[field]
    return cell_to_evidence(CellPair(spec, expected, value, tuple(read), None))


@pytest.mark.parametrize(
    ("expected", "read"),
    [
        ("１０８．４５", "108.45"),  # full width
        ("108.45", "1O8.4S"),  # O/0, S/5
        ("126.48", "126,48"),  # a comma read for the point
        ("18.37", "18.3.7"),  # a speck read as a second point
        ("（1）加强组织领导，建立集群发展工作专班。", "(l)加强组织领导,建立集群发展工作专班."),
        ("杭州远达五金新材料有限公司（绿色工厂）", "杭州远达五金新材料有限公司（绿色工厂)"),
        ("单位产值=排放总量÷总产值", "单位产值=排放总量+总产值"),  # ÷ read as +
        ("数量：1 个\n名称：余杭区五金产业联盟", "数量：1个\n名称：余杭区五金产业联盟"),
        ("真实有效，符合认定标准", "真实有效符合认定标准"),  # a comma lost under a seal
    ],
)
def test_the_engines_known_confusions_agree(expected: str, read: str) -> None:
    assert texts_to_alignment(expected, read).agrees


@pytest.mark.parametrize(
    ("expected", "read", "size"),
    [
        ("赵建国", "李建国", 1),
        ("降低企业运营成本。", "带动就业人数稳步增长。", 9),
        ("梳理补链项目22个", "梳理补链项目25个", 1),
    ],
)
def test_real_edits_are_differences_with_their_size(expected: str, read: str, size: int) -> None:
    alignment = texts_to_alignment(expected, read)
    assert not alignment.agrees and alignment.differing == size


def test_a_box_glyph_where_a_character_is_printed_is_no_evidence_either_way() -> None:
    alignment = texts_to_alignment("推动集群向绿色化发展", "推动集群向☑色化发展")
    assert alignment.agrees and alignment.wildcards == 1
    assert evidence("industry.chain_desc", "推动集群向绿色化发展", "推动集群向☑色化发展").finding == "agrees"
    assert evidence("basic.operator_contact", "孙国平", "☐国平").finding == "unclear"  # too short to vouch


def test_digits_of_a_number_cell() -> None:
    assert digits_of("−5.60") is not None and digits_of("−5.60") == digits_of("-5.6O")
    parsed = digits_of("1,234.56万元")
    assert parsed is not None and (parsed.digits, parsed.point, parsed.negative) == ("123456", None, False)
    one = digits_of("108.45")
    assert one is not None and one.point == 3
    assert digits_of("无") is None


@pytest.mark.parametrize(
    ("expected", "read", "finding"),
    [
        ("90.66亿元", "90.66亿元", "agrees"),
        ("１８，４７９．７１", "18479.71", "agrees"),
        ("90.66亿元", "90.66", "agrees"),  # a unit the reading lost shows no other value
        ("87.50", "93.50", "contradicts"),
        ("87.50", "875.0", "contradicts"),  # the point clearly elsewhere
        ("16", "约16", "contradicts"),  # a word the paper adds
        ("-5.60", "5.60", "contradicts"),  # the sign
        ("87.50", "", "unclear"),
    ],
)
def test_numbers_by_their_digits(expected: str, read: str, finding: str) -> None:
    assert evidence("industry.total_output", expected, *([read] if read else [])).finding == finding


def test_a_number_contradiction_counts_its_digits() -> None:
    found = evidence("industry.total_output", "126.48", "128.43")
    assert (found.finding, found.size, found.paper, found.expected) == ("contradicts", 2, "128.43", "126.48")


def test_either_reading_of_a_repaired_cell_may_agree() -> None:
    """The raw text after a repair rule and the engine's text before it: one agreeing is enough."""
    assert evidence("industry.total_output", "108.45", "108.46", "108.45").finding == "agrees"


def test_choice_marks_at_the_expected_options() -> None:
    field = "basic.restricted_industry"
    assert evidence(field, "□是  ☑否", "☐是☑否").finding == "agrees"
    moved = evidence(field, "□是  ☑否", "☑是☐否")
    assert (moved.finding, moved.size, moved.paper, moved.expected) == ("contradicts", 2, "是", "否")
    assert evidence(field, "□是  ☑否", "⍰是☑否").finding == "agrees"  # one tick, the expected one
    assert evidence(field, "□是  ☑否", "☐是⍰否").finding == "agrees"  # the others read empty
    assert evidence(field, "□是  ☑否", "⍰是⍰否").finding == "unclear"


def test_multi_choice_marks() -> None:
    field = "digital.new_models_actions"
    typed = "\n".join(
        (
            "■建有国家智能制造、工业互联网以及其它国家新模式新业态试点示范项目",
            "■建有省级智能制造、工业互联网以及其它国家新模式新业态试点示范项目",
            "□开展了智能制造、工业互联网等新模式新业态创新应用推广",
        )
    )
    same = typed.replace("■", "☑").replace("□", "☐")
    added = same.replace("☐开展", "☑开展")
    unsure = same.replace("☐开展", "⍰开展")
    assert evidence(field, typed, same).finding == "agrees"
    found = evidence(field, typed, added)
    assert (found.finding, found.size) == ("contradicts", 1)
    option = "开展了智能制造、工业互联网等新模式新业态创新应用推广"
    assert (found.paper, found.expected) == ("☑" + option, "☐" + option)  # only the option that differs
    assert evidence(field, typed, unsure).finding == "unclear"


def test_a_choice_without_its_electronic_boxes_is_judged_on_its_value() -> None:
    assert evidence("basic.restricted_industry", None, "☐是☑否", value="no").finding == "agrees"


def test_a_long_text_contradiction_shows_the_edit_with_context() -> None:
    typed = "集群建成共享车间5个，推动35家中小企业共享检测设备和仓储物流资源，降低企业运营成本。"
    paper = "集群建成共享车间5个，推动35家中小企业共享检测设备和仓储物流资源，带动就业人数稳步增长。"
    found = evidence("industry.resource_sharing_desc", typed, paper)
    assert found.finding == "contradicts"
    assert found.expected == "…和仓储物流资源，降低企业运营成本。"
    assert found.paper == "…和仓储物流资源，带动就业人数稳步增长。"


def test_target_tables_row_by_row() -> None:
    rows: list[JsonValue] = [
        {"direction": "创新", "indicator": "研发经费投入", "baseline": 3.62, "target": 5.24, "unit": "亿元"}
    ]
    spec = SPECS["plan.three_year_targets"]
    same = cell_to_evidence(CellPair(spec, None, rows, (), rows))
    changed = [{**rows[0], "target": 6.24}]  # type: ignore[dict-item]
    other = cell_to_evidence(CellPair(spec, None, rows, (), changed))
    assert same.finding == "agrees" and other.finding == "contradicts"
    # as paper spoils them: a speck for a point (2297 → 229.7), a value kept as text with its unit and
    # specks, a box glyph for a character of a short cell
    typed: list[JsonValue] = [
        {"direction": "绿色化", "indicator": "有效发明专利数量", "target": 2297, "actual": 10.9}
    ]
    spoiled: list[JsonValue] = [
        {"direction": "☑色化", "indicator": "有效发明专利数量", "target": 229.7, "actual": "10.90%\n*,"}
    ]
    assert cell_to_evidence(CellPair(spec, None, typed, (), spoiled)).finding == "agrees"


CHAIN = "industry.chain_actions"
CHAIN_TYPED = "\n".join(
    (
        "□绘制产业链图谱，开展产业链培育",
        "□形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制",
        "□联合集群上下游企业，组建创新联合体，开展产业链联合攻关",
        "√□引入高等院校、科研院所，开展产业链关键环节产学研协同创新",
        "□建有产业链上下游产供销一体化协同协作机制",
        "□与产业链“链主”企业建立稳定合作配套关系",
        "√□与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系",
        "□开展供应链风险评估工作，建立供应链风险防范机制",
        "（注：勾选需提供佐证材料）",
    )
)


def test_a_character_read_as_a_box_inside_an_option_is_no_mark_of_it() -> None:
    """挂 of 揭榜挂帅 read as ☑ at a line start: print puts a box before options only."""
    paper = CHAIN_TYPED.replace("√□", "☑").replace("□", "☐").replace("“揭榜挂帅", "“揭榜\n☑帅")
    assert evidence(CHAIN, CHAIN_TYPED, paper).finding == "agrees"
    moved = paper.replace("☑引入", "☐引入")
    assert evidence(CHAIN, CHAIN_TYPED, moved).finding == "contradicts"


def test_a_stray_mark_on_a_line_of_its_own_is_no_option_s() -> None:
    paper = CHAIN_TYPED.replace("√□", "☑").replace("□", "☐").replace("\n☐联合", "\n⍰1\n☐联合")
    assert evidence(CHAIN, CHAIN_TYPED, paper).finding == "agrees"


def test_q_and_d_for_zero() -> None:
    assert texts_to_alignment("下降12.00%，推进", "下降12.0Q%，推进").agrees
    assert evidence("industry.total_output", "100.50", "1DO.5O").finding == "agrees"


# Classes of misreading seen on the generated pairs of seed 4242 (scans of copies equal to their
# electronic copy): each is no difference, while the planted edits beside them stay contradictions.


def test_a_tick_read_as_a_mark_ending_the_option_line_is_no_empty_box() -> None:
    """The box is undecided; every other box read as expected, the undecided one at a tick agrees."""
    options = ["信息服务√", "创业辅导", "创新支持√", "人员培训√", "市场营销", "投融资服务√", "管理咨询"]
    expected = "集群已提供的中小企业公共服务：\n" + "\n".join("□" + o for o in options)
    paper = "集群已提供的中小企业公共服务：\n" + "\n".join("☐" + o for o in options)
    read = paper.replace("投融资服务√", "投融资服务、")
    assert evidence("governance.public_services", expected, read).finding == "agrees"
    assert evidence(
        "governance.public_services", expected, read.replace("☐创业辅导", "☑创业辅导")
    ).finding == ("contradicts")
    removed = paper.replace("投融资服务√", "投融资服务")
    assert evidence("governance.public_services", expected, removed).finding == "contradicts"
    five = paper.replace("投融资服务√", "投融资服务5")  # set 5151, filing 02: √ read as 5
    assert evidence("governance.public_services", expected, five).finding == "agrees"
    unticked = expected.replace("√", "")  # where no line ends with √, a 5 is no tick's
    assert evidence(
        "governance.public_services", unticked, unticked.replace("管理咨询", "管理咨询5")
    ).finding == ("agrees")


def test_a_single_choice_read_with_its_answer_and_another_box_ticked_is_unclear() -> None:
    field = "green.water_reuse_above_industry_avg"
    assert evidence(field, "□是  □否  ☑不适用", "☑是□否☑不适用").finding == "unclear"
    assert evidence(field, "□是  □否  ☑不适用", "☑是□否□不适用").finding == "contradicts"


def test_two_printed_lines_read_interleaved_are_unclear() -> None:
    expected = (
        "坚持创新驱动和数字赋能，围绕蔬菜种子等细分领域补链延链，推动集群向高端化、智能化、绿色化发展。"
    )
    read = "色坚化持发创展新。驱动和数字赋能，围绕蔬菜种子等细分领域补链延链，推动集群向高端化、智能化、绿"
    assert evidence("plan.overall_approach", expected, read).finding == "unclear"
    edited = "带动就业人数稳步增长，围绕蔬菜种子等细分领域补链延链，推动集群向高端化、智能化、绿色化发展。"
    assert evidence("plan.overall_approach", expected, edited).finding == "contradicts"


def test_a_reading_that_lost_whole_lines_is_unclear() -> None:
    field = "governance.industry_alliances"
    assert evidence(field, "数量：1个\n名称：江阴市家电产业联盟", "数量：1个").finding == "unclear"
    assert evidence(field, "数量：0个\n名称：无", "数量：0个").finding == "unclear"
    # a sentence of one line cut short is an edit
    expected = "2025年集群总产值达到522.55亿元，研发经费投入达到9.31亿元，有效发明专利数量达到1538个。"
    cut = "2025年集群总产值达到522.55亿元，研发经费投入达到9.31亿元，"
    assert evidence("plan.stage_goal_2025", expected, cut).finding == "contradicts"


def test_words_of_the_neighbouring_cells_around_the_value_are_no_difference() -> None:
    assert evidence("basic.operator_contact", "罗敏", "罗敏 联系方式 18811954560").finding == "agrees"
    assert evidence("basic.operator_contact", "罗敏", "郭磊 联系方式 18811954560").finding == "contradicts"
    field = "innovation.invention_patents_per_10k_staff"
    assert evidence(field, "116.33", "人 116.33\n专").finding == "agrees"
    assert evidence(field, "116.33", "人 116.38\n专").finding == "contradicts"
    desc = "集群开展节能诊断25家次，推进清洁生产审核。"
    assert evidence("green.low_carbon_desc", desc, "☑00字以内)\n" + desc).finding == "agrees"


def test_a_reading_of_the_label_or_of_far_more_than_the_cell_is_unclear() -> None:
    field = "green.co2_intensity_formula"
    spec = SPECS[field]
    label = spec.shown_label("application")
    pair = CellPair(spec, "计算公式：二氧化碳排放总量/工业总产值", None, (label,), None, label=label)
    assert cell_to_evidence(pair).finding == "unclear"
    expected = "1.实施优质企业梯度培育工程。\n2.建设产业链协同创新平台。"
    page = (
        "3 2 1( ( ( . . .2 1 二 推 建 实) ) ) 进 设 施加 加 保 中 产 优大 强 障 小 业 质财 组 措 企 链 企政"
    )
    assert evidence("plan.key_tasks", expected, page * 3).finding == "unclear"


def test_a_reading_that_ran_on_into_the_next_table_is_weighed_by_its_own_lines() -> None:
    """Set 9191, filing 07: 保障措施 read with the 发展成效 table after it; its second line, edited on
    paper, was lost in the overgrown reading."""
    expected = "（1）加强组织领导，建立集群发展工作专班。\n（2）加大财政金融支持力度。"
    table = "\n方向主导产业\n指标\n2022年基准值\n2025年目标值\n近三年集群产值年均增速\n11.86%\n11.63%" * 2
    same = "(1)加强组织领导，建立集群发展工作专班。\n(2)加大财政金融支持力度。" + table
    assert evidence("plan.safeguards", expected, same).finding == "agrees"
    edited = evidence(
        "plan.safeguards",
        expected,
        "(1)加强组织领导，建立集群发展工作专班。\n区域品牌影响力明显提升。" + table,
    )
    assert (edited.finding, edited.expected) == (
        "contradicts",
        "（1）加强组织领导，建立集群发展工作专班。（2）加大财政金融支持力度。",
    )
    elsewhere = evidence(
        "plan.safeguards", expected, "（1）另一段文字的第一行内容。\n区域品牌影响力明显提升。" + table
    )
    assert elsewhere.finding == "unclear"  # its first line is not the cell's: another region


def test_characters_lost_at_gaps_in_the_reading_are_unclear() -> None:
    """Set 6161, filing 06 (a fax): 推荐单位 under a black seal read `江 工业和 化厅`: the engine saw ink it
    could not read. Lost without a gap, or a space after punctuation, is an edit's."""
    unit = "江西省工业和信息化厅"
    assert evidence("declaration.recommending_unit", unit, "江 工业和 化厅").finding == "unclear"
    assert evidence("declaration.recommending_unit", unit, "江工业和化厅").finding == "contradicts"
    assert evidence("declaration.recommending_unit", unit, "江 工业和 化局").finding == "contradicts"
    clause = "（1）加强组织领导，建立集群发展工作专班。"
    assert evidence("plan.safeguards", clause, "（1）加强组织领导， 发展工作专班。").finding == "contradicts"


def test_the_next_row_read_into_a_cell_is_no_evidence() -> None:
    """Set 9696, filing 07 (a fax): 经营主体 read with the next row's label and box, its end lost
    (`…管理委 是否发生变 ☐是`): a false mismatch. The value's own piece is weighed, cut where the label
    began; a value that differs before that still contradicts."""
    field, expected = "basic.operator", "常熟市纺织产业园管理委员会"
    assert evidence(field, expected, "常熟市纺织产业园管理委 是否发生变 ☐是").finding == "unclear"
    assert evidence(field, expected, "常熟市纺织产业园管理委员会 是否发生变 ☐是").finding == "agrees"
    assert evidence(field, expected, "常熟市纺织产业园服务中心 是否发生变 ☐是").finding == "contradicts"


def test_a_traditional_form_the_engine_wrote_is_the_simplified_character() -> None:
    """Set 9898, filing 01 (a fax): `設施農業裝備領域` for 设施农业装备领域 was a false mismatch."""
    expected = "集群建成智能工厂和数字化车间8个，设施农业装备领域推广网络化协同和服务型制造新模式。"
    read = "集群建成智能工厂和数字化车间8个，設施農業裝備領域推广网络化协同和服务型制造新模式。"
    assert evidence("digital.new_models_desc", expected, read).finding == "agrees"
    assert (
        evidence("digital.new_models_desc", expected, read.replace("領域", "行业")).finding == "contradicts"
    )
    assert len(TRADITIONAL) == len(SIMPLIFIED) == len(set(TRADITIONAL))


def test_box_glyphs_or_unread_marks_added_are_no_evidence() -> None:
    field = "governance.other_service_platforms"
    expected = "数量：2 个\n名称：兰陵县中小企业公共服务平台、兰陵县产业创新服务综合体"
    read = "数量：2个\n名称：兰陵县中小企业公共服务平台、兰陵县⍰产业创新服务综合体"
    assert evidence(field, expected, read).finding == "agrees"
    assert evidence(
        "green.co2_intensity_formula", "单位产值二氧化碳排放量=排放总量÷总产值", "⍰⍰⍰⍰⍰⍰ ⍰⍰⍰"
    ).finding == ("unclear")


def test_one_character_or_an_edge_digit_lost_is_unclear() -> None:
    expected = "集群建成共享车间8个，推动68家中小企业共享检测设备和仓储物流资源，降低企业运营成本。"
    read = "集群建成共享车间8个，推动68家中小企业共享检测备和仓储物流资源，降低企业运营成本。"
    assert evidence("industry.resource_sharing_desc", expected, read).finding == "unclear"
    assert (
        evidence("industry.resource_sharing_desc", expected, read.replace("68", "61")).finding
        == "contradicts"
    )
    assert evidence("digital.cloud_sme_count", "554家", "54家").finding == "unclear"
    assert evidence("digital.cloud_sme_count", "554家", "564家").finding == "contradicts"


def test_a_number_read_without_the_zero_before_its_point_is_the_same_number() -> None:
    assert evidence("green.co2_intensity", "０．６１", ".61").finding == "agrees"
    assert evidence("green.co2_intensity", "０．６１", ".67").finding == "contradicts"


def test_filled_boxes_read_undecided_exactly_where_the_ticks_are_agree() -> None:
    lines = [
        "开展了先进质量管理模式推广",
        "开展了质量诊断服务",
        "建立了品牌运营、品牌管理标准宣贯等机制",
        "获得了集体商标、地理标志产品批准认证或证明商标通过注册",
    ]
    expected = "\n".join(box + line for box, line in zip("■□■■", lines, strict=True))
    field = "industry.quality_brand_actions"
    read = "\n".join(box + line for box, line in zip("⍰□⍰⍰", lines, strict=True))
    assert evidence(field, expected, read).finding == "agrees"
    removed = "\n".join(box + line for box, line in zip("⍰□□⍰", lines, strict=True))
    assert evidence(field, expected, removed).finding == "contradicts"
    added = "\n".join(box + line for box, line in zip("⍰⍰⍰⍰", lines, strict=True))
    assert evidence(field, expected, added).finding == "unclear"
