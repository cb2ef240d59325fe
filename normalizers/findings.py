"""What a normaliser noticed about a value: a rule id of rules.yaml plus the message placeholders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # keeps the normalisers free of the pydantic import at run time
    from schema.record import Status

T = TypeVar("T")
Param = str | int | float


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule of rules.yaml that normalisation triggered, with values for its message placeholders."""

    rule: str
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Normalized(Generic[T]):
    """A normalised value with its status, the verbatim text and what normalisation noticed."""

    value: T | None
    status: Status
    raw: str | None = None
    findings: tuple[Finding, ...] = ()
