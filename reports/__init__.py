"""Writers of a batch run's outputs: records table (xlsx/csv), exception report (xlsx), summary, progress."""
