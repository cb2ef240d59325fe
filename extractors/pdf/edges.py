"""Stage `edges_to_ruling`: raw edges snapped onto shared lines and joined where they touch.

Borders are often drawn twice (both neighbouring cells), as thin rectangles (two parallel lines) or
in pieces; snapping positions within `SNAP_TOLERANCE` and joining collinear pieces within
`JOIN_TOLERANCE` (pdfplumber's `snap_edges` / `join_edge_group`) gives one edge per ruling line.
"""

from __future__ import annotations

from itertools import groupby

from extractors.pdf.primitives import Edge, Orientation

SNAP_TOLERANCE = 2.5
JOIN_TOLERANCE = 2.5
MIN_EDGE_LENGTH = 1.5


def snap_positions(values: list[float], tolerance: float = SNAP_TOLERANCE) -> dict[float, float]:
    """Given coordinates, return each mapped to the mean of its cluster (neighbours within tolerance)."""
    mapping: dict[float, float] = {}
    cluster: list[float] = []
    for value in sorted(set(values)):
        if cluster and value - cluster[-1] > tolerance:
            mapping.update(dict.fromkeys(cluster, sum(cluster) / len(cluster)))
            cluster = []
        cluster.append(value)
    if cluster:
        mapping.update(dict.fromkeys(cluster, sum(cluster) / len(cluster)))
    return mapping


def _snap(edges: list[Edge]) -> list[Edge]:
    mapping = snap_positions([e.position for e in edges])
    return [Edge(e.orientation, mapping[e.position], e.start, e.end) for e in edges]


def _join(edges: list[Edge]) -> list[Edge]:
    joined: list[Edge] = []
    for edge in sorted(edges, key=lambda e: e.start):
        last = joined[-1] if joined else None
        if last is not None and edge.start <= last.end + JOIN_TOLERANCE:
            joined[-1] = Edge(last.orientation, last.position, last.start, max(last.end, edge.end))
        else:
            joined.append(edge)
    return joined


def edges_to_ruling(edges: tuple[Edge, ...]) -> tuple[Edge, ...]:
    """Given a page's raw edges, return them snapped and joined, horizontal ones first."""
    ruling: list[Edge] = []
    for orientation in (Orientation.HORIZONTAL, Orientation.VERTICAL):
        kept = [e for e in edges if e.orientation is orientation and e.length >= MIN_EDGE_LENGTH]
        snapped = sorted(_snap(kept), key=lambda e: e.position)
        for _, line in groupby(snapped, key=lambda e: e.position):
            ruling.extend(_join(list(line)))
    return tuple(ruling)
