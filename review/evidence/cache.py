"""`EvidenceCache`: rendered evidence PNGs (and scan page geometries) on disk, so a second request is a read.

Entries are keyed by the original's SHA-256 (content, not name), page, kind, boxes rounded to
KEY_DECIMALS, and every render setting; a scan's page geometry by SHA-256, page and OCR dpi. Writers
write a temporary file in the same folder and rename it over the entry (atomic on POSIX), so
concurrent writers and readers — several web workers — never see a half-written file. A hit touches
the entry; past max_megabytes the least recently used entries are removed down to LOW_WATER of it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cluster_intake.pipeline import content_hash
from review.evidence.errors import EvidenceError
from review.evidence.frame import PageSource, Pixels
from review.evidence.recovery import scan_transform, timed_geometry
from review.evidence.render import Box, EvidenceSource, crop_png, open_page, page_png
from review.evidence.scan_geometry import PageGeometry, ScanTransform
from review.evidence.scan_source import ScanPageSource, working_page
from review.evidence.settings import DEFAULT_SETTINGS, RenderSettings

logger = logging.getLogger(__name__)

CACHE_VERSION = 1
"""Bump when rendering changes what an entry holds: old entries are then never read again (and age out)."""
DEFAULT_CACHE_MEGABYTES = 512.0
KEY_DECIMALS = 1
LOW_WATER = 0.9
RESCAN_EVERY = 64
"""Writes between two measurements of the folder (others' writes are seen then)."""
STALE_TEMP_SECONDS = 3600.0
TEMP_PREFIX = ".tmp-"
MAX_REMEMBERED_HASHES = 4096
MEMORY_PAGES = 4
"""Decoded scan pages kept in memory (a finding's page image and crop are two requests: one decode)."""


class _PageMemory:
    """The last few decoded scan pages (read-only arrays), shared by the threads of one process."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._pages: OrderedDict[tuple[str, int, int], Pixels] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int, int], load: Callable[[], Pixels]) -> Pixels:
        """Given a key and how to load the page, return the page, loading it on a miss."""
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        page = load()
        page.flags.writeable = False
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
        return page


def _token(settings: RenderSettings, transform: ScanTransform | None) -> str:
    """The settings (and a given transform) as the last part of a cache key."""
    return settings.cache_token() + ("" if transform is None else transform.to_json())


def _geometry(data: bytes | None) -> PageGeometry | None:
    """A cached page geometry, or None when absent or unreadable (it is then computed again)."""
    if data is None:
        return None
    try:
        return PageGeometry.from_json(data.decode("utf-8"))
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class _Entry:
    path: Path
    size: int
    used: float


class EvidenceCache:
    """Rendered page images and crops, and scan page geometries, in `folder` (created when missing)."""

    def __init__(self, folder: Path, max_megabytes: float = DEFAULT_CACHE_MEGABYTES) -> None:
        if max_megabytes <= 0:
            raise ValueError(f"max_megabytes must be positive; got {max_megabytes}")
        self.folder = folder
        self.max_bytes = int(max_megabytes * 1024 * 1024)
        folder.mkdir(parents=True, exist_ok=True)
        self._hashes: dict[tuple[str, int, int], str] = {}
        self._memory = _PageMemory(MEMORY_PAGES)
        self._writes = 0
        self._total = sum(entry.size for entry in self._entries())

    def page_png(
        self,
        original: Path,
        source: EvidenceSource,
        page: int,
        highlights: Sequence[Box],
        settings: RenderSettings = DEFAULT_SETTINGS,
        *,
        sha256: str | None = None,
        transform: ScanTransform | None = None,
    ) -> bytes:
        """Given what `render_page` takes (and the original's SHA-256 when known, e.g. Record.sha256),
        return the page PNG from the cache, rendering and storing it on a miss."""
        digest = sha256 or self.file_hash(original)
        key = self.key("page", digest, source, page, list(highlights), _token(settings, transform))
        cached = self.read(key, ".png")
        if cached is not None:
            return cached
        data = self._render(
            original,
            source,
            page,
            settings,
            digest,
            transform,
            partial(page_png, highlights=highlights, settings=settings),
        )
        self.write(key, ".png", data)
        return data

    def crop_png(
        self,
        original: Path,
        source: EvidenceSource,
        page: int,
        bbox: Box,
        settings: RenderSettings = DEFAULT_SETTINGS,
        *,
        sha256: str | None = None,
        transform: ScanTransform | None = None,
    ) -> bytes:
        """Given what `render_crop` takes (and the SHA-256 when known), return the crop PNG, cached."""
        digest = sha256 or self.file_hash(original)
        key = self.key("crop", digest, source, page, [bbox], _token(settings, transform))
        cached = self.read(key, ".png")
        if cached is not None:
            return cached
        data = self._render(
            original,
            source,
            page,
            settings,
            digest,
            transform,
            partial(crop_png, bbox=bbox, settings=settings),
        )
        self.write(key, ".png", data)
        return data

    def _render(
        self,
        original: Path,
        source: EvidenceSource,
        page: int,
        settings: RenderSettings,
        digest: str,
        transform: ScanTransform | None,
        draw: Callable[[PageSource], bytes],
    ) -> bytes:
        """Given an original's page and how to draw it, return the drawing; a scan page comes decoded
        from memory when it was recently used, with its transform (unless given) from the cached page
        geometries."""
        if source != "ocr":
            with open_page(original, source, page, settings, None) as page_source:
                return draw(page_source)
        transform = transform or self.scan_transform(original, page, settings, sha256=digest)
        deadline = time.monotonic() + settings.render_seconds
        return draw(ScanPageSource(self._working(original, page, settings, digest, deadline), transform))

    def _working(
        self, original: Path, page: int, settings: RenderSettings, digest: str, deadline: float
    ) -> Pixels:
        return self._memory.get(
            (digest, page, settings.ocr_dpi), lambda: working_page(original, page, settings, deadline)
        )

    def scan_transform(
        self,
        original: Path,
        page: int,
        settings: RenderSettings = DEFAULT_SETTINGS,
        *,
        sha256: str | None = None,
    ) -> ScanTransform:
        """Given a scan and a page, return its recovered transform, each page geometry computed once."""
        digest = sha256 or self.file_hash(original)
        deadline = time.monotonic() + settings.render_seconds

        def lookup(number: int) -> PageGeometry:
            key = self.key("geometry", digest, "ocr", number, [], str(settings.ocr_dpi))
            known = _geometry(self.read(key, ".json"))
            if known is not None:
                return known
            geometry = timed_geometry(self._working(original, number, settings, digest, deadline), deadline)
            self.write(key, ".json", geometry.to_json().encode("utf-8"))
            return geometry

        return scan_transform(original, page, settings, geometry=lookup)

    def prepare(
        self,
        original: Path,
        pages: Sequence[int],
        settings: RenderSettings = DEFAULT_SETTINGS,
        *,
        sha256: str | None = None,
    ) -> None:
        """Given a scan and page numbers, compute and store their transforms ahead of a request (the
        first view of a scan page otherwise pays ~0.5 s for it); e.g. from a background thread when a
        submission is opened, or after ingestion."""
        digest = sha256 or self.file_hash(original)
        for page in pages:
            self.scan_transform(original, page, settings, sha256=digest)

    def file_hash(self, original: Path) -> str:
        """Given a file, return its SHA-256, remembered while its size and modification time stay;
        raise EvidenceError when it cannot be read."""
        try:
            return self._file_hash(original)
        except OSError as error:
            raise EvidenceError("文件无法打开", f"cannot read {original.name}: {error.strerror}") from error

    def _file_hash(self, original: Path) -> str:
        stat = original.stat()
        identity = (str(original.resolve()), stat.st_size, stat.st_mtime_ns)
        known = self._hashes.get(identity)
        if known is None:
            if len(self._hashes) >= MAX_REMEMBERED_HASHES:
                self._hashes.clear()
            known = self._hashes[identity] = content_hash(original)
        return known

    @staticmethod
    def key(kind: str, digest: str, source: str, page: int, boxes: Sequence[Box], token: str) -> str:
        """Given what identifies an entry, return its key (hex SHA-256 of the canonical JSON of it)."""
        rounded = [[round(float(v), KEY_DECIMALS) for v in box] for box in boxes]
        text = json.dumps([CACHE_VERSION, kind, digest, source, page, rounded, token], separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def read(self, key: str, suffix: str) -> bytes | None:
        """Given a key and suffix, return the entry's bytes (touching it), or None when absent."""
        path = self._path(key, suffix)
        try:
            data = path.read_bytes()
            os.utime(path)
        except FileNotFoundError:
            return None
        return data

    def write(self, key: str, suffix: str, data: bytes) -> None:
        """Given a key, suffix and bytes, store them atomically, then evict past the size cap."""
        path = self._path(key, suffix)
        path.parent.mkdir(exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._total += len(data)
        self._writes += 1
        if self._total > self.max_bytes or self._writes % RESCAN_EVERY == 0:
            self.evict()

    def _entries(self) -> list[_Entry]:
        entries: list[_Entry] = []
        now = time.time()
        for path in self.folder.glob("*/*"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if path.name.startswith(TEMP_PREFIX):
                if now - stat.st_mtime > STALE_TEMP_SECONDS:
                    path.unlink(missing_ok=True)
                continue
            entries.append(_Entry(path, stat.st_size, stat.st_mtime))
        return entries

    def evict(self) -> None:
        """Measure the folder; past the cap, remove least recently used entries down to LOW_WATER of it."""
        entries = sorted(self._entries(), key=lambda entry: entry.used)
        total = sum(entry.size for entry in entries)
        if total > self.max_bytes:
            for entry in entries:
                if total <= LOW_WATER * self.max_bytes:
                    break
                entry.path.unlink(missing_ok=True)
                total -= entry.size
        self._total = total
