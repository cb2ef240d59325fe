#!/usr/bin/env bash
# Set up .venv and run the main job (the batch flow) over the bundled sample filings.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${1:-out/samples}"
.venv/bin/cluster-intake run sample_docs --out "$out"
echo
echo "输出目录 / outputs: $out  (records.xlsx, exceptions.xlsx, summary.md, records/, quarantine/, intake.sqlite)"
