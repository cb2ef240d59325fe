"""Review station speed: queue, submission and finding pages on a store of 1,000 submissions.

Usage: .venv/bin/python bench/bench_review.py [--submissions 1000] [--repeat 20]

The store is filled as the batch fills it (save, batch findings, submission row, review findings), from the
records of the sample .docx filings, each submission a copy with its own cluster name and content hash.
Server time is measured in-process with Flask's test client (no network): the time a page costs the
server, which is what grows with the store. Crop rendering is measured by bench/bench_crops.py.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select  # noqa: E402

from cluster_intake.pipeline import extract_record  # noqa: E402
from review.accounts import add_user  # noqa: E402
from review.refresh import refresh_submission  # noqa: E402
from review.web.app import create_app  # noqa: E402
from review.web.config import ReviewConfig  # noqa: E402
from schema.finding_ids import with_finding_ids  # noqa: E402
from schema.record import FieldEntry, Record  # noqa: E402
from store.connection import open_engine, sqlite_url  # noqa: E402
from store.repository import CopyMembership, FileFacts, FilingResult, IntakeStore  # noqa: E402
from store.review_tables import review_findings  # noqa: E402
from store.runs import RunCounts, finish_run, start_run  # noqa: E402
from store.submissions import SubmissionFacts, save_submission  # noqa: E402
from validators.submissions import cluster_key, submission_id  # noqa: E402

SAMPLES = sorted((ROOT / "sample_docs" / "docx").glob("*.docx"))
PASSWORD = "bench-password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def renamed(record: Record, number: int) -> Record:
    """Given a sample record, return a copy naming another cluster, with its own content hash."""
    name = f"浙江省慈溪市第{number}号智能家电产业集群"
    fields = dict(record.fields)
    for field_id in ("cover.cluster_name", "basic.cluster_name"):
        fields[field_id] = FieldEntry(value=name, status="present")
    sha = hashlib.sha256(f"bench-{number}".encode()).hexdigest()
    return record.model_copy(
        update={"fields": fields, "sha256": sha, "exceptions": with_finding_ids(record.exceptions, sha)}
    )


def fill(engine: Engine, count: int) -> float:
    """Given an empty store, file `count` submissions as the batch does; return the seconds per submission."""
    bases = [extract_record(path) for path in SAMPLES]
    store = IntakeStore(engine)
    run_id = start_run(engine, "/bench/inbox", "/bench/out", None)
    started = time.perf_counter()
    for number in range(count):
        record = renamed(bases[number % len(bases)], number)
        assert record.sha256 is not None
        facts = FileFacts(record.sha256, f"/bench/inbox/{number}.docx", f"{number}.docx", 1000)
        result = FilingResult(record, tuple(record.exceptions), "failed")
        filing_id = store.save_filing(facts, result, run_id)
        sid = submission_id(cluster_key(record))
        store.set_batch_findings(filing_id, [], "failed", run_id, CopyMembership(sid, "docx"))
        name = str(record.fields["cover.cluster_name"].value)
        save_submission(
            engine,
            SubmissionFacts(sid, record.form, name, "浙江省", "宁波市", "慈溪市", filing_id, "failed"),
            run_id,
        )
        refresh_submission(engine, sid)
    finish_run(engine, run_id, RunCounts(found=count, recorded=count))
    return (time.perf_counter() - started) / count


def timed(client: object, url: str, repeat: int) -> tuple[float, float]:
    """Given a logged-in client and a URL, return the median and p90 server time of a GET, in ms."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-review-") as folder:
        out = Path(folder)
        engine = open_engine(sqlite_url(out / "intake.sqlite"))
        per_submission = fill(engine, args.submissions)
        with engine.connect() as connection:
            findings = connection.execute(select(func.count()).select_from(review_findings)).scalar_one()
            ids = list(
                connection.execute(select(review_findings.c.finding_id, review_findings.c.submission_id))
            )
        add_user(engine, "bench", "operator", PASSWORD)
        app = create_app(ReviewConfig(str(engine.url), out), engine)
        client = app.test_client()
        token = TOKEN.search(client.get("/login").text)
        assert token is not None
        client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf_token": token.group(1)})
        picks = random.Random(7).sample(ids, min(args.repeat, len(ids)))
        print(f"store: {args.submissions} submissions, {findings} findings")
        print(f"batch filing + review refresh: {per_submission * 1000:.0f} ms per submission")
        pages = {
            "queue": "/",
            "queue, errors of one rule": "/?severity=error&rule=ratio_inconsistent",
            "queue, text search": "/?q=第999号",
            "queue, page 10": "/?page=10",
            "submission": f"/s/{picks[0].submission_id}",
        }
        for title, url in pages.items():
            median, p90 = timed(client, url, args.repeat)
            print(f"{title:28s} median {median:6.1f} ms   p90 {p90:6.1f} ms")
        times = sorted(timed(client, f"/f/{pick.finding_id}", 1)[0] for pick in picks)
        p90 = times[int(0.9 * (len(times) - 1))]
        print(f"{'finding (random)':28s} median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
