"""Plain `pytest` (the console script, without the repository root on sys.path) collects the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_plain_pytest_collects_tests_whose_folders_share_a_package_name() -> None:
    pytest = Path(sys.executable).with_name("pytest")
    # tests/review and tests/sample_docs share their names with packages; their helpers are imported by name
    folders = ["tests/review/test_api_readme.py", "tests/sample_docs", "tests/schema"]
    result = subprocess.run(
        [str(pytest), "--collect-only", "-q", "-p", "no:cacheprovider", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "error" not in result.stdout.lower().splitlines()[-1]
