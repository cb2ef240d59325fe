"""Deliberate problems (plants), each listed in the truth's "planted" with its rules.yaml rule id."""

from __future__ import annotations

import random

from schema.catalog import FormId
from sample_docs.generator.draft import Draft
from sample_docs.generator.facts import Facts


def choose_plants(rng: random.Random, form: FormId, index: int) -> tuple[str, ...]:
    """Given a form and a filing index, return the plant names for a messy filing."""
    return ()


def apply_plants(draft: Draft, facts: Facts, plants: tuple[str, ...], goals: dict[str, tuple[float, float]]) -> None:
    """Given a filled draft, apply each plant and list it."""
