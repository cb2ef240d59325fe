"""Benchmark: real-world variant sets (`python -m sample_docs.variants`) read and scored.

Usage: .venv/bin/python bench/bench_variants.py DIR [--json OUT]
Prints, per kind of variant (the container: .docx family, converted by LibreOffice, typed PDF), how many
files became a record, field accuracy, checkbox-group accuracy, and how many wrong values were not
flagged (no exception on the field, not reported unreadable/invalid). Typed PDFs made from a filing
with 带圈字符 EQ ticks are scored apart (`PDF_LOST_WHEN_MADE`): LibreOffice does not draw them, so the
PDF holds no tick to read, which is reported, never guessed. Converted files likewise: the generator
makes them with LibreOffice, which writes no 带圈字符 EQ tick into any of them and no checkbox state into
an RTF (`LOST_WHEN_MADE`): those files hold no tick to read (Word shows none either), and are scored apart, as
are RTF files made from a VML-only text box (`LOST_WHEN_MADE_CHANGES`): LibreOffice's RTF export writes
such a box as an empty `SHAPE` field, its text (a cover, a table) is not in the file.
`--json` writes every mismatch.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import Mismatch, score_record
from extractors.errors import IntakeError
from sample_docs.variants.__main__ import DOCX_CONTAINERS
from schema.catalog import FieldCatalogue, load_field_catalogue

PDF_LOST_WHEN_MADE = frozenset({"eq_field"})
"""LibreOffice draws no 带圈字符 EQ tick into a PDF (nor into any file it writes)."""
REPORTED = ("unreadable", "invalid")
CONVERTED_CONTAINERS = frozenset(
    {"rtf_as_doc", "html_as_doc", "mht_as_doc", "odt_as_doc", "doc", "doc_as_docx"}
)
LOST_WHEN_MADE: dict[str, frozenset[str]] = {
    container: frozenset({"eq_field", "formcheckbox"} if container == "rtf_as_doc" else {"eq_field"})
    for container in CONVERTED_CONTAINERS
}

LOST_WHEN_MADE_CHANGES: dict[str, frozenset[str]] = {
    "rtf_as_doc": frozenset({"cover_in_text_box:vml", "table_in_text_box:vml"}),
}


@dataclass
class Tally:
    """Scores of one group of variant files."""

    files: int = 0
    records: int = 0
    compared: int = 0
    wrong: int = 0
    groups: int = 0
    groups_wrong: int = 0
    silent: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self, name: str) -> str:
        fields = 1 - self.wrong / max(self.compared, 1)
        groups = 1 - self.groups_wrong / max(self.groups, 1)
        return (
            f"{name:<22} files {self.files:3d}  records {self.records:3d}  fields {fields:.4f} "
            f"({self.compared - self.wrong}/{self.compared})  checkbox groups {groups:.4f} "
            f"({self.groups - self.groups_wrong}/{self.groups})  wrong without a flag {len(self.silent)}"
            f"  s/file {self.seconds / max(self.files, 1):.2f}"
        )


def _silent(record: dict[str, Any], mismatches: tuple[Mismatch, ...]) -> list[Mismatch]:
    exceptions = record.get("exceptions")
    flagged = (
        {e.get("field") for e in exceptions if isinstance(e, dict)} if isinstance(exceptions, list) else set()
    )
    return [
        m
        for m in mismatches
        if m.field not in flagged and not (isinstance(m.got, dict) and m.got.get("status") in REPORTED)
    ]


def kind_of(truth: dict[str, Any]) -> str:
    """Given a variant's truth, return its group: docx family, converted or typed PDF, each split by what
    LibreOffice lost making it."""
    variant = truth.get("variant")
    container = str(variant.get("container")) if isinstance(variant, dict) else "docx"
    if container.startswith("pdf"):
        return "pdf (lost making it)" if _encodings(truth) & PDF_LOST_WHEN_MADE else "pdf"
    if container in DOCX_CONTAINERS:
        return "docx family"
    changes = variant.get("changes") if isinstance(variant, dict) else None
    lost_content = set(changes if isinstance(changes, list) else []) & LOST_WHEN_MADE_CHANGES.get(
        container, frozenset()
    )
    if lost_content or _encodings(truth) & LOST_WHEN_MADE.get(container, frozenset()):
        return "converted (lost making it)"
    return "converted (ticks kept)"


def _encodings(truth: dict[str, Any]) -> set[str]:
    render = truth.get("render")
    return set(render.get("tick_encodings", [])) if isinstance(render, dict) else set()


def score_file(path: Path, truth: dict[str, Any], catalogue: FieldCatalogue, tally: Tally) -> list[str]:
    """Read one variant file into the tally; return its mismatch lines."""
    tally.files += 1
    start = time.perf_counter()
    try:
        record = extract_record(path).to_jsonable()
    except IntakeError as error:
        tally.refused.append(f"{path.name}: {error.one_line}")
        return [f"{path.name} REFUSED {error.one_line}"]
    finally:
        tally.seconds += time.perf_counter() - start
    tally.records += 1
    score = score_record(record, truth, catalogue)
    tally.compared += score.compared
    tally.wrong += len(score.mismatches)
    tally.groups += score.choice_groups
    tally.groups_wrong += score.choice_wrong
    silent = _silent(record, score.mismatches)
    tally.silent.extend(f"{path.name} {m}" for m in silent)
    return [f"{path.name} {'SILENT' if m in silent else 'flagged'} {m}" for m in score.mismatches]


def merged(tallies: list[Tally]) -> Tally:
    """Given group tallies, return their sum."""
    total = Tally()
    for tally in tallies:
        for name in ("files", "records", "compared", "wrong", "groups", "groups_wrong", "seconds"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
        total.silent += tally.silent
        total.refused += tally.refused
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    catalogue = load_field_catalogue()
    tallies: dict[str, Tally] = defaultdict(Tally)
    lines: list[str] = []
    for truth_file in sorted(args.directory.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        path = args.directory / str(truth["source"])
        lines.extend(score_file(path, truth, catalogue, tallies[kind_of(truth)]))
    for name in sorted(tallies):
        print(tallies[name].line(name))
    converted = [tally for name, tally in tallies.items() if name.startswith("converted")]
    if converted:
        print(merged(converted).line("converted (all)"))
    print(merged(list(tallies.values())).line("ALL"))
    for name, tally in sorted(tallies.items()):
        for item in tally.refused + tally.silent:
            print(f"  [{name}] {item}"[:300])
    if args.json:
        args.json.write_text(json.dumps(lines, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
