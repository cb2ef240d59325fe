"""Benchmark: evidence images per finding — typed PDF and scan pages, cold and cached (target ≤ 200 ms cold).

Usage: .venv/bin/python bench/bench_crops.py [--values N] [--extract]
A finding's page shows two images: the page with the value highlighted and the zoomed crop. Printed,
as median and 90th percentile milliseconds over N located values of each kind of original:

- typed PDF (sample_docs/pdf/00_application_clean.pdf, values located by `extract_record`):
  crop cold, page cold, both from the cache;
- scan (sample_docs/scans/01_review_clean.pdf, image-only PDF, and 00_application_clean.tif): the first
  view of a page (its transform recovered — this page and, for a page with a table, the pages up to
  the first table border — then page and crop), a cold finding on a page whose geometry the cache
  holds (page decoded, page + crop drawn), the next finding on a page still decoded in the cache's
  memory, and both images from the cache.

Scan values come from tests/review/evidence/data/*.json (recorded from the OCR backend); `--extract`
reads the scans with the OCR backend instead (minutes). Runs on one core, as a web worker would.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from cluster_intake.pipeline import extract_record
from review.evidence import EvidenceCache, render_crop, render_page
from schema.record import Provenance, Record

ROOT = Path(__file__).resolve().parents[1]
TYPED = ROOT / "sample_docs" / "pdf" / "00_application_clean.pdf"
SCANS = (
    ROOT / "sample_docs" / "scans" / "01_review_clean.pdf",
    ROOT / "sample_docs" / "scans" / "00_application_clean.tif",
)
FIXTURES = ROOT / "tests" / "review" / "evidence" / "data"
Located = tuple[int, tuple[float, float, float, float]]


def record_locations(record: Record) -> Iterator[Located]:
    """Given a record, yield (page, bbox) of every located value."""
    for entry in record.fields.values():
        provenances = entry.provenance.values() if isinstance(entry.provenance, dict) else [entry.provenance]
        for provenance in provenances:
            if isinstance(provenance, Provenance) and provenance.page and provenance.bbox:
                yield provenance.page, provenance.bbox


def scan_locations(scan: Path, extract: bool) -> list[Located]:
    """Given a scan, return its located values (recorded, or read by the OCR backend with --extract)."""
    if extract:
        return list(record_locations(extract_record(scan)))
    data = json.loads((FIXTURES / f"{scan.name}.json").read_text("utf-8"))
    return [(v["page"], tuple(v["bbox"])) for v in data["values"].values()]


def spread(values: list[Located], count: int) -> list[Located]:
    """Given located values, return `count` of them spread evenly (every page represented)."""
    step = max(1, len(values) // count)
    return values[::step][:count]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def line(label: str, millis: list[float]) -> None:
    p90 = sorted(millis)[max(0, round(0.9 * len(millis)) - 1)]
    print(f"{label:<52} median {statistics.median(millis):7.1f} ms   p90 {p90:7.1f} ms   (n={len(millis)})")


def _typed_finding(cache: EvidenceCache, value: Located) -> None:
    """A typed PDF finding as the station shows it: its page, then its crop."""
    cache.page_png(TYPED, "pdf", value[0], [value[1]])
    cache.crop_png(TYPED, "pdf", value[0], value[1])


def bench_typed(values: list[Located]) -> None:
    cache = EvidenceCache(Path(tempfile.mkdtemp(prefix="bench-evidence-")))
    line("typed PDF: crop, cold", [timed(partial(render_crop, TYPED, "pdf", v[0], v[1])) for v in values])
    line("typed PDF: page, cold", [timed(partial(render_page, TYPED, "pdf", v[0], [v[1]])) for v in values])
    finding = [timed(partial(_typed_finding, cache, v)) for v in values]
    line("typed PDF: finding (page + crop), cold, via cache", finding)
    again = [timed(partial(_typed_finding, cache, v)) for v in values]
    line("typed PDF: finding (page + crop), cached", again)


def bench_scan(scan: Path, values: list[Located]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-evidence-"))
    cache = EvidenceCache(folder)
    first_pages: dict[int, Located] = {}
    for value in values:
        first_pages.setdefault(value[0], value)

    def finding(v: Located, within: EvidenceCache) -> object:
        return within.page_png(scan, "ocr", v[0], [v[1]]), within.crop_png(scan, "ocr", v[0], v[1])

    fresh = [EvidenceCache(folder) for _ in values]  # empty page memory; geometries and PNGs on disk shared
    first = [timed(partial(finding, v, c)) for v, c in zip(first_pages.values(), fresh, strict=False)]
    line(f"{scan.name}: first view of a page (transform recovered)", first)
    others = [v for v in values if first_pages[v[0]] is not v]
    fresh = [EvidenceCache(folder) for _ in others]
    cold = [timed(partial(finding, v, c)) for v, c in zip(others, fresh, strict=True)]
    line(f"{scan.name}: finding (page + crop), cold", cold)
    moved = [(v[0], (v[1][0] + 1, *v[1][1:])) for v in others]
    line(
        f"{scan.name}: next finding, page decoded in memory",
        [timed(partial(finding, v, cache)) for v in moved],
    )
    line(f"{scan.name}: finding (page + crop), cached", [timed(partial(finding, v, cache)) for v in values])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=30)
    parser.add_argument("--extract", action="store_true", help="read the scans with the OCR backend")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    render_crop(TYPED, "pdf", 1, (71.0, 212.0, 362.0, 226.0))  # imports and PDFium warmed up
    bench_typed(spread(sorted(record_locations(extract_record(TYPED))), args.values))
    for scan in SCANS:
        bench_scan(scan, spread(sorted(scan_locations(scan, args.extract)), args.values))


if __name__ == "__main__":
    main()
