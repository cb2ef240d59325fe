"""The project's spec copies: identical to the shared spec, loadable, and consistent with each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue

ROOT = Path(__file__).resolve().parents[2]
SHARED_SPEC = ROOT.parent / "shared" / "spec"


@pytest.mark.parametrize("name", ["fields.yaml", "rules.yaml"])
def test_project_copy_equals_shared_spec(name: str) -> None:
    shared = SHARED_SPEC / name
    if not shared.exists():
        pytest.skip(f"no shared spec beside this checkout ({shared})")
    assert (ROOT / "schema" / name).read_bytes() == shared.read_bytes()


def test_field_counts_per_form() -> None:
    catalogue = load_field_catalogue()
    assert len(catalogue.fields_for("application")) == 124
    assert len(catalogue.fields_for("review")) == 97


def test_rule_fields_exist_in_the_catalogue() -> None:
    ids = {f.id for f in load_field_catalogue().fields}
    for rule in load_rule_catalogue().rules:
        assert set(rule.fields) <= ids, rule.id


def test_catalogue_is_loaded_once() -> None:
    assert load_field_catalogue() is load_field_catalogue()
    assert load_rule_catalogue() is load_rule_catalogue()
