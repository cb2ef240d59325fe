"""Generate one filing: facts → draft (document content + truth) → Filling and truth record."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sample_docs.builder.filling import Filling
from sample_docs.generator.draft import Draft, Json
from sample_docs.generator.facts import CRITERIA_KNOBS, make_facts
from sample_docs.generator.fill_basic import fill_basic, fill_cover, shared_names
from sample_docs.generator.fill_numbers import fill_all_numbers
from sample_docs.generator.fill_plan import fill_declaration, fill_plan
from sample_docs.generator.fill_text import fill_multi_choices, fill_named_counts, fill_narratives
from sample_docs.generator.layout import encodings_for, layout_for
from sample_docs.generator.messy import adjust_facts, adjust_names, apply_plants, choose_plants
from sample_docs.generator.truth import truth_record, unfilled_ids
from schema.catalog import FormId


@dataclass(frozen=True)
class GeneratedFiling:
    """One generated filing: what to write into the form, and the record the extractor must produce."""

    name: str
    form: FormId
    filling: Filling
    truth: dict[str, Json]


def generate_filing(form: FormId, seed: int, index: int, clean: bool, attempt: int = 0) -> GeneratedFiling:
    """Given a form, batch seed, index, cleanliness (and a retry number, when a batch already has a filing
    of the same cluster), return the filing and its truth (deterministic)."""
    rng = random.Random(f"{seed}:{index}:{form}" + (f":{attempt}" if attempt else ""))
    plants = () if clean else choose_plants(form, index)
    knobs = frozenset(p for p in plants if p in CRITERIA_KNOBS)
    facts = adjust_facts(make_facts(rng, knobs), plants, rng)
    draft = Draft(form=form, rng=rng, encodings=encodings_for(index), layout=layout_for(rng, index))
    draft.render.update({"tick_encodings": list(draft.encodings), "layout": _layout_json(draft)})
    names = shared_names(draft, facts)
    adjust_names(names, facts, plants, rng)
    fill_cover(draft, facts, names)
    fill_basic(draft, facts, names)
    fill_all_numbers(draft, facts)
    fill_narratives(draft, facts)
    fill_multi_choices(draft)
    fill_named_counts(draft, facts)
    fill_plan(draft, facts, names["cluster"])
    fill_declaration(draft, facts)
    apply_plants(draft, plants)
    draft.render["plants"] = list(plants)
    missing = unfilled_ids(draft)
    if missing:
        raise RuntimeError(f"no truth for {missing}")
    name = f"{index:02d}_{form}_{'clean' if clean else 'messy'}"
    return GeneratedFiling(name, form, draft.filling(), truth_record(draft, f"{name}.docx", clean))


def cluster_of(filing: GeneratedFiling) -> tuple[str, object]:
    """Given a generated filing, return what makes it a filing of its own: form and cluster name."""
    fields = filing.truth.get("fields")
    entry = fields.get("cover.cluster_name") if isinstance(fields, dict) else None
    return filing.form, entry.get("value") if isinstance(entry, dict) else None


def generate_batch(plan: list[tuple[int, FormId, bool]], seed: int) -> list[GeneratedFiling]:
    """Given a batch plan (index, form, clean) and its seed, return its filings, each of another cluster:
    a filing drawing a cluster the batch already has is drawn again (a batch of distinct filings)."""
    filings: list[GeneratedFiling] = []
    seen: set[tuple[str, object]] = set()
    for index, form, clean in plan:
        attempt = 0
        filing = generate_filing(form, seed, index, clean)
        while cluster_of(filing) in seen:
            attempt += 1
            filing = generate_filing(form, seed, index, clean, attempt)
        seen.add(cluster_of(filing))
        filings.append(filing)
    return filings


def _layout_json(draft: Draft) -> dict[str, Json]:
    """Given a draft, return its layout quirks as JSON for the truth's render key."""
    layout = draft.layout
    spaced: list[Json] = list(sorted(layout.spaced_labels))
    return {
        "split_section": layout.split_section,
        "extra_row_section": layout.extra_row_section,
        "blank_row_section": layout.blank_row_section,
        "spaced_labels": spaced,
        "halfwidth_parens": layout.halfwidth_parens,
    }
