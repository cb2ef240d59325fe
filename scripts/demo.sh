#!/usr/bin/env bash
# Set up .venv and run the main job (the batch flow) over the bundled sample filings.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${1:-out/samples}"
inbox="$out/inbox"
mkdir -p "$inbox"
# The inbox gets the filings only (the truth files beside them are for tests), one folder per kind.
for kind in docx pdf doc scans; do
  mkdir -p "$inbox/$kind"
  find "sample_docs/$kind" -maxdepth 1 -type f ! -name '*.json' ! -name '*.py' ! -name '*.md' \
    -exec cp -p {} "$inbox/$kind/" \;
done
.venv/bin/cluster-intake run "$inbox" --out "$out/result"
echo
echo "输出目录 / outputs: $out/result  (records.xlsx, exceptions.xlsx, summary.md, records/, quarantine/, intake.sqlite)"
