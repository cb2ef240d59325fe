"""The one error evidence rendering raises for a bad original or a bad location, with a bilingual reason."""

from __future__ import annotations


class EvidenceError(Exception):
    """Evidence cannot be shown: the original is missing, unreadable, encrypted or over a cap (file size,
    pixels, page size, render time, output size), or the page or box asked for is not in it.

    Bad input, as distinct from internal defects (those raise anything else). `reason_zh` is for the
    operator's page, `reason_en` for logs; `str(error)` holds both.
    """

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(f"{reason_zh} / {reason_en}")
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    @property
    def one_line(self) -> str:
        """Return the reason as one line, Chinese first."""
        return f"{self.reason_zh} / {self.reason_en}"
