"""How wide a text shows: CJK and full-width characters take two columns (a sheet's or a terminal's)."""

from __future__ import annotations

WIDE_CHAR = 0x2E80  # CJK and full-width characters start here


def text_width(text: str) -> int:
    """Given a text (one line), return its width in character columns (CJK counts double)."""
    if text.isascii():
        return len(text)
    return sum(2 if ord(char) >= WIDE_CHAR else 1 for char in text)
