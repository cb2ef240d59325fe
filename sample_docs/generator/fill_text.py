"""Fill narratives (≤200字), multi-choice ticks and the 数量/名称 blocks."""

from __future__ import annotations

from collections.abc import Callable

from sample_docs.generator.draft import Draft, Json
from sample_docs.generator.facts import Facts
from sample_docs.generator.people import firm
from schema.catalog import FieldSpec, load_field_catalogue

Narrative = Callable[[Facts, Draft], str]
NAMED_KINDS: dict[str, str] = {
    "innovation.national_platforms": "platforms",
    "innovation.provincial_platforms": "platforms",
    "innovation.other_platforms": "platforms",
    "digital.national_pilot_projects": "pilot",
    "digital.provincial_pilot_projects": "pilot",
    "digital.other_pilot_projects": "pilot",
    "green.national_green_manufacturing": "green",
    "green.provincial_green_manufacturing": "green",
    "green.other_green_manufacturing": "green",
    "governance.industry_alliances": "alliances",
    "governance.national_service_platforms": "service",
    "governance.provincial_service_platforms": "service",
    "governance.other_service_platforms": "service",
}
NAMED_FIELDS = tuple(NAMED_KINDS)
NONE_WORDS = ("无", "暂无", "—")


def _p(facts: Facts, index: int) -> str:
    return facts.industry.products[index % len(facts.industry.products)]


NARRATIVES: dict[str, Narrative] = {
    "industry.chain_desc": lambda f, d: (
        f"集群围绕{_p(f, 0)}、{_p(f, 1)}等主导产品绘制产业链图谱，梳理补链项目{d.rng.randint(8, 30)}个。"
        f"2024年主导产业产值占比达到{f.industry_facts.leading_share[2]:.2f}%，本地配套率稳步提升。"
    ),
    "industry.resource_sharing_desc": lambda f, d: (
        f"集群建成共享车间{d.rng.randint(2, 9)}个，推动{d.rng.randint(20, 90)}家中小企业共享检测设备和仓储物流资源，"
        "降低企业运营成本。"
    ),
    "industry.quality_brand_desc": lambda f, d: (
        f"集群开展质量诊断服务{d.rng.randint(30, 200)}次，培育{f.place.county}{f.industry.short}区域品牌，"
        f"获得集体商标{d.rng.randint(1, 4)}件。"
    ),
    "digital.services_desc": lambda f, d: (
        f"引入数字化服务商{d.rng.randint(5, 25)}家，为{f.digital.cloud[2]}家中小企业提供上云用云和数字化诊断服务。"
    ),
    "digital.new_models_desc": lambda f, d: (
        f"集群建成智能工厂和数字化车间{d.rng.randint(3, 20)}个，{_p(f, 2)}领域推广网络化协同和服务型制造新模式。"
    ),
    "green.low_carbon_desc": lambda f, d: (
        f"集群开展节能诊断{d.rng.randint(10, 80)}家次，2024年单位产值能耗较2022年下降"
        f"{f.green.energy_reduction:.2f}%，推进清洁生产审核。"
    ),
    "open.intl_cooperation_desc": lambda f, d: (
        f"集群企业产品出口至{d.rng.randint(20, 90)}个国家和地区，组织企业参加中国国际中小企业博览会等展会"
        f"{d.rng.randint(3, 15)}次。"
    ),
    "governance.environment_desc": lambda f, d: (
        f"{f.place.county}出台支持{f.industry.short}产业集群发展政策{d.rng.randint(3, 10)}项，"
        "建立中小企业服务专员制度，营商环境持续优化。"
    ),
}


def write_narrative(draft: Draft, field_id: str, text: str) -> None:
    """Given a long_text cell and its text, write it in one or two paragraphs; truth joins them with \\n."""
    cut = text.find("。") + 1
    if draft.rng.random() < 0.35 and 0 < cut < len(text):
        paras = (text[:cut], text[cut:])
        draft.put(field_id, None, paras, "\n".join(paras))
    else:
        draft.put(field_id, None, (text,), text)


def fill_narratives(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill every ≤200字 narrative of 二 to 七."""
    for field_id, make in NARRATIVES.items():
        write_narrative(draft, field_id, make(facts, draft))


def fill_multi_choices(draft: Draft) -> None:
    """Tick a random non-empty subset of every multi_choice field on the form."""
    for spec in draft_fields(draft, "multi_choice"):
        options = list(spec.options)
        draft.multi(spec.id, draft.rng.sample(options, draft.rng.randint(1, len(options))))


def draft_fields(draft: Draft, field_type: str) -> list[FieldSpec]:
    """Given a type, return the draft form's fields of that type."""
    return [s for s in load_field_catalogue().fields_for(draft.form) if s.type == field_type]


def _names(draft: Draft, facts: Facts, field_id: str, count: int) -> list[str]:
    """Given a named_count field, return `count` plausible distinct names for it."""
    rng, place, ind = draft.rng, facts.place, facts.industry
    makers: dict[str, Callable[[int], str]] = {
        "platforms": lambda i: (
            f"{place.province}{_p(facts, i)}{('工程技术研究中心', '制造业创新中心', '重点实验室')[i % 3]}"
        ),
        "pilot": lambda i: f"{firm(rng, place, ind)}{('智能工厂', '数字化车间', '工业互联网平台')[i % 3]}",
        "green": lambda i: (
            f"{firm(rng, place, ind)}（{('绿色工厂', '绿色供应链管理企业', '绿色设计产品')[i % 3]}）"
        ),
        "alliances": lambda i: (
            f"{place.county}{ind.short}{('产业联盟', '行业协会', '商会', '产业技术创新战略联盟')[i % 4]}"
        ),
        "service": lambda i: (
            f"{place.county}{('中小企业公共服务平台', '产业创新服务综合体', '企业服务中心')[i % 3]}"
        ),
    }
    return [makers[NAMED_KINDS[field_id]](i) for i in range(count)]


def named_paragraphs(draft: Draft, count_text: str, names: list[str]) -> tuple[tuple[str, ...], str]:
    """Given a count and names, return the cell paragraphs in a random separator style, and the style."""
    style = draft.rng.choice(("、", "；", "numbered_lines", "paren_numbers", "newlines"))
    head = f"数量：{count_text}{draft.rng.choice(('个', ' 个'))}"
    if style in ("、", "；"):
        return (head, "名称：" + style.join(names)), style
    if style == "numbered_lines":
        return (head, "名称：", *(f"{i}.{n}" for i, n in enumerate(names, start=1))), style
    if style == "paren_numbers":
        return (head, "名称：" + "；".join(f"（{i}）{n}" for i, n in enumerate(names, start=1))), style
    return (head, "名称：" + names[0], *names[1:]), style


def fill_named_count(draft: Draft, facts: Facts, field_id: str, count: int) -> None:
    """Given a 数量/名称 field and a count, write it (0 → 名称：无; sometimes only 无)."""
    if count == 0 and draft.rng.random() < 0.5:
        word = draft.rng.choice(NONE_WORDS)
        draft.put(field_id, None, (word,), None, "explicit_none")
        return
    if count == 0:
        draft.put(field_id, None, ("数量：0个", "名称：无"), {"count": 0, "names": []})
        return
    names = _names(draft, facts, field_id, count)
    paras, style = named_paragraphs(draft, str(count), names)
    value: Json = {"count": count, "names": list(names)}
    draft.put(field_id, None, paras, value)
    draft.render.setdefault("name_separators", [])
    separators = draft.render["name_separators"]
    if isinstance(separators, list) and style not in separators:
        separators.append(style)


def fill_named_counts(draft: Draft, facts: Facts) -> None:
    """Given the facts, fill every 数量：__个 名称：__ block on the form."""
    platforms = facts.innovation.platforms
    counts = dict(
        zip(NAMED_FIELDS, (*platforms, *(draft.rng.randint(0, 3) for _ in NAMED_FIELDS[3:])), strict=True)
    )
    for field_id, count in counts.items():
        if draft.on_form(field_id):
            fill_named_count(draft, facts, field_id, count)
    branches = draft.rng.randint(0, 8)
    draft.put("open.overseas_branch_count", None, (f"{branches}个", "（需提供清单及相关佐证材料）"), branches)
