"""What the operator is asked to check on a scan, against what is really wrong.

For every compared value (a field, or one year of it): whether the reading is wrong, whether it is
flagged (`low_confidence` / `seal_over_value` on the field or that year), and the confidence its
provenance carries. From these: flags per filing, the share of flags that point at a wrong value
(at least 1 in 3 is the target), the share of values wrong without a flag (at most 0.1 %), and the
reliability curve: per confidence band, how many values and how many of them right.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cluster_intake.scoring import Score, values_equal
from schema.catalog import FieldCatalogue
from schema.record import Provenance, Record

FLAG_RULES = frozenset({"low_confidence", "seal_over_value"})
BANDS = (0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1.0001)


@dataclass(frozen=True, slots=True)
class Checked:
    """One compared value of a scan: its confidence (None: none known), flagged, wrong, and the reason
    of its low_confidence flag (None: none, or flagged by seal_over_value alone)."""

    confidence: float | None
    flagged: bool
    wrong: bool
    reason: str | None = None


def _confidence(record: Record, field: str, year: str | None) -> float | None:
    entry = record.fields.get(field)
    provenance = entry.provenance if entry is not None else None
    if isinstance(provenance, dict):
        provenance = provenance.get(year) if year is not None else None
    return provenance.confidence if isinstance(provenance, Provenance) else None


def checked_values(record: Record, score: Score, catalogue: FieldCatalogue) -> list[Checked]:
    """Given a record and its score, return every compared value, flagged or not, wrong or not."""
    flags = {(e.field, e.year) for e in record.exceptions if e.rule in FLAG_RULES}
    reasons = {(e.field, e.year): e.reason for e in record.exceptions if e.rule == "low_confidence"}
    wrong = {(m.field, m.year) for m in score.mismatches}
    values: list[Checked] = []
    for field in record.fields:
        spec = catalogue.field(field)
        if spec.scan_only:
            continue
        for year in spec.year_keys or (None,):
            flagged = (field, year) in flags or (field, None) in flags
            reason = reasons.get((field, year), reasons.get((field, None)))
            values.append(Checked(_confidence(record, field, year), flagged, (field, year) in wrong, reason))
    return values


def flag_counts(values: Sequence[Checked]) -> tuple[int, int, int]:
    """Given checked values, return (flagged, flagged and wrong, wrong without a flag)."""
    flagged = sum(v.flagged for v in values)
    return flagged, sum(v.flagged and v.wrong for v in values), sum(v.wrong and not v.flagged for v in values)


def reliability(values: Iterable[Checked]) -> list[str]:
    """Given checked values, return the reliability curve's lines: per confidence band, the values,
    their mean confidence and the share right (values without a confidence on a line of their own)."""
    pooled = list(values)
    lines = [f"{'confidence':<12} {'values':>7} {'mean':>6} {'right':>7} {'flagged':>8}"]
    bands = [
        (low, high, [v for v in pooled if v.confidence is not None and low <= v.confidence < high])
        for low, high in itertools.pairwise(BANDS)
    ]
    for low, high, inside in bands:
        if inside:
            mean = sum(v.confidence or 0.0 for v in inside) / len(inside)
            lines.append(_band(f"{low:.2f}–{min(high, 1.0):.2f}", inside, f"{mean:6.3f}"))
    unknown = [v for v in pooled if v.confidence is None]
    if unknown:
        lines.append(_band("none", unknown, f"{'—':>6}"))
    return lines


def _band(name: str, inside: list[Checked], mean: str) -> str:
    right = 1 - sum(v.wrong for v in inside) / len(inside)
    flagged = sum(v.flagged for v in inside) / len(inside)
    return f"{name:<12} {len(inside):>7} {mean} {right:>7.4f} {flagged:>8.3f}"


def by_reason(values: Iterable[Checked]) -> list[str]:
    """Given checked values, return a line per low_confidence reason: values flagged for it, and how
    many of them are really wrong."""
    counts: dict[str, list[int]] = {}
    for value in values:
        if value.reason is not None:
            counts.setdefault(value.reason, [0, 0])
            counts[value.reason][0] += 1
            counts[value.reason][1] += value.wrong
    return [f"{reason:<22} {n:>6} flagged {w:>5} wrong" for reason, (n, w) in sorted(counts.items())]


def target_rows(record: Record, truth: dict[str, object], catalogue: FieldCatalogue) -> tuple[int, int]:
    """Given a record and its truth, return (rows of the truth's target tables, rows read right): a row
    is right when a row of the same indicator (id, else direction and indicator) carries the same
    baseline, target, actual and unit."""
    fields = truth.get("fields")
    rows = right = 0
    for spec in catalogue.fields:
        expected = fields.get(spec.id) if isinstance(fields, dict) and spec.type == "target_table" else None
        want = expected.get("value") if isinstance(expected, dict) else None
        if not isinstance(want, list):
            continue
        entry = record.fields.get(spec.id)
        got = entry.value if entry is not None and isinstance(entry.value, list) else []
        rows += len(want)
        right += sum(any(values_equal(spec, [g], [w]) for g in got) for w in want)
    return rows, right
