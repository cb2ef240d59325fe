"""Errors raised for bad input (as distinct from internal defects), each with a bilingual reason."""

from __future__ import annotations


class IntakeError(Exception):
    """Base of every bad-input error: carries a Chinese and an English reason and the catalogue rule."""

    rule = "file_unreadable"

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(f"{reason_zh} / {reason_en}")
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    @property
    def one_line(self) -> str:
        """Return the reason as one line, Chinese first."""
        return f"{self.reason_zh} / {self.reason_en}"


class DocumentLoadError(IntakeError):
    """The file cannot be opened: corrupt, encrypted, empty, unsupported, or over a size limit."""

    rule = "file_unreadable"


class ScannedPdfError(DocumentLoadError):
    """The PDF has no text layer but page images: a scan, to be read by the OCR backend instead."""


class FormUnrecognizedError(IntakeError):
    """The file opens but is neither 附件1 申报表 nor 附件2 复核申报表."""

    rule = "form_unrecognized"


class SettingsError(ValueError):
    """An EXTRACT_* environment setting has a value that is not allowed (not bad input: bad configuration)."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem

    @property
    def one_line(self) -> str:
        """Return the problem as one bilingual line naming the setting."""
        return f"设置无效 / invalid setting {self.name}: {self.problem}"
