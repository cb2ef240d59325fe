"""The exit statuses of `cluster-intake run` (and of `serve` when it cannot start), for cron and systemd.

| status | meaning | what the operator does |
|---|---|---|
| 0 | the batch finished (quarantined files included) | nothing; read summary.md |
| 1 | the run failed (store unreachable, disk full, internal error) | read OUT/logs/intake.log |
| 2 | unusable options (output folder, profile, store URL; `serve` without a server) | fix the command |
| 3 | the inbox is empty or missing (an unmounted share?) | check the share; nothing was read |
| 4 | another run holds the lock of this output folder or store | wait; a killed run's lock frees itself |
| 130 | interrupted (Ctrl-C, SIGTERM) | run again: stored filings are not read twice |
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INBOX_EMPTY = 3
EXIT_LOCKED = 4
EXIT_INTERRUPTED = 130
