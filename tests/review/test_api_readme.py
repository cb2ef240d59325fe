"""README "Analysing a run": its example runs as written, on a run folder in place of out/samples/result."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_RUN = "out/samples/result"


def readme_example() -> str:
    """Return the first Python block of the README section "Analysing a run"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Analysing a run", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README section 'Analysing a run' has no python example"
    return match.group(1)


def test_readme_example_runs(
    store: tuple[Engine, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, root = store
    code = readme_example()
    assert EXAMPLE_RUN in code
    monkeypatch.chdir(ROOT)  # the example names a sample filing relative to the repository
    exec(compile(code.replace(EXAMPLE_RUN, str(root / "out")), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("application {'2022': 90.66")  # the extracted record's series
    assert "浙江省余杭区五金工具产业集群   90.66  108.45  126.48" in printed  # pivot: years as columns
    assert "dtype: Float64" in printed  # the wide view's means: numbers, not text
