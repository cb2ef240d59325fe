"""The Prefect layer of the batch job. Importing this package sets Prefect's offline defaults first.

Python runs a package's `__init__` before any of its modules, so the defaults below are in the environment
before `flows.batch.flow` imports Prefect (which reads its settings at import). Variables the user set
already are kept. `cluster-intake run` also sets PREFECT_HOME to OUT/.prefect before starting this process.
"""

from __future__ import annotations

import os

from flows.settings import apply_prefect_defaults

apply_prefect_defaults(os.environ)
