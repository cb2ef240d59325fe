#!/usr/bin/env bash
# Set up .venv and run the main job over the bundled sample filings; print where the outputs are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${1:-out/samples}"
mkdir -p "$out"
for filing in sample_docs/docx/*.docx; do
  name="$(basename "$filing" .docx)"
  .venv/bin/cluster-intake extract "$filing" --json > "$out/$name.json" || echo "quarantined: $filing"
done
echo "records written to $out/"
