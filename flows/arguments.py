"""The options of `cluster-intake run` and `cluster-intake serve` and their checks (argparse; no Prefect)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cluster_intake.parsing import command_parser

# A file whose size or modification time changes across this wait is still being copied: taken next run.
DEFAULT_SETTLE_SECONDS = 2.0
DEFAULT_DEPLOYMENT = "nightly"


@dataclass(frozen=True, slots=True)
class RunOptions:
    """One batch run: the inbox folder, the output folder, profile, store URL and switches."""

    inbox: Path
    out: Path
    profile: str | None = None
    db_url: str | None = None
    quiet: bool = False
    force: bool = False
    settle_seconds: float = DEFAULT_SETTLE_SECONDS


@dataclass(frozen=True, slots=True)
class ScaleOut:
    """Where the intake tasks run: a Dask scheduler's address, a local cluster of N workers, or here."""

    dask_address: str | None = None
    workers: int | None = None


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """`cluster-intake serve`: the runs' options, the schedule (cron or interval seconds) and scale-out."""

    run: RunOptions
    scale: ScaleOut
    cron: str | None
    interval: float | None
    name: str = DEFAULT_DEPLOYMENT
    timezone: str | None = None


def non_negative_seconds(text: str) -> float:
    """Given a command-line value, return it as seconds ≥ 0 (argparse reports anything else)."""
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be ≥ 0: {text}")
    return value


def positive_int(text: str) -> int:
    """Given a command-line value, return it as an integer ≥ 1 (argparse reports anything else)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be ≥ 1: {text}")
    return value


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """Given a parser, add the options a run and a served deployment share."""
    parser.add_argument("--out", type=Path, required=True, help="输出文件夹 / output folder")
    parser.add_argument("--profile", default=None, help="认定标准配置 / criteria profile (name or YAML path)")
    parser.add_argument("--db", dest="db_url", default=None, help="数据库 URL，默认 OUT/intake.sqlite")
    parser.add_argument(
        "--force", action="store_true", help="重新读取已入库文件 / extract stored files again"
    )
    parser.add_argument(
        "--settle",
        type=non_negative_seconds,
        default=DEFAULT_SETTLE_SECONDS,
        metavar="SECONDS",
        help="文件在此等待内无变化才读取 / a file must not change during this wait (still being copied)",
    )
    scale = parser.add_mutually_exclusive_group()
    scale.add_argument(
        "--dask", dest="dask_address", metavar="tcp://HOST:8786", help="Dask 调度器地址 / Dask scheduler"
    )
    scale.add_argument(
        "--workers", type=positive_int, metavar="N", help="启动本机 N 个 Dask 工作进程 / local Dask cluster"
    )


def run_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `cluster-intake run`."""
    parser = command_parser(
        "cluster-intake run",
        "批量读取一个文件夹（含子文件夹）中的申报文件，输出记录、异常清单、汇总和数据库 / "
        "process a folder of filings into records, exception lists, a summary and the store",
        [
            "cluster-intake run /data/inbox --out /data/intake",
            "cluster-intake run /data/inbox --out /data/intake --quiet --profile shanghai_2024",
        ],
    )
    parser.add_argument("inbox", type=Path, help="申报文件所在文件夹（只读）/ folder of filings (read only)")
    add_store_options(parser)
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="只输出自上次运行以来的新情况与错误 / print only what is new since the last run",
    )
    return parser


def serve_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `cluster-intake serve`."""
    parser = command_parser(
        "cluster-intake serve",
        "在 Prefect 服务器上按计划运行批处理 / serve the batch as a scheduled Prefect deployment "
        "(needs PREFECT_API_URL)",
        'cluster-intake serve --inbox /data/inbox --out /data/intake --cron "0 2 * * *"',
    )
    parser.add_argument("--inbox", type=Path, required=True, help="申报文件所在文件夹（只读）/ inbox folder")
    add_store_options(parser)
    schedule = parser.add_mutually_exclusive_group(required=True)
    schedule.add_argument("--cron", help='计划 / schedule, e.g. "0 2 * * *" (02:00 every night)')
    schedule.add_argument(
        "--interval", type=non_negative_seconds, metavar="SECONDS", help="每隔若干秒运行 / every N seconds"
    )
    parser.add_argument(
        "--timezone",
        default=None,
        help="计划的时区 / the schedule's time zone (default: this machine's)",
    )
    parser.add_argument("--name", default=DEFAULT_DEPLOYMENT, help="部署名称 / deployment name")
    return parser


def run_options_of(args: argparse.Namespace, inbox: Path, quiet: bool) -> RunOptions:
    """Given parsed arguments, the inbox and the quiet switch, return the run's options."""
    return RunOptions(inbox, args.out, args.profile, args.db_url, quiet, args.force, args.settle)


def parse_run_args(argv: Sequence[str]) -> tuple[RunOptions, ScaleOut]:
    """Given the arguments after `run`, return the options (argparse exits with status 2 on bad usage)."""
    args = run_parser().parse_args(list(argv))
    return run_options_of(args, args.inbox, args.quiet), ScaleOut(args.dask_address, args.workers)


def parse_serve_args(argv: Sequence[str]) -> ServeOptions:
    """Given the arguments after `serve`, return its options (argparse exits with status 2 on bad usage)."""
    args = serve_parser().parse_args(list(argv))
    run = run_options_of(args, args.inbox, quiet=True)
    scale = ScaleOut(args.dask_address, args.workers)
    return ServeOptions(run, scale, args.cron, args.interval, args.name, args.timezone)


def folder_problem(options: RunOptions) -> str | None:
    """Given the options, return why the folders cannot be used (Chinese / English), or None: a file given
    for the inbox, an output folder inside the inbox or that is a file.

    A missing inbox is not a usage error: it is reported as "inbox empty or missing" (an unmounted share).
    """
    inbox, out = options.inbox.resolve(), options.out.resolve()
    if inbox.exists() and not inbox.is_dir():
        return (
            f"输入路径是文件，不是文件夹（读取单个文件请用 extract）/ INBOX is a file, not a folder "
            f"(use extract for one file): {options.inbox}"
        )
    if out == inbox or out.is_relative_to(inbox):
        return (
            f"输出文件夹不能位于输入文件夹内（输入文件夹只读）/ OUT must not be inside INBOX: {options.out}"
        )
    if out.exists() and not out.is_dir():
        return f"输出路径是文件，不是文件夹 / OUT is a file, not a folder: {options.out}"
    return None
