"""Settings of the OCR backend, validated, with one `resolve()` entry point (env prefix EXTRACT_OCR_)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, TypeVar

from extractors.errors import SettingsError
from schema.document import DEFAULT_CONFIDENCE_THRESHOLD

EngineName = Literal["rapidocr", "tesseract"]
ENGINE_NAMES: tuple[EngineName, ...] = ("rapidocr", "tesseract")
DEFAULT_ENGINE: EngineName = "rapidocr"
DEFAULT_DPI = 200
DEFAULT_THREADS = 1
DEFAULT_MAX_PAGES = 80
DEFAULT_WORKERS = 2
MAX_WORKERS = 8
MAX_THREADS = 64
N = TypeVar("N", int, float)
FIELD_SETTINGS: Mapping[str, str] = MappingProxyType(
    {
        "dpi": "EXTRACT_OCR_DPI",
        "confidence_threshold": "EXTRACT_OCR_CONFIDENCE",
        "threads": "EXTRACT_OCR_THREADS",
        "workers": "EXTRACT_OCR_WORKERS",
    }
)


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
        if self.workers > MAX_WORKERS or self.threads > MAX_THREADS:
            raise ValueError(f"at most {MAX_WORKERS} workers and {MAX_THREADS} threads")

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
            raise SettingsError(
                "EXTRACT_OCR_ENGINE", f"must be one of {', '.join(ENGINE_NAMES)}; got {engine!r}"
            )
        try:
            return cls(
                engine="tesseract" if engine == "tesseract" else "rapidocr",
                dpi=_setting(env, "EXTRACT_OCR_DPI", int, DEFAULT_DPI),
                confidence_threshold=_setting(
                    env, "EXTRACT_OCR_CONFIDENCE", float, DEFAULT_CONFIDENCE_THRESHOLD
                ),
                threads=_setting(env, "EXTRACT_OCR_THREADS", int, DEFAULT_THREADS),
                workers=_setting(env, "EXTRACT_OCR_WORKERS", int, DEFAULT_WORKERS),
            )
        except SettingsError:
            raise
        except ValueError as error:
            named = [name for field, name in FIELD_SETTINGS.items() if field in str(error)]
            raise SettingsError(" / ".join(named) or "EXTRACT_OCR_*", str(error)) from error


def _setting(env: Mapping[str, str], name: str, kind: Callable[[str], N], default: N) -> N:
    """Given the environment, a variable's name, its type and default, return its value; raise
    SettingsError naming the variable when its text is not of that type."""
    text = env.get(name)
    if text is None or not text.strip():
        return default
    try:
        return kind(text.strip())
    except ValueError as error:
        raise SettingsError(name, f"not a valid number: {text!r}") from error
