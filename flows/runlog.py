"""The run's log file, OUT/logs/intake.log: every run's messages at INFO, and full tracebacks.

Prefect's run logger sends the same messages to the server's UI; the console shows warnings only (nothing
with --quiet). The file rotates at LOG_BYTES, keeping LOG_BACKUPS old files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_DIR, LOG_NAME = "logs", "intake.log"
LOG_BYTES, LOG_BACKUPS = 5 * 1024 * 1024, 5
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# Our packages log at INFO into the file (and Prefect's UI); other libraries stay at their levels.
OUR_LOGGERS = ("flows", "store", "extractors", "cluster_intake", "validators", "normalizers", "reports")
# Writes to the log file only: a failure's full traceback (Prefect shows its own in the UI and console).
FILE_ONLY = logging.getLogger("intake_log_file")
FILE_ONLY.propagate = False
FILE_ONLY.setLevel(logging.INFO)


def log_file(out: Path) -> Path:
    """Given a run's output folder, return its log file."""
    return out / LOG_DIR / LOG_NAME


@contextmanager
def run_log_file(out: Path) -> Iterator[Path]:
    """Given a run's output folder, log the run into OUT/logs/intake.log while inside; yield the file."""
    path = log_file(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in OUR_LOGGERS}
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    root.addHandler(handler)
    FILE_ONLY.addHandler(handler)
    try:
        yield path
    finally:
        FILE_ONLY.removeHandler(handler)
        root.removeHandler(handler)
        handler.close()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
