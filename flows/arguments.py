"""The options of `cluster-intake run` and their checks (plain argparse; no Prefect)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RunOptions:
    """One batch run: the inbox folder, the output folder, profile, store URL and switches."""

    inbox: Path
    out: Path
    profile: str | None = None
    db_url: str | None = None
    quiet: bool = False
    force: bool = False


def run_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `cluster-intake run`."""
    parser = argparse.ArgumentParser(
        prog="cluster-intake run", description="批量读取一个文件夹中的申报文件 / process a folder of filings"
    )
    parser.add_argument("inbox", type=Path, help="申报文件所在文件夹（只读）/ folder of filings (read only)")
    parser.add_argument("--out", type=Path, required=True, help="输出文件夹 / output folder")
    parser.add_argument("--profile", default=None, help="认定标准配置 / criteria profile (name or YAML path)")
    parser.add_argument("--db", dest="db_url", default=None, help="数据库 URL，默认 OUT/intake.sqlite")
    parser.add_argument("--quiet", action="store_true", help="不显示进度，只输出错误 / no progress bar")
    parser.add_argument(
        "--force", action="store_true", help="重新读取已入库文件 / extract stored files again"
    )
    return parser


def parse_run_args(argv: Sequence[str]) -> RunOptions:
    """Given the arguments after `run`, return the options (argparse exits with status 2 on bad usage)."""
    args = run_parser().parse_args(list(argv))
    return RunOptions(args.inbox, args.out, args.profile, args.db_url, args.quiet, args.force)


def folder_problem(options: RunOptions) -> str | None:
    """Given the options, return why the folders cannot be used (Chinese / English), or None."""
    inbox, out = options.inbox.resolve(), options.out.resolve()
    if not inbox.is_dir():
        return f"输入文件夹不存在 / inbox is not a folder: {options.inbox}"
    if out == inbox or out.is_relative_to(inbox):
        return (
            f"输出文件夹不能位于输入文件夹内（输入文件夹只读）/ OUT must not be inside INBOX: {options.out}"
        )
    if out.exists() and not out.is_dir():
        return f"输出路径不是文件夹 / OUT is not a folder: {options.out}"
    return None
