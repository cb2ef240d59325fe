"""Record generated pairs (`sample_docs.scans.pairs`) as fixtures: both copies' records and the pair file.

Usage (from the repository root; needs LibreOffice; ~3 minutes per pair):

    .venv/bin/python tests/validators/record_paper_pairs.py SEED INDEX [INDEX …]

Writes `tests/validators/data/paper_pairs/s<SEED>_<name>.{pair.json, electronic.json, paper.json}`: the pair
made by `make_pair(SEED, INDEX, changed=INDEX is odd)` and the records `extract_record` reads from its two
files. Record again after a change to the OCR backend or the label mapper (the scan's reading changes).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from cluster_intake.pipeline import extract_record
from sample_docs.scans.pairs import make_pair

DATA = Path(__file__).resolve().parent / "data" / "paper_pairs"


def record_pair(seed: int, index: int) -> Path:
    """Given a seed and an index, make the pair, read both copies and write the fixtures; return the
    pair file written."""
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="paper-pair-") as tmp:
        pair_path = make_pair(seed, index, index % 2 == 1, Path(tmp))
        pair = json.loads(pair_path.read_text(encoding="utf-8"))
        stem = f"s{seed}_{pair_path.name.removesuffix('.pair.json')}"
        for role in ("electronic", "paper"):
            record = extract_record(Path(tmp) / pair[role])
            text = json.dumps(record.to_jsonable(), ensure_ascii=False, indent=1) + "\n"
            (DATA / f"{stem}.{role}.json").write_text(text, encoding="utf-8")
        target = DATA / f"{stem}.pair.json"
        target.write_text(json.dumps(pair, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    seed, indexes = int(argv[0]), [int(i) for i in argv[1:]]
    for index in indexes:
        print(record_pair(seed, index), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
