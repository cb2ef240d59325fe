"""Validators: every record-level rule of rules.yaml, criteria profiles, and batch rules."""

from validators.engine import validate

__all__ = ["validate"]
