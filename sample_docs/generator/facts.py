"""A cluster's numbers for 2022–2024, generated internally consistent (or with a criterion failed on purpose)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from sample_docs.generator.numbers import Triple, r2, triple
from sample_docs.generator.pools import INDUSTRIES, PLACES, Industry, Place

Counts = tuple[int, int, int]
CRITERIA_KNOBS = frozenset(
    {
        "criterion_output",
        "criterion_sme_share",
        "criterion_leading_share",
        "criterion_growth",
        "criterion_rd_growth",
        "criterion_iip_rate",
        "criterion_area",
    }
)


@dataclass(frozen=True)
class IndustryFacts:
    total: Triple
    county_share: Triple
    sme_share: Triple
    leading_share: Triple
    leading_growth: Triple
    cagr: float
    enterprises: Counts
    smes: Counts
    specialized: Counts
    giants: Counts
    champions: Counts
    hightech: Counts
    innovative: Counts
    listed: Counts
    prelisting: Counts
    fdi: Triple
    fdi_growth: Triple
    export: Triple
    export_growth: Triple

    @property
    def quality_smes(self) -> Counts:
        """Return 优质中小企业 per year: 创新型 + 省级专精特新 + 专精特新“小巨人”."""
        a, b, c = (sum(counts) for counts in zip(self.innovative, self.specialized, self.giants, strict=True))
        return (a, b, c)


@dataclass(frozen=True)
class InnovationFacts:
    rd: Triple
    rd_intensity: Triple
    rd_growth: Triple
    employees: Counts
    rd_staff: Counts
    standards: tuple[tuple[str, Counts], ...]
    platforms: tuple[int, int, int]
    pct: int
    patents: int
    patent_cagr: float
    patents_per_10k: float


@dataclass(frozen=True)
class DigitalFacts:
    cloud: Counts
    cloud_rate: Triple
    iip: Counts
    iip_rate: Triple
    rd_tool_rate: Triple
    software: Triple


@dataclass(frozen=True)
class GreenFacts:
    co2: Triple
    energy: Triple
    co2_reduction: float
    energy_reduction: float
    solid_waste: float
    water_reuse: float


@dataclass(frozen=True)
class Facts:
    place: Place
    industry: Industry
    area: float
    industry_facts: IndustryFacts
    innovation: InnovationFacts
    digital: DigitalFacts
    green: GreenFacts


def grow_counts(rng: random.Random, start: int, low: int, high: int) -> Counts:
    """Given a 2022 count, return it with two yearly increments drawn from [low, high]."""
    second = start + rng.randint(low, high)
    return (start, second, second + rng.randint(low, high))


def scale_counts(rng: random.Random, base: Counts, low: float, high: float) -> Counts:
    """Given counts, return a share of each drawn from [low, high] (rising where the draw allows)."""
    shares = sorted(rng.uniform(low, high) for _ in base)
    first, second, third = (max(0, round(b * s)) for b, s in zip(base, shares, strict=True))
    return (first, second, third)


def growth_series(rng: random.Random, start: float, low: float, high: float) -> tuple[float, Triple, Triple]:
    """Given a 2021 level and a growth band, return (2021 level, 2022–2024 levels, reported growth %)."""
    levels = [start]
    for _ in range(3):
        levels.append(levels[-1] * (1 + rng.uniform(low, high)))
    rounded = triple(*levels[1:])
    base = [r2(start), *rounded]
    growth = triple(*((base[i + 1] / base[i] - 1) * 100 for i in range(3)))
    return start, rounded, growth


def _totals(rng: random.Random, knobs: frozenset[str]) -> Triple:
    """Given the knobs, return 集群总产值 2022–2024 (亿元)."""
    if "criterion_output" in knobs:
        first = rng.uniform(34, 38)
        return triple(first, first * rng.uniform(1.2, 1.28), first * 1.24 * rng.uniform(1.12, 1.2))
    low, high = (0.03, 0.07) if "criterion_growth" in knobs else (0.12, 0.22)
    first = rng.uniform(45, 380)
    second = first * (1 + rng.uniform(low, high))
    return triple(first, second, second * (1 + rng.uniform(low, high)))


def _leading(rng: random.Random, knobs: frozenset[str], total: Triple) -> tuple[Triple, Triple, float]:
    """Given totals, return (主导占比, 主导产值增速, 年均增速 on a 2021 base)."""
    base = rng.uniform(74, 88)
    shares = triple(base, base + rng.uniform(-0.5, 1.5), base + rng.uniform(0, 3))
    if "criterion_leading_share" in knobs:
        shares = (r2(rng.uniform(60, 68)), shares[1], shares[2])
    levels = [t * s / 100 for t, s in zip(total, shares, strict=True)]
    g0 = rng.uniform(0.03, 0.07) if "criterion_growth" in knobs else rng.uniform(0.12, 0.2)
    levels.insert(0, levels[0] / (1 + g0))
    growth = triple(*((levels[i + 1] / levels[i] - 1) * 100 for i in range(3)))
    cagr = r2(((levels[3] / levels[0]) ** (1 / 3) - 1) * 100)
    return shares, growth, cagr


def _sme_share(rng: random.Random, knobs: frozenset[str]) -> Triple:
    """Given the knobs, return 中小企业产值占比 per year."""
    shares = [rng.uniform(72, 93) for _ in range(3)]
    if "criterion_sme_share" in knobs:
        shares[1] = rng.uniform(55, 65)
    return triple(*shares)


def make_industry(rng: random.Random, knobs: frozenset[str]) -> IndustryFacts:
    """Given the knobs, return the 二、主导产业情况 numbers."""
    total = _totals(rng, knobs)
    leading_share, leading_growth, cagr = _leading(rng, knobs, total)
    enterprises = grow_counts(rng, rng.randint(180, 1200), 8, 60)
    county = rng.uniform(20, 55)
    cap = enterprises[0] // 3
    _, fdi, fdi_growth = growth_series(rng, rng.uniform(3000, 60000), -0.15, 0.25)
    _, export, export_growth = growth_series(rng, rng.uniform(30000, 800000), -0.1, 0.3)
    return IndustryFacts(
        total=total,
        county_share=triple(county, county + rng.uniform(-3, 3), county + rng.uniform(-2, 4)),
        sme_share=_sme_share(rng, knobs),
        leading_share=leading_share,
        leading_growth=leading_growth,
        cagr=cagr,
        enterprises=enterprises,
        smes=scale_counts(rng, enterprises, 0.9, 0.97),
        specialized=grow_counts(rng, rng.randint(10, 40), 2, 8),
        giants=grow_counts(rng, rng.randint(1, 5), 0, 2),
        champions=grow_counts(rng, rng.randint(1, 2), 0, 1),
        hightech=grow_counts(rng, rng.randint(30, min(150, cap)), 3, 20),
        innovative=grow_counts(rng, rng.randint(30, min(200, cap)), 5, 30),
        listed=grow_counts(rng, rng.randint(1, 4), 0, 1),
        prelisting=grow_counts(rng, rng.randint(1, 3), 0, 1),
        fdi=fdi,
        fdi_growth=fdi_growth,
        export=export,
        export_growth=export_growth,
    )


def _rd(rng: random.Random, knobs: frozenset[str], ind: IndustryFacts) -> tuple[Triple, Triple, Triple]:
    """Given the industry numbers, return (研发经费 亿元, 研发投入强度 %, 研发经费增速 %)."""
    low, high = (1.01, 1.05) if "criterion_rd_growth" in knobs else (1.15, 1.25)
    sme_output = [t * s / 100 for t, s in zip(ind.total, ind.sme_share, strict=True)]
    first = sme_output[0] * rng.uniform(0.022, 0.04)
    second = first * rng.uniform(low, high)
    rd = triple(first, second, second * rng.uniform(low, high))
    intensity = triple(*(r / o * 100 for r, o in zip(rd, sme_output, strict=True)))
    base = [r2(rd[0] / rng.uniform(1.1, 1.25)), *rd]
    growth = triple(*((base[i + 1] / base[i] - 1) * 100 for i in range(3)))
    return rd, intensity, growth


def make_innovation(rng: random.Random, knobs: frozenset[str], ind: IndustryFacts) -> InnovationFacts:
    """Given the industry numbers, return the 三、创新能力情况 numbers."""
    rd, intensity, growth = _rd(rng, knobs, ind)
    employees = grow_counts(rng, ind.smes[0] * rng.randint(40, 110), 300, 2500)
    standards = tuple(
        (key, grow_counts(rng, rng.randint(1, hi), 0, 1))
        for key, hi in (
            ("international_led", 1),
            ("international_participated", 2),
            ("national_led", 3),
            ("national_participated", 5),
            ("industry_led", 5),
            ("industry_participated", 8),
            ("group_led", 8),
            ("group_participated", 12),
        )
    )
    patents = rng.randint(300, 3500)
    return InnovationFacts(
        rd=rd,
        rd_intensity=intensity,
        rd_growth=growth,
        employees=employees,
        rd_staff=scale_counts(rng, employees, 0.08, 0.16),
        standards=standards,
        platforms=(rng.randint(0, 2), rng.randint(1, 4), rng.randint(0, 3)),
        pct=rng.randint(2, 60),
        patents=patents,
        patent_cagr=r2(rng.uniform(15, 32)),
        patents_per_10k=r2(patents / employees[2] * 10000),
    )


def make_digital(rng: random.Random, knobs: frozenset[str], ind: IndustryFacts) -> DigitalFacts:
    """Given the industry numbers, return the 四、数字化升级情况 numbers."""
    cloud = scale_counts(rng, ind.smes, 0.45, 0.8)
    low, high = (0.05, 0.09) if "criterion_iip_rate" in knobs else (0.2, 0.45)
    iip = scale_counts(rng, ind.smes, low, high)
    _, software, _ = growth_series(rng, rng.uniform(300, 6000), 0.05, 0.3)
    return DigitalFacts(
        cloud=cloud,
        cloud_rate=triple(*(c / s * 100 for c, s in zip(cloud, ind.smes, strict=True))),
        iip=iip,
        iip_rate=triple(*(c / s * 100 for c, s in zip(iip, ind.smes, strict=True))),
        rd_tool_rate=triple(*sorted(rng.uniform(35, 80) for _ in range(3))),
        software=software,
    )


def _falling(rng: random.Random, low: float, high: float) -> Triple:
    """Given a 2022 band, return an intensity falling 3–10% a year (strictly, after rounding)."""
    first = rng.uniform(low, high)
    values = triple(first, first * rng.uniform(0.9, 0.97), first * rng.uniform(0.81, 0.9))
    return values if values[2] < values[0] else _falling(rng, low, high)


def make_green(rng: random.Random) -> GreenFacts:
    """Return the 五、绿色化转型情况 numbers."""
    co2, energy = _falling(rng, 0.4, 1.6), _falling(rng, 0.15, 0.45)
    return GreenFacts(
        co2=co2,
        energy=energy,
        co2_reduction=r2((co2[0] - co2[2]) / co2[0] * 100),
        energy_reduction=r2((energy[0] - energy[2]) / energy[0] * 100),
        solid_waste=r2(rng.uniform(75, 98)),
        water_reuse=r2(rng.uniform(80, 97)),
    )


def _acceptable(facts: Facts, knobs: frozenset[str]) -> bool:
    """Given facts, return whether every criterion not planted on purpose is met with a margin."""
    ind, inn = facts.industry_facts, facts.innovation
    checks: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("criterion_growth", lambda: ind.cagr > 10.5),
        ("criterion_rd_growth", lambda: ((inn.rd[2] / inn.rd[0]) ** 0.5 - 1) * 100 > 10.5),
        ("criterion_leading_share", lambda: min(ind.leading_share) > 70.5),
        ("criterion_iip_rate", lambda: facts.digital.iip_rate[2] >= 10.5),
    )
    return all(name in knobs or check() for name, check in checks) and min(inn.rd) > 0.05


def make_facts(rng: random.Random, knobs: frozenset[str] = frozenset()) -> Facts:
    """Given a seeded rng and the criteria to fail on purpose, return a cluster's numbers.

    Criterion failures are only planted outside western provinces (where they would be relaxed)."""
    places = [p for p in PLACES if not (knobs and p.western)]
    for _ in range(200):
        ind = make_industry(rng, knobs)
        area = r2(rng.uniform(120, 180) if "criterion_area" in knobs else rng.uniform(6, 90))
        facts = Facts(
            place=rng.choice(places),
            industry=rng.choice(INDUSTRIES),
            area=area,
            industry_facts=ind,
            innovation=make_innovation(rng, knobs, ind),
            digital=make_digital(rng, knobs, ind),
            green=make_green(rng),
        )
        if _acceptable(facts, knobs):
            return facts
    raise RuntimeError("could not generate acceptable facts")
