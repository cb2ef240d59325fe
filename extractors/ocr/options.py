"""Settings of the OCR backend, validated, with one `resolve()` entry point (env prefix EXTRACT_OCR_)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from schema.document import DEFAULT_CONFIDENCE_THRESHOLD

EngineName = Literal["rapidocr", "tesseract"]
ENGINE_NAMES: tuple[EngineName, ...] = ("rapidocr", "tesseract")
DEFAULT_ENGINE: EngineName = "rapidocr"
DEFAULT_DPI = 200
DEFAULT_THREADS = 1
DEFAULT_MAX_PAGES = 80
DEFAULT_WORKERS = 2


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """engine: which OCR engine reads text; dpi: rendering of scanned PDFs; confidence_threshold:
    values read below it get a low_confidence exception; threads: onnxruntime intra-op threads, shared
    out among the workers; workers: pages read at the same time (each worker with its own engine)."""

    engine: EngineName = DEFAULT_ENGINE
    dpi: int = DEFAULT_DPI
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD
    threads: int = DEFAULT_THREADS
    max_pages: int = DEFAULT_MAX_PAGES
    workers: int = DEFAULT_WORKERS

    def __post_init__(self) -> None:
        if self.engine not in ENGINE_NAMES:
            raise ValueError(f"engine must be one of {', '.join(ENGINE_NAMES)}; got {self.engine!r}")
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"dpi must be between 72 and 600; got {self.dpi}")
        if not 0.0 <= self.confidence_threshold <= 1.0:
            raise ValueError(f"confidence_threshold must be within 0..1; got {self.confidence_threshold}")
        if self.threads < 1 or self.max_pages < 1 or self.workers < 1:
            raise ValueError("threads, max_pages and workers must be at least 1")

    @property
    def engine_threads(self) -> int:
        """The onnxruntime intra-op threads of each worker's engine (the threads shared out, at least 1)."""
        return max(1, self.threads // self.workers)

    @classmethod
    def resolve(cls, environ: Mapping[str, str] | None = None) -> OcrOptions:
        """Given environment variables (default: os.environ), return the options they select.

        EXTRACT_OCR_ENGINE (rapidocr | tesseract), EXTRACT_OCR_DPI, EXTRACT_OCR_CONFIDENCE,
        EXTRACT_OCR_THREADS, EXTRACT_OCR_WORKERS; unset variables keep the defaults.
        """
        env = os.environ if environ is None else environ
        engine = env.get("EXTRACT_OCR_ENGINE", DEFAULT_ENGINE)
        if engine not in ENGINE_NAMES:
            raise ValueError(f"EXTRACT_OCR_ENGINE must be one of {', '.join(ENGINE_NAMES)}; got {engine!r}")
        return cls(
            engine="tesseract" if engine == "tesseract" else "rapidocr",
            dpi=int(env.get("EXTRACT_OCR_DPI", DEFAULT_DPI)),
            confidence_threshold=float(env.get("EXTRACT_OCR_CONFIDENCE", DEFAULT_CONFIDENCE_THRESHOLD)),
            threads=int(env.get("EXTRACT_OCR_THREADS", DEFAULT_THREADS)),
            workers=int(env.get("EXTRACT_OCR_WORKERS", DEFAULT_WORKERS)),
        )
