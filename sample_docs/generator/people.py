"""Names of people, firms and bodies, phone numbers and dates, each as written and as normalised."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sample_docs.generator.pools import (
    AUTHORITY_SUFFIXES,
    FIRM_SUFFIXES,
    FIRM_WORDS,
    GIVEN,
    MOBILE_PREFIXES,
    SURNAMES,
    Industry,
    Place,
)


@dataclass(frozen=True)
class Written:
    """A value as the filer wrote it, and its normalised truth."""

    text: str
    truth: str


def person(rng: random.Random) -> str:
    """Return a plausible Chinese personal name."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def firm(rng: random.Random, place: Place, industry: Industry) -> str:
    """Return a plausible company name in the cluster's city."""
    city = place.city.removesuffix("市")
    return city + "".join(rng.sample(FIRM_WORDS, 2)) + industry.short + rng.choice(FIRM_SUFFIXES)


def authority(rng: random.Random, place: Place) -> str:
    """Return the county-level SME authority's name."""
    return place.county + rng.choice(AUTHORITY_SUFFIXES)


def operator(rng: random.Random, place: Place, industry: Industry) -> str:
    """Return a plausible cluster operator (管委会 / 运营企业 / 服务机构)."""
    county = place.county[:-1] if len(place.county) > 2 else place.county
    return rng.choice(
        (
            f"{place.county}{industry.short}产业园管理委员会",
            f"{county}经济开发区管理委员会",
            f"{county}{industry.short}产业发展服务中心",
            f"{county}{''.join(rng.sample(FIRM_WORDS, 2))}园区运营管理有限公司",
        )
    )


def mobile(rng: random.Random) -> Written:
    """Return a mobile number, sometimes written with spaces."""
    digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"
    if rng.random() < 0.3:
        return Written(f"{digits[:3]} {digits[3:7]} {digits[7:]}", digits)
    return Written(digits, digits)


def landline(rng: random.Random, place: Place) -> Written:
    """Return a landline with the place's area code."""
    width = 8 if len(place.area_code) == 3 else rng.choice((7, 8))
    number = f"{place.area_code}-{rng.randint(2, 8)}{rng.randint(0, 10 ** (width - 1) - 1):0{width - 1}d}"
    return Written(number, number)


def phone(rng: random.Random, place: Place) -> Written:
    """Return one or two contact numbers as written and as normalised (';'-joined, no spaces)."""
    roll = rng.random()
    if roll < 0.4:
        return landline(rng, place)
    if roll < 0.75:
        return mobile(rng)
    first, second = landline(rng, place), mobile(rng)
    separator = rng.choice(("；", "，", "/", "；"))
    return Written(f"{first.text}{separator}{second.text}", f"{first.truth};{second.truth}")


def date_written(
    rng: random.Random, year: int, month: int, day: int, *, chinese_only: bool = False
) -> Written:
    """Given a date, return it in one of the ways filers write dates, with its ISO truth.

    chinese_only keeps the printed 年/月/日 (for the declaration's 年 月 日 date lines)."""
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    chinese = (
        f"{year}年{month}月{day}日",
        f"{year}年{month:02d}月{day:02d}日",
        f"{year} 年 {month} 月 {day} 日",
    )
    text = rng.choice(chinese if chinese_only else (*chinese, f"{year}.{month}.{day}", iso))
    return Written(text, iso)
