"""The task runner of a run: the flow's own (a thread per core, `flows.batch.flow.LOCAL_RUNNER`), or Dask
(prefect-dask).

`--dask tcp://HOST:8786` sends the extraction tasks to a running Dask scheduler; `--workers N` starts a
local cluster of N single-threaded worker processes on 127.0.0.1 (no dashboard) for the run. Workers read
each filing by its path and import this project: see README "Scale-out on Dask".
"""

from __future__ import annotations

from typing import Any

from prefect.task_runners import TaskRunner

from flows.arguments import ScaleOut


def task_runner_for(scale: ScaleOut) -> TaskRunner[Any] | None:
    """Given the scale-out options, return the Dask task runner they ask for, or None (the flow's own)."""
    if scale.dask_address is None and scale.workers is None:
        return None
    from prefect_dask.task_runners import DaskTaskRunner  # imported only when asked for (dask is heavy)

    if scale.dask_address is not None:
        return DaskTaskRunner(address=scale.dask_address)
    cluster = {
        "n_workers": scale.workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        # the scheduler's HTTP endpoint on a free local port (two runs may each start a cluster), no dashboard
        "dashboard_address": "127.0.0.1:0",
        "scheduler_kwargs": {"dashboard": False},
    }
    return DaskTaskRunner(cluster_kwargs=cluster)
