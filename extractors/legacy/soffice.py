"""Stage `legacy_to_docx`: a .doc/.wps file converted to .docx by LibreOffice, headless and offline.

Each conversion runs its own soffice process with a private profile (two processes sharing one
`-env:UserInstallation` lose outputs), in a temporary directory removed afterwards by the caller,
under a timeout. A missing LibreOffice is reported with the Debian package that provides it.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import DocumentLoadError

logger = logging.getLogger(__name__)

SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT_SECONDS = 120.0
DOCX_FILTER = "docx:MS Word 2007 XML"


@dataclass(frozen=True, slots=True)
class ConversionSettings:
    """How to run LibreOffice: the binary (found on PATH when None) and the timeout."""

    soffice: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS


def find_soffice(settings: ConversionSettings) -> str:
    """Given settings, return the soffice executable, or raise DocumentLoadError naming the package."""
    candidates = (settings.soffice,) if settings.soffice else SOFFICE_NAMES
    for name in candidates:
        found = shutil.which(name) if name else None
        if found:
            return found
    raise DocumentLoadError(
        f"未安装 LibreOffice，无法读取 .doc/.wps 文件（请安装 {SOFFICE_PACKAGE}）",
        f"LibreOffice not found: install the Debian package {SOFFICE_PACKAGE} to read .doc/.wps files",
    )


def _command(soffice: str, source: Path, workdir: Path) -> list[str]:
    profile = (workdir / "profile").resolve().as_uri()
    return [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        DOCX_FILTER,
        "--outdir",
        str(workdir / "out"),
        str(source),
    ]


def _environment(workdir: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    return {**keep, "HOME": str(workdir), "SAL_USE_VCLPLUGIN": "svp", "no_proxy": "*"}


def legacy_to_docx(source: Path, workdir: Path, settings: ConversionSettings) -> Path:
    """Given a .doc/.wps file and an empty work directory, return the converted .docx path there."""
    soffice = find_soffice(settings)
    try:
        done = subprocess.run(
            _command(soffice, source, workdir),
            capture_output=True,
            timeout=settings.timeout_seconds,
            env=_environment(workdir),
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise DocumentLoadError(
            f"LibreOffice 转换超时（{settings.timeout_seconds:.0f} 秒）",
            f"LibreOffice conversion timed out after {settings.timeout_seconds:.0f} s",
        ) from error
    converted = workdir / "out" / f"{source.stem}.docx"
    if done.returncode != 0 or not converted.is_file():
        logger.warning(
            "soffice failed (%s): %s", done.returncode, done.stderr.decode(errors="replace")[-500:]
        )
        raise DocumentLoadError(
            "文件无法转换（可能已加密、已损坏或不是 Word/WPS 文档）",
            "LibreOffice could not convert the file (encrypted, corrupt, or not a Word/WPS document)",
        )
    return converted
