"""Cover vs 一、基本情况: the cluster name's shape and place, and items filled twice."""

from __future__ import annotations

import re
import unicodedata

from schema.record import ExceptionItem, region_part, text_at
from validators.context import Context
from validators.vocabulary import (
    ADMIN_SUFFIXES,
    NAME_COUNTY_DETAIL,
    NAME_ENDINGS,
    NAME_PROVINCE_DETAIL,
    NAME_SHAPE_DETAIL,
    PROVINCE_SUFFIXES,
)

COVER_NAME = "cover.cluster_name"
BODY_NAME = "basic.cluster_name"
REGION = "cover.region"
NAME_SHAPE = re.compile(
    "^.{2,10}?(?:" + "|".join(PROVINCE_SUFFIXES) + ").+(?:" + "|".join(NAME_ENDINGS) + ")$"
)


def normalized(text: str) -> str:
    """Given a text, return it without whitespace and with full/half-width forms unified."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def place_stem(name: str) -> str:
    """Given an administrative name (浙江省, 慈溪市), return the stem a cluster name must contain."""
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)][:2]
    return name


def name_problem(ctx: Context, name: str) -> tuple[str, list[str]] | None:
    """Given a cluster name, return the detail of its first problem and the related fields, if any."""
    if not NAME_SHAPE.match(name):
        return NAME_SHAPE_DETAIL, []
    entry = ctx.entry(REGION)
    for part, detail in (("province", NAME_PROVINCE_DETAIL), ("county", NAME_COUNTY_DETAIL)):
        place = region_part(entry, part)
        if place and place_stem(normalized(place)) not in name:
            return detail.format(place=place), [REGION]
    return None


def cluster_name_format(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return cluster_name_format for a cover (or differing body) name that is malformed."""
    cover, body = text_at(ctx.entry(COVER_NAME)), text_at(ctx.entry(BODY_NAME))
    checked = [(COVER_NAME, cover)]
    if body is not None and (cover is None or normalized(body) != normalized(cover)):
        checked.append((BODY_NAME, body))
    found: list[ExceptionItem] = []
    for field_id, name in checked:
        problem = name_problem(ctx, normalized(name)) if name else None
        if name and problem:
            detail, related = problem
            found.append(
                ctx.finding(
                    "cluster_name_format",
                    field_id,
                    params={"value": name, "detail": detail},
                    value=name,
                    related=related,
                )
            )
    return found


def twin_fields(ctx: Context) -> list[tuple[str, str]]:
    """Given a record, return (cover id, body id) pairs of items filled on the cover and in 一、基本情况."""
    body_ids = {spec.id for spec in ctx.specs() if spec.section == "basic"}
    pairs = [
        (spec.id, "basic." + spec.id.split(".", 1)[1]) for spec in ctx.specs() if spec.section == "cover"
    ]
    return [(cover, body) for cover, body in pairs if body in body_ids]


def cover_body_mismatches(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return cover_body_mismatch for each twin item whose two texts differ."""
    found: list[ExceptionItem] = []
    for cover_id, body_id in twin_fields(ctx):
        cover, body = text_at(ctx.entry(cover_id)), text_at(ctx.entry(body_id))
        if cover is not None and body is not None and normalized(cover) != normalized(body):
            params = {"cover_value": cover, "body_value": body}
            found.append(
                ctx.finding("cover_body_mismatch", cover_id, params=params, value=cover, related=[body_id])
            )
    return found
