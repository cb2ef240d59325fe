"""Imported by the reading fork server (`cluster_intake.contained.PRELOAD`): what every reading loads on its
first use — the field and rule catalogues, ≈0.1 s of YAML — is loaded here once, so that each child forked
from the server starts with it instead of loading it again for every filing."""

from __future__ import annotations

from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue


def warm() -> None:
    """Load the catalogues every reading uses (each cached for the life of the process)."""
    load_field_catalogue().by_id()
    load_rule_catalogue()


warm()
