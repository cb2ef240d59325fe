"""Benchmark: scans read against their electronic copies (issue 19), on pairs made by
`python -m sample_docs.scans.pairs --out DIR --count N --seed S`.

Usage: .venv/bin/python bench/bench_paper.py DIR [--records CACHE] [--json OUT]

For each `DIR/*.pair.json`: the electronic copy and the paper copy are read as the batch reads them
(`extract_record`; the scan's reading is the unguided reading, timed), grouped into one submission
(`validators.submissions`), and the scan is read against the electronic copy the way the batch does it
(`validators.batch.batch_verifications` + `verified_scans`, timed). Reported per pair and in total:
- equal pairs: `paper_electronic_mismatch` findings (target 0) and reading flags besides the seals
  (low_confidence, seal_over_value, layout_changed on any field but the seal fields) per filing, before
  and after the verification (target ≤ 1 after);
- changed pairs: the share of planted differences found as a mismatch at the planted field and year
  (target ≥ 95 %), by kind, and mismatches at other cells;
- seconds per scan: the unguided reading, and the verification added to it.
`--records CACHE` keeps every copy's record (and its reading time) in CACHE and reuses it, so a set is
read once and scored again without the OCR.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cluster_intake.pipeline import extract_record
from extractors.errors import IntakeError
from schema.catalog import load_field_catalogue
from schema.record import Record
from validators.batch import batch_findings, batch_verifications, verified_scans
from validators.submissions import group_submissions
from validators.verification import READING_DOUBTS


@dataclass(slots=True)
class PairResult:
    """One pair: what the verification found and what it cost."""

    pair: str
    changed: bool
    grouped: bool
    read_seconds: float
    verify_seconds: float
    flags_before: int
    flags_after: int
    mismatches: list[str]
    planted: list[str]
    found: list[str]
    missed: list[str]
    extra: list[str]
    kinds: dict[str, list[int]] = field(default_factory=dict)


def read(path: Path, cache: Path | None) -> tuple[Record, float]:
    """Given a copy, return its record and reading seconds (from the cache when it holds them)."""
    stored = cache / f"{path.name}.record.json" if cache else None
    if stored is not None and stored.is_file():
        data = json.loads(stored.read_text(encoding="utf-8"))
        seconds = float(data.pop("_seconds"))
        return Record.model_validate(data), seconds
    start = time.perf_counter()
    record = extract_record(path)
    seconds = time.perf_counter() - start
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        data = {**record.to_jsonable(), "_seconds": seconds}
        stored.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return record, seconds


def reading_flags(record: Record) -> list[str]:
    """Given a record, return its reading flags on every field but the seal fields, as `field@year`."""
    specs = load_field_catalogue().by_id()
    return [
        f"{item.field}@{item.year}"
        for item in record.exceptions
        if item.rule in READING_DOUBTS and item.field and not specs[item.field].scan_only
    ]


def score_pair(pair_path: Path, cache: Path | None) -> PairResult:
    """Given a pair file, read both copies, verify the scan and return the result."""
    pair = json.loads(pair_path.read_text(encoding="utf-8"))
    folder = pair_path.parent
    electronic, _ = read(folder / pair["electronic"], cache)
    scan, read_seconds = read(folder / pair["paper"], cache)
    submissions = group_submissions([(pair["electronic"], electronic), (pair["paper"], scan)])
    start = time.perf_counter()
    verifications = batch_verifications(submissions)
    verified = verified_scans(submissions, verifications).get(pair["paper"], scan)
    verify_seconds = time.perf_counter() - start
    found = batch_findings(submissions, verifications)
    mismatches = {
        f"{item.field}@{item.year}"
        for item in found.get(pair["paper"], [])
        if item.rule == "paper_electronic_mismatch"
    }
    planted = {f"{p['field']}@{p['year']}": p["kind"] for p in pair["planted"]}
    kinds: dict[str, list[int]] = {}
    for cell, kind in planted.items():
        counts = kinds.setdefault(kind, [0, 0])
        counts[0] += cell in mismatches
        counts[1] += 1
    return PairResult(
        pair=pair_path.name.removesuffix(".pair.json"),
        changed=bool(pair["changed"]),
        grouped=len(submissions) == 1,
        read_seconds=round(read_seconds, 2),
        verify_seconds=round(verify_seconds, 4),
        flags_before=len(reading_flags(scan)),
        flags_after=len(reading_flags(verified)),
        mismatches=sorted(mismatches),
        planted=sorted(planted),
        found=sorted(set(planted) & mismatches),
        missed=sorted(set(planted) - mismatches),
        extra=sorted(mismatches - set(planted)),
        kinds=kinds,
    )


def summary(results: Sequence[PairResult]) -> dict[str, object]:
    """Given every pair's result, return the totals the issue's targets are stated in."""
    equal = [r for r in results if not r.changed]
    changed = [r for r in results if r.changed]
    kinds: Counter[str] = Counter()
    kind_totals: Counter[str] = Counter()
    for r in changed:
        for kind, (hit, total) in r.kinds.items():
            kinds[kind] += hit
            kind_totals[kind] += total
    planted = sum(len(r.planted) for r in changed)
    return {
        "pairs": len(results),
        "not_grouped": [r.pair for r in results if not r.grouped],
        "equal_pairs": len(equal),
        "equal_mismatches": sum(len(r.mismatches) for r in equal),
        "equal_flags_before_per_filing": _mean([r.flags_before for r in equal]),
        "equal_flags_after_per_filing": _mean([r.flags_after for r in equal]),
        "equal_flags_after_max": max((r.flags_after for r in equal), default=0),
        "changed_pairs": len(changed),
        "planted": planted,
        "found": sum(len(r.found) for r in changed),
        "found_share": round(sum(len(r.found) for r in changed) / planted, 3) if planted else None,
        "found_by_kind": {k: f"{kinds[k]}/{kind_totals[k]}" for k in sorted(kind_totals)},
        "changed_extra_mismatches": sum(len(r.extra) for r in changed),
        "changed_flags_after_per_filing": _mean([r.flags_after for r in changed]),
        "read_seconds_per_scan": _median([r.read_seconds for r in results]),
        "verify_seconds_per_scan": _median([r.verify_seconds for r in results]),
    }


def _mean(values: Sequence[float]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def line(r: PairResult) -> str:
    """Given a pair's result, return its report line."""
    kind = "changed" if r.changed else "equal"
    return (
        f"{r.pair:<28} {kind:<7} read {r.read_seconds:7.1f}s verify {r.verify_seconds * 1000:6.1f}ms "
        f"flags {r.flags_before:>3} → {r.flags_after:<3} found {len(r.found)}/{len(r.planted)} "
        f"extra {r.extra or ''} missed {r.missed or ''}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder made by python -m sample_docs.scans.pairs")
    parser.add_argument("--records", type=Path, default=None, help="keep/reuse the copies' records here")
    parser.add_argument("--json", type=Path, default=None, help="write every result and the totals here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Given command-line arguments, score every pair of the folder and print the results."""
    args = parse_args(argv)
    results = []
    unreadable: list[str] = []
    for pair_path in sorted(args.folder.glob("*.pair.json")):
        try:
            results.append(score_pair(pair_path, args.records))
        except IntakeError as error:  # the batch would quarantine the copy: counted, not scored
            unreadable.append(pair_path.name.removesuffix(".pair.json"))
            print(f"{unreadable[-1]:<28} a copy not read: {error.reason_en}", flush=True)
            continue
        print(line(results[-1]), flush=True)
    totals = {**summary(results), "pairs_with_a_copy_not_read": unreadable}
    print(json.dumps(totals, ensure_ascii=False, indent=2))
    if args.json:
        report = {"pairs": [asdict(r) for r in results], "total": totals}
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
