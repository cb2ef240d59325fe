"""CLI: python -m sample_docs.generator --out DIR --count N --seed S [--form application|review]."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from sample_docs.generator.filing import generate_batch
from sample_docs.generator.output import write_filing
from schema.catalog import FORM_IDS, FormId

logger = logging.getLogger(__name__)


def batch_plan(count: int, form: FormId | None) -> list[tuple[int, FormId, bool]]:
    """Given a count and an optional form, return (index, form, clean) per filing: forms alternate,
    and filings go clean, clean, messy, messy, … so each form gets both."""
    return [(i, form or FORM_IDS[i % 2], (i // 2) % 2 == 0) for i in range(count)]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Given command-line arguments, return the parsed options."""
    parser = argparse.ArgumentParser(prog="python -m sample_docs.generator", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--count", type=int, default=12, help="number of filings")
    parser.add_argument("--seed", type=int, default=20250410, help="batch seed")
    parser.add_argument("--form", choices=FORM_IDS, default=None, help="only this form (default: alternate)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Given command-line arguments, generate the filings and return the exit code."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for filing in generate_batch(batch_plan(args.count, args.form), args.seed):
        path = write_filing(filing, args.out)
        logger.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
