"""Keep a copy of every recorded filing under OUT/originals, named by content hash, for the evidence pages.

The review station renders a finding's page, crop or table from the original file; inboxes are emptied or
reorganised after intake, so the batch keeps its own copy. A copy whose bytes do not hash to the recorded
hash (the file changed while it was read) is dropped: evidence must show what was read.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from extractors.errors import DocumentLoadError
from extractors.file_checks import MAX_FILING_BYTES, read_regular_file

logger = logging.getLogger(__name__)

ORIGINALS_DIR = "originals"
SUFFIX_MAX = 10


def original_path(out: Path, sha256: str, suffix: str) -> Path:
    """Given the output folder, a content hash and the file's suffix, return where its copy is kept."""
    safe = suffix.lower() if suffix.isascii() and len(suffix) <= SUFFIX_MAX and suffix[1:].isalnum() else ""
    return out / ORIGINALS_DIR / sha256[:2] / f"{sha256}{safe}"


def keep_original(out: Path, source: Path, sha256: str, within: Path | None = None) -> Path | None:
    """Given the output folder, a recorded file, its content hash (and the folder it must lie in), copy it
    (owner-only) under originals unless a copy is there already; return the copy's path, None when it
    could not be kept. The file is read like a filing (`read_regular_file`: no link followed, no FIFO
    opened, nothing outside `within`, at most the size limit)."""
    target = original_path(out, sha256, source.suffix)
    if target.exists():
        return target
    partial = target.with_name(f".{target.name}.partial")
    try:
        data = read_regular_file(source, MAX_FILING_BYTES, within)
        if hashlib.sha256(data).hexdigest() != sha256:
            logger.warning("%s changed while it was read; no evidence copy kept", source)
            return None
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as writer:
            writer.write(data)
        os.replace(partial, target)
    except (OSError, DocumentLoadError) as error:
        logger.warning("cannot keep a copy of %s: %s", source, error)
        partial.unlink(missing_ok=True)
        return None
    return target
