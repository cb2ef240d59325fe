"""The upright frame of a PDF page: user space into it and back."""

from __future__ import annotations

import math

import pytest

from extractors.pdf.frames import page_frame


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_user_point_undoes_point_for_every_turn(turn: int) -> None:
    """The review station maps record boxes back onto the page with it (evidence crops)."""
    frame = page_frame((0.0, 0.0, 595.0, 842.0), turn)
    for x, y in [(0.0, 0.0), (100.5, 700.25), (595.0, 842.0), (12.0, 400.0)]:
        ux, uy = frame.user_point(*frame.point(x, y))
        assert math.isclose(ux, x, abs_tol=1e-9) and math.isclose(uy, y, abs_tol=1e-9)
