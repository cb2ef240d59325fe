"""Which backend reads which kind of file, loaded only when a file of that kind arrives.

The kind comes from the file's content (`extractors.sniffing`), never its name. Backends are named by
module path so that reading a .docx never pays for importing OpenCV and the OCR models (about 1 s):
the extract command must start fast. Each entry also lists the suffixes its files usually carry;
`test_registry` checks that every entry names a real Extractor whose own `supported_suffixes()`
equals them, and a file whose name is not one of them is handed to its backend under a copy's name
that is (`content_named`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from extractors.base import Extractor
from extractors.errors import DocumentLoadError
from extractors.sniffing import FileKind, Sniffed

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"})


@dataclass(frozen=True, slots=True)
class BackendEntry:
    """A backend class named by `module:Class`, the kinds of file it reads and their usual suffixes."""

    target: str
    suffixes: frozenset[str]
    kinds: frozenset[FileKind]

    def load(self) -> type[Extractor]:
        """Import the backend's module and return its class."""
        module_name, class_name = self.target.split(":")
        backend = getattr(import_module(module_name), class_name)
        if not (isinstance(backend, type) and issubclass(backend, Extractor)):
            raise TypeError(f"{self.target} is not an Extractor")
        return backend


DOCX = BackendEntry(
    "extractors.docx.backend:DocxExtractor",
    frozenset({".docx", ".docm", ".dotx", ".dotm"}),
    frozenset({FileKind.WORD_PACKAGE}),
)
PDF = BackendEntry("extractors.pdf.backend:PdfExtractor", frozenset({".pdf"}), frozenset({FileKind.PDF}))
LEGACY = BackendEntry(
    "extractors.legacy.backend:LegacyWordExtractor",
    frozenset({".doc", ".wps", ".dot", ".wpt", ".odt", ".rtf", ".htm", ".html", ".mht", ".mhtml"}),
    frozenset({FileKind.WORD_BINARY, FileKind.OPEN_DOCUMENT, FileKind.RTF, FileKind.HTML, FileKind.MHT}),
)
WORD_XML = BackendEntry(
    "extractors.docx.word_xml:WordXmlExtractor", frozenset({".xml"}), frozenset({FileKind.WORD_XML})
)
OCR = BackendEntry("extractors.ocr.backend:OcrExtractor", IMAGE_SUFFIXES, frozenset({FileKind.IMAGE}))
BACKENDS: tuple[BackendEntry, ...] = (DOCX, PDF, LEGACY, WORD_XML, OCR)


def entry_for(kind: FileKind) -> BackendEntry:
    """Given a file kind, return the registry entry of the backend that reads it."""
    return next(entry for entry in BACKENDS if kind in entry.kinds)


def backend_for_kind(sniffed: Sniffed) -> Extractor:
    """Given a file's sniffed kind, return an instance of the backend that reads it."""
    return entry_for(sniffed.kind).load()()


def backend_for(path: Path) -> Extractor:
    """Given a file name, return an instance of the backend its suffix usually goes to (the pipeline
    decides by content: `backend_for_kind`)."""
    suffix = path.suffix.lower()
    for entry in BACKENDS:
        if suffix in entry.suffixes:
            return entry.load()()
    raise DocumentLoadError(f"不支持的文件格式“{suffix or '无扩展名'}”", f"unsupported file type {suffix!r}")


def ocr_backend() -> Extractor:
    """Return the OCR backend (for PDFs that turn out to be scans)."""
    return OCR.load()()


@contextmanager
def content_named(path: Path, sniffed: Sniffed) -> Iterator[Path]:
    """Given a file and its kind, yield a path its backend accepts: the file itself when its suffix is
    one its kind goes by, else a link (or copy) named `filing<suffix>` in a temporary folder."""
    if path.suffix.lower() in entry_for(sniffed.kind).suffixes:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="cluster-intake-named-") as tmp:
        target = Path(tmp) / f"filing{sniffed.suffix}"
        try:
            os.symlink(path.resolve(), target)
        except OSError:
            shutil.copyfile(path, target)
        yield target
