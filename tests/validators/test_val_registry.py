"""The rule catalogue and the code cannot drift: every rule id is implemented somewhere, and only those."""

from __future__ import annotations

import string

from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue
from validators.registry import EXTRACTION_RULES, RECORD_RULES, RULES
from validators.submissions import BATCH_RULES


def test_every_catalogue_rule_is_implemented() -> None:
    catalogue = {rule.id for rule in load_rule_catalogue().rules}
    assert catalogue - set(RULES) == set()


def test_no_rule_outside_the_catalogue() -> None:
    catalogue = {rule.id for rule in load_rule_catalogue().rules}
    assert set(RULES) - catalogue == set()


def test_validators_do_not_take_over_extraction_or_batch_rules() -> None:
    assert {"date_invalid"} == (
        RECORD_RULES & EXTRACTION_RULES
    )  # unparseable: extraction; future: validators
    assert set() == RECORD_RULES & BATCH_RULES


def test_rule_fields_named_in_the_catalogue_exist() -> None:
    ids = {spec.id for spec in load_field_catalogue().fields}
    for rule in load_rule_catalogue().rules:
        assert set(rule.fields) <= ids, rule.id


def test_messages_use_only_simple_placeholders() -> None:
    for rule in load_rule_catalogue().rules:
        names = [name for _, name, _, _ in string.Formatter().parse(rule.message) if name]
        assert all(name.isidentifier() for name in names), rule.id
