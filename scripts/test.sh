#!/usr/bin/env bash
# Set up (if needed), then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# plain `pytest` (not `python -m pytest`): every test module must import without the repo root on sys.path
.venv/bin/pytest -q "$@"
