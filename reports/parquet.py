"""values.parquet / findings.parquet: the analysts' long tables next to the Excel outputs (pyarrow).

The pandas dtypes (nullable float, integer, boolean and string columns) are kept in the file's pandas
metadata, so `read_frame` gives back the very frame that was written. A file is written beside its final
name and renamed over it, so a reader never sees half a file. values.parquet of a run is written a few
submissions at a time, one row group each (`write_values_parquet`): the same file as `values_frame`'s,
without the whole table in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from reports.frames import VALUE_COLUMNS, submission_value_rows, typed_frame
from reports.model import FilingReport, SubmissionReport
from reports.passes import feed
from schema.catalog import load_field_catalogue

VALUES_PARQUET, FINDINGS_PARQUET = "values.parquet", "findings.parquet"
COMPRESSION = "zstd"
BATCH_SUBMISSIONS = 50
"""Submissions per row group of values.parquet (about 200 rows each)."""


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """Given a path and a frame (its index is not kept), write the frame there as Parquet."""
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression=COMPRESSION)


def write_frames(path: Path, frames: Iterable[pd.DataFrame], empty: pd.DataFrame) -> None:
    """Given a path, frames of one table (their index is not kept) and the table without rows (its
    columns and dtypes), write them there as one Parquet file, a row group per frame: the file
    `write_parquet` writes of the frames put together."""
    schema = pa.Schema.from_pandas(empty, preserve_index=False)
    with pq.ParquetWriter(path, schema, compression=COMPRESSION) as writer:
        for frame in frames:
            writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))


class ValuesParquet:
    """values.parquet while its rows are made: a `reports.passes.SubmissionSink` that writes a row group
    of every `size` submissions (`flush` writes the rest)."""

    def __init__(self, writer: pq.ParquetWriter, size: int) -> None:
        self.catalogue = load_field_catalogue()
        self.writer = writer
        self.size = size
        self.rows: list[list[object]] = []
        self.waiting = 0

    def add_submission(self, positions: Sequence[int], submission: SubmissionReport) -> None:
        """Given a submission, add its values' rows; write a row group once `size` submissions wait."""
        self.rows.extend(submission_value_rows(self.catalogue, submission))
        self.waiting += 1
        if self.waiting == self.size:
            self.flush()

    def add_quarantined(self, position: int, report: FilingReport) -> None:
        """A quarantined file has no values: values.parquet does not list it."""

    def flush(self) -> None:
        """Write the waiting submissions' rows as a row group (nothing when none wait)."""
        if self.waiting:
            frame = typed_frame(self.rows, VALUE_COLUMNS)
            self.writer.write_table(
                pa.Table.from_pandas(frame, schema=self.writer.schema, preserve_index=False)
            )
        self.rows, self.waiting = [], 0


@contextmanager
def values_parquet(path: Path) -> Iterator[ValuesParquet]:
    """Given the output path, yield values.parquet's writer; the rest is written and the file closed when
    the block ends."""
    schema = pa.Schema.from_pandas(typed_frame([], VALUE_COLUMNS), preserve_index=False)
    with pq.ParquetWriter(path, schema, compression=COMPRESSION) as writer:
        values = ValuesParquet(writer, BATCH_SUBMISSIONS)
        yield values
        values.flush()


def write_values_parquet(path: Path, reports: Sequence[FilingReport]) -> None:
    """Given a path and the filings of a run, write values.parquet (`reports.frames.values_frame`'s table)
    a few submissions at a time."""
    with values_parquet(path) as values:
        feed(reports, [values])


def write_frame(path: Path, frame: pd.DataFrame) -> Path:
    """Given a path and a frame, write it as Parquet beside the path and rename it over; return the path."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        write_parquet(partial, frame)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def read_frame(path: Path) -> pd.DataFrame:
    """Given a Parquet file written by `write_frame`, return its frame with the dtypes it was written with."""
    frame: pd.DataFrame = pq.read_table(path).to_pandas()
    return frame


def write_tables(folder: Path, values: pd.DataFrame, findings: pd.DataFrame) -> list[Path]:
    """Given a folder, the long values table and the findings table, write values.parquet and
    findings.parquet there; return their paths."""
    return [write_frame(folder / VALUES_PARQUET, values), write_frame(folder / FINDINGS_PARQUET, findings)]
