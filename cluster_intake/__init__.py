"""cluster-intake: read 中小企业特色产业集群申报表 / 复核申报表 filings into checked records.

The analysts' API (`cluster_intake.api`) is re-exported here lazily — `extract`, `load`, `IntakeData` —
so that importing the package (as `cluster-intake extract` does) loads neither pandas nor the store.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cluster_intake.api import IntakeData, extract, load

__all__ = ["IntakeData", "__version__", "extract", "load"]
_API_NAMES = frozenset({"IntakeData", "extract", "load"})
DISTRIBUTION = "cluster-intake"


def package_version() -> str:
    """Return the installed distribution's version (`0+unknown` when run from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> object:
    """Given a public name, import it on first use (PEP 562)."""
    if name in _API_NAMES:
        return getattr(import_module("cluster_intake.api"), name)
    if name == "__version__":
        return package_version()
    raise AttributeError(f"module 'cluster_intake' has no attribute {name!r}")
