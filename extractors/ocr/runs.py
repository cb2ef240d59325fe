"""Runs of ink along the rows of a boolean region (vectorised: these are asked of every box candidate)."""

from __future__ import annotations

import numpy as np


def row_runs(region: np.ndarray) -> np.ndarray:
    """Given a boolean 2-D region, return the longest run of True in each of its rows."""
    rows, width = region.shape
    longest = np.zeros(rows, np.int64)
    if region.size == 0:
        return longest
    padded = np.zeros((rows, width + 2), np.int8)
    padded[:, 1:-1] = region
    edges = np.diff(padded, axis=1)
    start_rows, start_cols = np.nonzero(edges == 1)
    _, end_cols = np.nonzero(edges == -1)
    np.maximum.at(longest, start_rows, end_cols - start_cols)
    return longest


def longest_run(region: np.ndarray) -> int:
    """Given a boolean 2-D region, return the longest run of True along any of its rows."""
    return int(row_runs(region).max()) if region.size else 0
