"""The batch job: a Prefect flow over a folder of filings (subpackage `flows.batch`) and its plain helpers.

Only modules under `flows.batch` import Prefect; `flows.batch/__init__` sets Prefect's offline defaults in
the environment first. Everything else here is plain Python, importable without Prefect.
"""
