"""Per-filing rendering choices: tick encodings and layout quirks, spread so a set covers them all."""

from __future__ import annotations

import random

from sample_docs.builder.filling import TICK_ENCODINGS, LayoutFill, TickEncoding

SPACED_CANDIDATES = (
    "industry.total_output",
    "industry.sme_count",
    "basic.area",
    "innovation.rd_expenditure",
    "digital.cloud_adoption_rate",
    "green.energy_intensity_reduction_rate",
    "open.overseas_branch_count",
)


def encodings_for(index: int) -> tuple[TickEncoding, TickEncoding]:
    """Given a filing's index in a batch, return (choice encoding, multi_choice encoding), cycling all."""
    count = len(TICK_ENCODINGS)
    return TICK_ENCODINGS[(2 * index) % count], TICK_ENCODINGS[(2 * index + 1) % count]


def layout_for(rng: random.Random, index: int) -> LayoutFill:
    """Given a filing's index, return its layout quirks (each quirk appears every few filings)."""
    sections = ("industry", "innovation", "digital")
    return LayoutFill(
        split_section=sections[index % 3] if index % 3 != 2 else None,
        extra_row_section=("industry", "green", "open", "governance")[(index // 2) % 4]
        if index % 2 == 0
        else None,
        blank_row_section=("basic", "digital", "industry")[(index // 3) % 3] if index % 3 == 1 else None,
        spaced_labels=frozenset(rng.sample(SPACED_CANDIDATES, 2)) if index % 2 == 1 else frozenset(),
        halfwidth_parens=index % 5 == 3,
    )
