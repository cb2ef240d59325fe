"""Pure normalisers: cell text as written → typed value, status and findings (spec README "Normalisation")."""

from normalizers.dates import normalize_date
from normalizers.findings import Finding, Normalized
from normalizers.named_count import NamedCount, normalize_named_count, split_names
from normalizers.numbers import normalize_number, parse_plain_number, round_half_up
from normalizers.phones import normalize_phone, split_contact
from normalizers.region import Region, normalize_region
from normalizers.text import (
    EXPLICIT_NONE,
    char_count,
    compact,
    is_explicit_none,
    normalize_long_text,
    normalize_text,
    to_halfwidth,
)

__all__ = [
    "EXPLICIT_NONE",
    "Finding",
    "NamedCount",
    "Normalized",
    "Region",
    "char_count",
    "compact",
    "is_explicit_none",
    "normalize_date",
    "normalize_long_text",
    "normalize_named_count",
    "normalize_number",
    "normalize_phone",
    "normalize_region",
    "normalize_text",
    "parse_plain_number",
    "round_half_up",
    "split_contact",
    "split_names",
    "to_halfwidth",
]
