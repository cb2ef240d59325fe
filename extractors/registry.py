"""Which backend reads which file type, loaded only when a file of that type arrives.

Backends are named by module path so that reading a .docx never pays for importing OpenCV and the
OCR models (about 1 s): the extract command must start fast. `test_registry` checks that every entry
names a real Extractor whose own `supported_suffixes()` equals the suffixes listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from extractors.base import Extractor
from extractors.errors import DocumentLoadError

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"})


@dataclass(frozen=True, slots=True)
class BackendEntry:
    """A backend class named by `module:Class`, and the file suffixes it reads."""

    target: str
    suffixes: frozenset[str]

    def load(self) -> type[Extractor]:
        """Import the backend's module and return its class."""
        module_name, class_name = self.target.split(":")
        backend = getattr(import_module(module_name), class_name)
        if not (isinstance(backend, type) and issubclass(backend, Extractor)):
            raise TypeError(f"{self.target} is not an Extractor")
        return backend


DOCX = BackendEntry("extractors.docx.backend:DocxExtractor", frozenset({".docx", ".docm", ".dotx"}))
PDF = BackendEntry("extractors.pdf.backend:PdfExtractor", frozenset({".pdf"}))
LEGACY = BackendEntry(
    "extractors.legacy.backend:LegacyWordExtractor", frozenset({".doc", ".wps", ".dot", ".wpt"})
)
OCR = BackendEntry("extractors.ocr.backend:OcrExtractor", IMAGE_SUFFIXES)
BACKENDS: tuple[BackendEntry, ...] = (DOCX, PDF, LEGACY, OCR)


def backend_for(path: Path) -> Extractor:
    """Given a file path, return an instance of the backend that reads its format."""
    suffix = path.suffix.lower()
    for entry in BACKENDS:
        if suffix in entry.suffixes:
            return entry.load()()
    raise DocumentLoadError(f"不支持的文件格式“{suffix or '无扩展名'}”", f"unsupported file type {suffix!r}")


def ocr_backend() -> Extractor:
    """Return the OCR backend (for PDFs that turn out to be scans)."""
    return OCR.load()()
