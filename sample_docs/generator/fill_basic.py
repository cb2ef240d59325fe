"""Fill the cover and 一、基本情况."""

from __future__ import annotations

from sample_docs.builder.filling import CoverFill
from sample_docs.generator.draft import Draft
from sample_docs.generator.facts import Facts
from sample_docs.generator.people import authority, date_written, operator, person, phone
from sample_docs.generator.pools import Place


def cluster_name(facts: Facts) -> str:
    """Given the facts, return the cluster name XX省XX县XX产业集群."""
    return f"{facts.place.province}{facts.place.county}{facts.industry.name}产业集群"


def _stem(draft: Draft, full: str, suffix: str) -> str:
    """Given a full place name and the printed suffix, return what the filer writes before the suffix."""
    if full.endswith(suffix) and draft.rng.random() < 0.7:
        return full[: -len(suffix)]
    return full


def region_stems(draft: Draft, place: Place) -> tuple[str, str, str]:
    """Given a place, return the province/city/county parts written before 省/市/县 (truth = full names)."""
    province = place.province[:-1] if place.municipality else _stem(draft, place.province, "省")
    return province, _stem(draft, place.city, "市"), _stem(draft, place.county, "县")


def fill_cover(draft: Draft, facts: Facts, names: dict[str, str]) -> None:
    """Given the facts and the shared names, fill the cover page and record its truth."""
    rng, place = draft.rng, facts.place
    date = date_written(rng, 2025, 4, rng.randint(11, 28))
    contact, number = names["cover_contact"], phone(rng, place)
    province, city, county = region_stems(draft, place)
    draft.cover = CoverFill(
        cluster_name=names["cluster"],
        province=province,
        city=city,
        county=county,
        county_authority=names["cover_authority"],
        operator=names["cover_operator"],
        date=date.text,
        contact=f"{contact}{rng.choice((' ', '，', '  ', '：'))}{number.text}",
        as_table=rng.random() < 0.4,
    )
    draft.render["cover"] = "table" if draft.cover.as_table else "underlined"
    draft.truth_only("cover.cluster_name", names["cluster"])
    draft.truth_only("cover.region", {"province": place.province, "city": place.city, "county": place.county})
    draft.truth_only("cover.county_authority", names["cover_authority"])
    draft.truth_only("cover.operator", names["cover_operator"])
    draft.truth_only("cover.submission_date", date.truth)
    draft.truth_only("cover.contact_name", contact)
    draft.truth_only("cover.contact_phone", number.truth)


def shared_names(draft: Draft, facts: Facts) -> dict[str, str]:
    """Given the facts, return the names used on both cover and 基本情况."""
    rng = draft.rng
    body_operator = operator(rng, facts.place, facts.industry)
    body_authority = authority(rng, facts.place)
    return {
        "cluster": cluster_name(facts),
        "authority": body_authority,
        "operator": body_operator,
        "cover_authority": body_authority,
        "cover_operator": body_operator,
        "cover_contact": person(rng),
    }


def _contact_pair(draft: Draft, name_id: str, phone_id: str, place: Place) -> None:
    """Given the ids of a 联系人 / 联系方式 pair, fill both."""
    name, number = person(draft.rng), phone(draft.rng, place)
    draft.put(name_id, None, (name,), name)
    draft.put(phone_id, None, (number.text,), number.truth)


def fill_basic(draft: Draft, facts: Facts, names: dict[str, str]) -> None:
    """Given the facts, fill 一、基本情况 (clean answers; plants come later)."""
    rng = draft.rng
    draft.put("basic.cluster_name", None, (names["cluster"],), names["cluster"])
    draft.put("basic.county_authority", None, (names["authority"],), names["authority"])
    _contact_pair(draft, "basic.county_authority_contact", "basic.county_authority_phone", facts.place)
    draft.put("basic.operator", None, (names["operator"],), names["operator"])
    draft.choice("basic.operator_changed", "no")
    _contact_pair(draft, "basic.operator_contact", "basic.operator_phone", facts.place)
    draft.number("basic.area", None, facts.area)
    draft.choice("basic.industry_type", facts.industry.industry_type)
    for field_id in ("basic.restricted_industry", "basic.major_incidents", "basic.violations"):
        draft.choice(field_id, "no")
    draft.choice("basic.energy_efficiency_benchmark", rng.choice(("yes", "not_applicable")))
    draft.choice("basic.water_efficiency_benchmark", rng.choice(("yes", "not_applicable")))
    draft.choice("basic.provincial_cluster_recognized", rng.choice(("yes", "no")))
