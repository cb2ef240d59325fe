"""The reading child's limits, on readers that misbehave on purpose: memory, time (and the processes it
started, killed with it), crashes, defects, library chatter kept off the terminal."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import readers
from hostile_tools import SAMPLE_DOCX, gone_within

from cluster_intake.contained import (
    Filing,
    LimitExceededError,
    Watch,
    filing_to_record,
    group_cpu_seconds,
    starved,
)
from cluster_intake.limits import ExtractionLimits
from extractors.errors import DocumentLoadError, IntakeError, SettingsError

FILING = Filing("a.docx", SAMPLE_DOCX.read_bytes())
SMALL = ExtractionLimits(seconds=3, seconds_per_page=0, memory_bytes=512 * 1024 * 1024)


def test_memory_over_the_limit_is_refused_as_a_limit() -> None:
    with pytest.raises(LimitExceededError) as caught:
        filing_to_record(FILING, limits=SMALL, read=readers.allocates_two_gigabytes)
    assert "内存上限" in caught.value.reason_zh and "memory limit" in caught.value.reason_en


def test_a_reader_that_hangs_is_stopped_with_what_it_started() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceededError) as caught:
        filing_to_record(FILING, limits=SMALL, read=readers.starts_a_sleeper_and_sleeps)
    assert time.monotonic() - started < SMALL.seconds + 10
    assert "超时" in caught.value.reason_zh
    assert gone_within(readers.SLEEPER_MARKER, 5), "a process the reading started outlived it"


def test_a_crash_is_one_reason() -> None:
    with pytest.raises(LimitExceededError, match="异常终止"):
        filing_to_record(FILING, limits=SMALL, read=readers.crashes)


def test_a_defect_is_an_internal_error_and_chatter_stays_off_the_terminal(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        filing_to_record(FILING, limits=SMALL, read=readers.prints_chatter)
    assert caught.value.reason_zh == "内部错误（ValueError）"
    output = capfd.readouterr()
    assert "TIFFReadDirectory" not in output.err + output.out
    assert "library chatter" not in output.err + output.out


def test_a_real_filing_reads_under_the_default_limits() -> None:
    record = filing_to_record(FILING)
    assert record.form == "application" and record.source == "a.docx"


def test_pages_extend_the_time_limit() -> None:
    limits = ExtractionLimits(seconds=60, seconds_per_page=15)
    assert limits.seconds_for(0) == 60 and limits.seconds_for(20) == 360


@pytest.mark.parametrize(
    "environ",
    [{"EXTRACT_TIME_LIMIT": "soon"}, {"EXTRACT_MEMORY_LIMIT_MB": "10"}, {"EXTRACT_TIME_LIMIT": "-1"}],
)
def test_bad_limit_settings_name_the_setting(environ: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as caught:
        ExtractionLimits.resolve(environ)
    assert "EXTRACT_" in caught.value.one_line


def test_intake_errors_keep_their_rule() -> None:
    with pytest.raises(IntakeError) as caught:
        filing_to_record(Filing("x.pdf", b"%PDF-1.7\n garbage"))
    assert caught.value.rule == "file_unreadable" and "PDF" in caught.value.reason_zh


@pytest.mark.parametrize(
    ("program", "cpu_seconds", "starving"), [("sleep 30", 0, True), ("while :; do :; done", 0.5, False)]
)
def test_a_child_starved_of_cpu_gets_its_time_again_once(
    program: str, cpu_seconds: float, starving: bool
) -> None:
    child = subprocess.Popen(["sh", "-c", program], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while group_cpu_seconds(child.pid) < cpu_seconds:  # however busy the machine is
            assert time.monotonic() < deadline
            time.sleep(0.1)
        now = time.monotonic()
        watch = Watch(child.pid, now - 1.0, now)  # given one second: it used ~0 s, or 0.5 s and more
        assert starved(watch) is starving
        watch.extended = True
        assert not starved(watch)  # once only
    finally:
        child.kill()
        child.wait()


def test_a_daemonic_process_still_reads_in_a_limited_child() -> None:
    """A Dask worker is a daemonic process: multiprocessing gives it no children, a new interpreter does."""
    context = multiprocessing.get_context("spawn")
    outcomes = context.Queue()
    daemon = context.Process(target=readers.read_in_a_daemon, args=(outcomes,), daemon=True)
    daemon.start()
    try:
        form, limited = outcomes.get(timeout=180)
    finally:
        daemon.join(timeout=30)
    assert form == "application" and "超时" in limited


MAIN_SCRIPT = """
import pathlib, sys, threading, time
pathlib.Path(sys.argv[1]).open("a").write(__name__ + "\\n")  # every import of this script, as main or not
if __name__ == "__main__":
    from cluster_intake.contained import Filing, filing_to_record
    threading.Thread(target=time.sleep, args=(30,), daemon=True).start()  # threads: the fork server path
    data = pathlib.Path(sys.argv[2]).read_bytes()
    for _ in range(2):
        print(filing_to_record(Filing("a.docx", data)).form)
"""


def test_a_reading_child_does_not_import_the_main_module_again(tmp_path: Path) -> None:
    """A served flow run's main is a console script or `prefect.engine`: importing it again in every
    reading child cost 0.3-2 s a filing."""
    script, imports = tmp_path / "main_script.py", tmp_path / "imports.txt"
    script.write_text(MAIN_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(imports), str(SAMPLE_DOCX)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["application", "application"]
    assert imports.read_text(encoding="utf-8").split() == ["__main__"]


def test_a_child_of_the_fork_server_starts_with_the_catalogues_loaded() -> None:
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait, daemon=True)  # threads: the fork server path
    waiting.start()
    try:
        with pytest.raises(DocumentLoadError) as caught:
            filing_to_record(FILING, read=readers.tells_what_was_loaded)
    finally:
        stop.set()
    assert caught.value.reason_en == "fields=1 rules=1"


def test_a_child_of_the_fork_server_imports_nothing_to_read_a_filing() -> None:
    """The child's own code (and Pillow, for page counts) was imported by every child, ≈30 ms a filing;
    the server's heap is frozen, so a child's collections neither scan nor copy it."""
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait, daemon=True)  # threads: the fork server path
    waiting.start()
    try:
        with pytest.raises(DocumentLoadError) as caught:
            filing_to_record(FILING, read=readers.tells_what_it_imported)
    finally:
        stop.set()
    assert caught.value.reason_en == "frozen=True extra="
