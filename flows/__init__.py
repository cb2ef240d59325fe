"""The batch job: a Prefect flow over a folder of filings, and the plain steps it orchestrates.

    cluster-intake run INBOX --out OUT [--profile P] [--db URL] [--quiet] [--force] [--settle S]
                       [--dask tcp://HOST:8786 | --workers N]
    cluster-intake serve --inbox INBOX --out OUT --cron "0 2 * * *" …   (a deployment on a Prefect server)

Every file below INBOX (read only) ends as a record (OUT/records/<name>.json) or in OUT/quarantine/ with
<name>.reason.txt; lock files, hidden files, OS litter, links and special files are skipped and listed
with their reason. Each file is read once and parsed from those bytes in a limited child process
(`cluster_intake.contained`). OUT also gets
records.xlsx / records.csv (one row per filing), exceptions.xlsx (one row per finding, and a per-filing
summary), summary.md, and the store (OUT/intake.sqlite, or --db URL). A filing already stored with the
same content hash (and checked against the same criteria) is not read again unless --force; a run that
is killed is finished by the next one; a re-run with nothing new rewrites nothing. One run at a time per
OUT and store (`flows.lock`); what a run starts dies with it (`flows.lifeline`).

Exit statuses: `flows.exits`. Inbox life (settle wait, empty inbox): `flows.inbox`; the lock: `flows.lock`;
what a quiet run prints: `flows.notices`; the log file OUT/logs/intake.log: `flows.runlog`.

Layers: only `flows.batch` imports Prefect (its `__init__` sets Prefect's offline defaults first);
`flows.launcher` (used by `cluster_intake.cli`) imports only the standard library and execs
`python -m flows.batch` (or `flows.batch.serve`) with PREFECT_HOME=OUT/.prefect. The other modules here
are plain Python.
"""
