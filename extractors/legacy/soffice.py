"""Stage `legacy_to_docx`: a .doc/.wps file converted to .docx by LibreOffice, headless, offline, contained.

The file is untrusted, and so is its name. LibreOffice is given a copy named `input<suffix>` in a private
work directory (absolute path): no name a filer chose reaches its command line, where one such as
`--accept=socket,…;urp;.doc` would be read as an option. It runs with

- a private profile (two processes sharing one `-env:UserInstallation` lose outputs) whose
  `registrymodifications.xcu` never updates links or fields on load, blocks untrusted linked content,
  sends any web request to a closed local port through a manual proxy, and runs no macros;
- no network at all where a new network namespace can be made (`unshare -n`, or `unshare -rn` for a user
  without privileges): a linked picture in a .doc made LibreOffice fetch its URL; the profile settings
  above are the fallback where namespaces are unavailable, and are written in every case;
- its own process group, killed as a whole when the conversion ends or times out: `soffice` starts
  `soffice.bin`, which outlived the timeout (and the run) when only the first was killed;
- only the environment it needs, plus the reading's tag variables (`extractors.processes`), so a reader
  that kills a timed-out reading finds it again.

A missing LibreOffice is reported with the Debian package that provides it.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import DocumentLoadError
from extractors.processes import kill_group, tags

logger = logging.getLogger(__name__)

SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT_SECONDS = 120.0
DOCX_FILTER = "docx:MS Word 2007 XML"
INPUT_STEM = "input"
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
FALLBACK_SUFFIX = ".doc"
UNSHARE_COMMANDS: tuple[tuple[str, ...], ...] = (("unshare", "-n"), ("unshare", "-rn"))
CLOSED_PORT = "9"  # discard: nothing listens there, every proxied request fails at once
PROFILE_SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # never update links on load
    ("/org.openoffice.Office.Writer/Content/Update", "Field", "false"),
    ("/org.openoffice.Office.Writer/Content/Update", "Chart", "false"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),  # never
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "2"),  # manual proxy …
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),  # … to a closed port
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", CLOSED_PORT),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", CLOSED_PORT),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", CLOSED_PORT),
)
_XCU_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


@dataclass(frozen=True, slots=True)
class ConversionSettings:
    """How to run LibreOffice: the binary (found on PATH when None), the timeout, and whether to take the
    network away with a new network namespace when the machine allows it (the profile's link settings
    apply either way)."""

    soffice: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    isolate_network: bool = True


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


@functools.cache
def network_isolation() -> tuple[str, ...]:
    """Return the command prefix that runs a program without network (a new network namespace), or ()
    when this machine allows none (then the profile settings alone keep LibreOffice offline)."""
    for prefix in UNSHARE_COMMANDS:
        if shutil.which(prefix[0]) is None:
            return ()
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    logger.warning("no network namespace available: LibreOffice runs with its offline profile settings only")
    return ()


def profile_settings_xcu() -> str:
    """Return the registrymodifications.xcu of a private profile that never fetches or updates links."""
    items = (
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in PROFILE_SETTINGS
    )
    return _XCU_HEAD + "".join(items) + "</oor:items>\n"


def prepare_workdir(source: Path, workdir: Path) -> Path:
    """Given the file and an empty work directory, copy the file in under a safe name, write the private
    profile's settings, and return the copy's absolute path."""
    suffix = source.suffix.lower()
    safe = workdir.resolve() / (INPUT_STEM + (suffix if SAFE_SUFFIX.fullmatch(suffix) else FALLBACK_SUFFIX))
    try:
        shutil.copyfile(source, safe)
    except OSError as error:
        raise DocumentLoadError("文件无法读取", f"cannot read file: {error.strerror}") from error
    user = workdir / "profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(profile_settings_xcu(), encoding="utf-8")
    (workdir / "out").mkdir(exist_ok=True)
    return safe


def _command(soffice: str, source: Path, workdir: Path, isolate: bool) -> list[str]:
    profile = (workdir / "profile").resolve().as_uri()
    return [
        *(network_isolation() if isolate else ()),
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        DOCX_FILTER,
        "--outdir",
        str((workdir / "out").resolve()),
        str(source),
    ]


def _environment(workdir: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    return {**keep, **tags(os.environ), "HOME": str(workdir), "SAL_USE_VCLPLUGIN": "svp", "no_proxy": ""}


def run_contained(command: list[str], workdir: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Given a command, run it in a process group of its own with a timeout; kill the whole group when it
    ends, whatever way (raises subprocess.TimeoutExpired)."""
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(workdir),
        cwd=workdir,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        finally:
            kill_group(process.pid)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def legacy_to_docx(source: Path, workdir: Path, settings: ConversionSettings) -> Path:
    """Given a .doc/.wps file and an empty work directory, return the converted .docx path there."""
    soffice = find_soffice(settings)
    safe = prepare_workdir(source, workdir)
    command = _command(soffice, safe, workdir, settings.isolate_network)
    try:
        done = run_contained(command, workdir, settings.timeout_seconds)
    except subprocess.TimeoutExpired as error:
        raise DocumentLoadError(
            f"LibreOffice 转换超时（{settings.timeout_seconds:.0f} 秒）",
            f"LibreOffice conversion timed out after {settings.timeout_seconds:.0f} s",
        ) from error
    converted = workdir / "out" / f"{INPUT_STEM}.docx"
    if done.returncode != 0 or not converted.is_file():
        logger.warning(
            "soffice failed (%s): %s", done.returncode, done.stderr.decode(errors="replace")[-500:]
        )
        raise DocumentLoadError(
            "文件无法转换（可能已加密、已损坏或不是 Word/WPS 文档）",
            "LibreOffice could not convert the file (encrypted, corrupt, or not a Word/WPS document)",
        )
    return converted
