#!/usr/bin/env bash
# Set up .venv and run the main job (the batch flow) over the bundled sample filings.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${1:-out/samples}"
inbox="$out/inbox"
mkdir -p "$inbox"
# The inbox gets the filings only (the truth files beside them are for tests).
find sample_docs/docx sample_docs/pdf sample_docs/doc sample_docs/scans -maxdepth 1 -type f \
  \( -name '*.docx' -o -name '*.pdf' -o -name '*.doc' -o -name '*.tif' -o -name '*.tiff' -o -name '*.png' -o -name '*.jpg' \) \
  -exec cp -p {} "$inbox/" \; 2>/dev/null || true
.venv/bin/cluster-intake run "$inbox" --out "$out/result"
echo
echo "输出目录 / outputs: $out/result  (records.xlsx, exceptions.xlsx, summary.md, records/, quarantine/, intake.sqlite)"
