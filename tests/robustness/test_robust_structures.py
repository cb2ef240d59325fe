"""Filled forms structured the way Word, WPS and template makers write them read to the same record:
text boxes (DrawingML with a VML fallback, or VML only), content controls showing their prompt in
empty cells, soft line breaks inside one-line values and between a number and its unit."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import score_record
from sample_docs.variants import structures
from sample_docs.variants.package import MAIN, Package
from schema.catalog import load_field_catalogue

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_docs" / "docx").glob("*.docx"))
Variant = Callable[[etree._Element, dict[str, object], random.Random], None]


def _soft_breaks(root: etree._Element, truth: dict[str, object], rng: random.Random) -> None:
    texts = structures.one_line_values(truth) + structures.number_unit_texts(root)
    assert structures.soft_breaks(root, texts, rng) >= 5


VARIANTS: dict[str, Variant] = {
    "cover_in_text_box": lambda root, truth, rng: structures.cover_in_text_box(root),
    "cover_in_vml_text_box": lambda root, truth, rng: structures.cover_in_text_box(root, vml=True),
    "table_in_text_box": lambda root, truth, rng: structures.table_in_text_box(root, rng),
    "table_in_vml_text_box": lambda root, truth, rng: structures.table_in_text_box(root, rng, vml=True),
    "placeholders": lambda root, truth, rng: structures.placeholders(root, rng),
    "soft_breaks": _soft_breaks,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_structured_sample_equals_truth(sample: Path, variant: str, tmp_path: Path) -> None:
    truth = json.loads(sample.with_name(sample.stem + ".truth.json").read_text(encoding="utf-8"))
    package = Package.read(sample)
    root = package.xml(MAIN)
    VARIANTS[variant](root, truth, random.Random(sample.name))
    package.put_xml(MAIN, root)
    target = tmp_path / sample.name
    target.write_bytes(package.to_bytes())
    score = score_record(extract_record(target).to_jsonable(), truth, load_field_catalogue())
    assert not score.mismatches, "\n".join(map(str, score.mismatches))
