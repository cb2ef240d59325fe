"""Stage `filing_to_record`: one filing read in a child process, under a time and a memory limit.

Every filing is untrusted: a hostile one may loop, allocate gigabytes or crash a C library. So the
pipeline runs in a child process that

- reads a private copy of the exact bytes the caller read and hashed (`input<suffix>` in a private
  work directory, which also holds the child's temporary files and is removed afterwards);
- has an address-space limit (RLIMIT_AS; no core dumps), and its own process group;
- writes whatever libraries print (libtiff, libjpeg, LibreOffice) to a file, not to the terminal;
- has a time limit: `seconds`, plus `seconds_per_page` for each page OCR would read (a scan is read page
  by page; the child counts the pages from the file's headers and reports them first). A child that got
  less than a quarter of that time in CPU (the machine was busy, the file was not hostile) is given the
  same time once more: a busy night must not quarantine good filings for good.

On a timeout the child's process group is killed, and every process it started (LibreOffice leaves its
group) is found by the job's tag and killed too. Every outcome is a record or an `IntakeError`: a limit
hit is a `LimitExceededError`, an unexpected exception an internal error naming its type.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import resource
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

from cluster_intake.children import Child, start_child, start_fork_server
from cluster_intake.limits import ExtractionLimits
from cluster_intake.pipeline import extract_record
from extractors.errors import DocumentLoadError, FormUnrecognizedError, IntakeError
from extractors.file_checks import printable_name, read_filing
from extractors.page_counts import page_count
from extractors.processes import kill_group, kill_tagged
from schema.record import Record
from schema.rules_catalog import Profile

logger = logging.getLogger(__name__)

JOB_TAG = "CLUSTER_INTAKE_JOB"
INPUT_STEM = "input"
CHATTER_FILE = "library-output.txt"
CHATTER_SHOWN = 2000
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
POLL_SECONDS = 0.5
NEAR_LIMIT = 0.9
STARVED_SHARE = 0.25
PROC = Path("/proc")
JOIN_SECONDS = 5.0
UNREADABLE_RULE = "file_unreadable"
PRELOAD = (
    "cluster_intake.pipeline",
    "extractors.docx.backend",
    "extractors.pdf.backend",
    "cluster_intake.contained",
    "cluster_intake.warm",
)
"""What the reading fork server imports before its first fork, `cluster_intake.warm` last (it makes the
rest ready and freezes the server's heap)."""


class LimitExceededError(DocumentLoadError):
    """Reading the file went over the time or memory limit of one filing (it is quarantined, not retried
    on the next run; `--force` reads it again)."""


@dataclass(frozen=True, slots=True)
class Filing:
    """A filing as read once by the caller: its own name (for the record) and its exact bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a filing was not read: the catalogue rule and the reason in Chinese and English."""

    rule: str
    zh: str
    en: str


Message = tuple[str, object]
"""What the child sends: ("pages", int), then ("record", Record) or ("error" | "limit", Reason)."""


Reader = Callable[[Path, Profile | None, date | None, str], Record]
"""How the child reads a filing: (private copy, profile, run date, the filing's name) → record."""


def start_reading_server() -> None:
    """Start the fork server that reading children come from, so that it imports and warms PRELOAD while
    the caller goes on (a batch process calls this before Prefect starts; else it starts with the first
    child)."""
    start_fork_server(PRELOAD)


def named_filing(path: Path) -> Filing:
    """Given the path a person named, return the filing: its printable name and its bytes, read once (a
    link the person named is followed to its target, which is then read without following more)."""
    return Filing(printable_name(path.name), read_filing(Path(os.path.realpath(path))))


def read_record(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    """Given the private copy of a filing, the criteria and the filing's name, return its record."""
    return extract_record(path, profile, run_date, name=name)


@dataclass(frozen=True, slots=True)
class _Job:
    """What the child needs: the private copy, the filing's name, the criteria, its limits, the reader."""

    path: Path
    name: str
    profile: Profile | None
    run_date: date | None
    memory_bytes: int
    chatter: Path
    tag: str
    read: Reader = read_record


def private_copy(filing: Filing, workdir: Path) -> Path:
    """Given a filing and a private work directory, write its bytes there as `input<suffix>`, readable by
    the owner only; return the copy's path (the suffix kept only when plainly safe)."""
    suffix = Path(filing.name).suffix.lower()
    copy = workdir / (INPUT_STEM + (suffix if SAFE_SUFFIX.fullmatch(suffix) else ""))
    descriptor = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(filing.data)
    return copy


def _limit_self(memory_bytes: int) -> None:
    """In the child: a group of its own, an address-space limit, no core dumps."""
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _capture_output(chatter: Path) -> None:
    """In the child: send file descriptors 1 and 2 (C libraries) and sys.stdout/stderr to the file (a
    fault handler inherited from the parent would write to the terminal: it is turned off)."""
    faulthandler.disable()
    descriptor = os.open(chatter, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
    os.dup2(descriptor, 1)
    os.dup2(descriptor, 2)
    os.close(descriptor)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def _outcome(job: _Job) -> Message:
    """In the child: read the filing; return ("record", record), or ("error" | "limit", (rule, zh, en))."""
    try:
        return "record", job.read(job.path, job.profile, job.run_date, job.name)
    except IntakeError as error:
        return "error", Reason(error.rule, error.reason_zh, error.reason_en)
    except MemoryError:
        return "limit", memory_reason(job.memory_bytes)
    except Exception as error:
        if near_memory_limit(job.memory_bytes):  # a C library that ran out may raise anything
            return "limit", memory_reason(job.memory_bytes)
        logger.exception("internal error reading %s", job.name)
        return "error", internal_reason(error)


def _child(connection: Connection, job: _Job) -> None:
    """The child process: limit itself, report the page count, read the filing, send the outcome."""
    _limit_self(job.memory_bytes)
    _capture_output(job.chatter)
    os.environ[JOB_TAG] = job.tag
    os.environ["TMPDIR"] = str(job.path.parent)
    tempfile.tempdir = None
    connection.send(("pages", page_count(job.path)))
    connection.send(_outcome(job))
    connection.close()


def near_memory_limit(memory_bytes: int) -> bool:
    """Given this process's memory limit, return whether its address space came close to it (so that an
    error raised by a C library was most likely a failed allocation)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmPeak:")), "0")
    return int(peak) * 1024 >= memory_bytes * NEAR_LIMIT


def memory_reason(memory_bytes: int) -> Reason:
    """Given the memory limit, return the reason of a filing that went over it."""
    megabytes = memory_bytes // (1024 * 1024)
    return Reason(
        UNREADABLE_RULE,
        f"读取时超出内存上限（{megabytes} MB），已停止",
        f"reading went over the memory limit ({megabytes} MB)",
    )


def internal_reason(error: BaseException) -> Reason:
    """Given an unexpected exception, return the reason naming its type (an internal defect)."""
    kind = type(error).__name__
    return Reason(UNREADABLE_RULE, f"内部错误（{kind}）", f"internal error: {kind}: {error}")


@dataclass(slots=True)
class Watch:
    """The parent's view of one child: its pid, when it started, its deadline, whether the deadline was
    extended for a busy machine, what it sent."""

    pid: int
    started: float
    deadline: float
    extended: bool = False
    message: Message | None = None


def group_cpu_seconds(pgid: int) -> float:
    """Given a process group, return the CPU seconds its processes have used (from /proc; 0 without)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def starved(watch: Watch) -> bool:
    """Given a child at its deadline, return whether it was starved of CPU (a busy machine, not a hostile
    file): its group used less than STARVED_SHARE of the time it was given. Its deadline is then
    extended once, by the same time again."""
    given = watch.deadline - watch.started
    return not watch.extended and group_cpu_seconds(watch.pid) < given * STARVED_SHARE


def _wait(connection: Connection, watch: Watch, limits: ExtractionLimits) -> bool:
    """Given the child's connection, wait for its outcome until the deadline (extended once the child
    reports its page count, and once more if the machine was too busy to give it the CPU); return False
    on a timeout."""
    while True:
        remaining = watch.deadline - time.monotonic()
        if remaining <= 0 and starved(watch):
            watch.deadline, watch.extended = watch.deadline + (watch.deadline - watch.started), True
            continue
        if remaining <= 0:
            return False
        if not connection.poll(min(remaining, POLL_SECONDS)):
            continue
        try:
            kind, payload = connection.recv()
        except (EOFError, OSError):  # the child died without an outcome
            return True
        if kind == "pages" and isinstance(payload, int):
            watch.deadline = watch.started + limits.seconds_for(payload)
            continue
        watch.message = (kind, payload)
        return True


def _stop(process: Child, tag: str, finished: bool) -> None:
    """Given the child, make sure it and everything it started are gone."""
    if finished:
        process.join(JOIN_SECONDS)
    if process.pid is not None and process.is_alive():
        kill_group(process.pid)
        process.kill()
        process.join()
    if not finished or process.exitcode != 0:
        kill_tagged(JOB_TAG, tag)


def _log_chatter(chatter: Path, name: str) -> None:
    """Given the child's output file, log its end (library warnings) at debug level."""
    try:
        text = chatter.read_bytes()[-CHATTER_SHOWN:].decode("utf-8", "replace").strip()
    except OSError:
        return
    if text:
        logger.debug("output while reading %s: %s", name, text)


def _result(watch: Watch, exitcode: int | None, finished: bool) -> Record:
    """Given what the child sent and how it ended, return the record or raise the IntakeError."""
    if not finished:
        seconds = watch.deadline - watch.started
        raise LimitExceededError(
            f"读取超时（{seconds:.3g} 秒），已停止", f"reading timed out after {seconds:.3g} s"
        )
    kind, payload = watch.message or ("", None)
    if kind == "record" and isinstance(payload, Record):
        return payload
    if isinstance(payload, Reason):
        raise LimitExceededError(payload.zh, payload.en) if kind == "limit" else _intake_error(payload)
    raise LimitExceededError(
        f"读取进程异常终止（退出码 {exitcode}），可能超出内存上限",
        f"the reading process died (exit code {exitcode}); possibly over the memory limit",
    )


def _intake_error(reason: Reason) -> IntakeError:
    """Given a reason the child sent, return the IntakeError of its rule."""
    error: IntakeError = (
        FormUnrecognizedError(reason.zh, reason.en)
        if reason.rule == FormUnrecognizedError.rule
        else DocumentLoadError(reason.zh, reason.en)
    )
    error.rule = reason.rule
    return error


def filing_to_record(
    filing: Filing,
    profile: Profile | None = None,
    run_date: date | None = None,
    limits: ExtractionLimits | None = None,
    read: Reader = read_record,
) -> Record:
    """Given a filing's name and bytes, return its checked record, read in a limited child process;
    raise IntakeError (LimitExceededError for a limit hit) when it cannot be read. `read` is how the
    child reads it (a module-level function: a fork server's child imports it by name)."""
    limits = limits or ExtractionLimits()
    workdir = Path(tempfile.mkdtemp(prefix="cluster-intake-"))
    try:
        job = _Job(
            private_copy(filing, workdir),
            filing.name,
            profile,
            run_date,
            limits.memory_bytes,
            workdir / CHATTER_FILE,
            secrets.token_hex(8),
            read,
        )
        return _run(job, limits)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(job: _Job, limits: ExtractionLimits) -> Record:
    """Given a job, start its child, wait for it within the limits, clean up; return the record."""
    started = time.monotonic()
    process, reader = start_child(_child, job, PRELOAD)
    watch = Watch(process.pid or 0, started, started + limits.seconds)
    finished = False
    try:
        finished = _wait(reader, watch, limits)
    finally:
        _stop(process, job.tag, finished)
        reader.close()
    _log_chatter(job.chatter, job.name)
    return _result(watch, process.exitcode, finished)
