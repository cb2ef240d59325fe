"""values.parquet / findings.parquet: the analysts' long tables next to the Excel outputs (pyarrow).

The pandas dtypes (nullable float, integer, boolean and string columns) are kept in the file's pandas
metadata, so `read_frame` gives back the very frame that was written. A file is written beside its final
name and renamed over it, so a reader never sees half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

VALUES_PARQUET, FINDINGS_PARQUET = "values.parquet", "findings.parquet"
COMPRESSION = "zstd"


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """Given a path and a frame (its index is not kept), write the frame there as Parquet."""
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression=COMPRESSION)


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
