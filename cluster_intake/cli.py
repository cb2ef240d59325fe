"""Command line: `cluster-intake extract FILE --json`, `rules`, `run INBOX --out OUT`, `serve --inbox …`.

The extract path must start fast: it imports neither Prefect nor pandas. `run` and `serve` hand
over to `flows.launcher`, which imports only the standard library and execs the Prefect batch process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cluster_intake.contained import Filing, filing_to_record
from cluster_intake.limits import ExtractionLimits
from extractors.errors import IntakeError, SettingsError
from extractors.file_checks import printable_name, read_filing
from extractors.ocr.options import OcrOptions
from flows.launcher import launch, launch_serve
from schema.record import Record
from schema.rules_catalog import Profile, load_rule_catalogue
from validators.profiles import ProfileError, resolve_profile

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
REVIEW_COMMANDS = {
    "review": "启动审核站 / start the review station (see `review -h`)",
    "users": "审核站账户 / review station accounts (see `users -h`)",
    "export": "按审核结果导出 / export records with corrections (see `export -h`)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cluster-intake", description="中小企业特色产业集群申报表读取与校验"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="读取一份申报文件 / read one filing")
    extract.add_argument("file", type=Path)
    extract.add_argument("--json", action="store_true", help="输出 JSON 记录 / print the JSON record")
    extract.add_argument(
        "--profile", default=None, help="认定标准配置 / criteria profile (name or YAML path)"
    )
    commands.add_parser("rules", help="列出校验规则 / list the rule catalogue")
    commands.add_parser("run", help="批量处理文件夹 / run the batch (see `run -h`)", add_help=False)
    commands.add_parser(
        "serve",
        help="按计划在 Prefect 服务器上运行 / serve the nightly batch (see `serve -h`)",
        add_help=False,
    )
    for name, text in REVIEW_COMMANDS.items():
        commands.add_parser(name, help=text, add_help=False)
    return parser


def _print_summary(record: Record) -> None:
    present = sum(1 for entry in record.fields.values() if entry.status == "present")
    print(f"{record.source}：{record.form}，{len(record.fields)}个栏目，{present}个单值栏目已填写")
    for item in record.exceptions:
        where = f"{item.field}{'/' + item.year if item.year else ''}" if item.field else "-"
        print(f"[{_SEVERITY_ZH[item.severity]}] {item.rule} {where}：{item.message}")


def one_line(text: str) -> str:
    """Given a message, return it on one line (a YAML or library error may span several)."""
    return " ".join(text.split())


def extract_settings(profile_name: str | None) -> tuple[Profile | None, ExtractionLimits]:
    """Given the --profile option, return the profile and the reading limits; raise ProfileError or
    SettingsError (every EXTRACT_* setting is checked before any file is read)."""
    profile = resolve_profile(profile_name) if profile_name else None
    OcrOptions.resolve()
    return profile, ExtractionLimits.resolve()


def read_named(file: Path) -> Filing:
    """Given the path an operator named, return the filing: its printable name and its bytes, read once
    (a link the operator named is followed to its target, which is then read without following more)."""
    return Filing(printable_name(file.name), read_filing(Path(os.path.realpath(file))))


def run_extract(file: Path, as_json: bool, profile_name: str | None) -> int:
    """Given a filing path, print its record; return the process exit code (2 with one line on stderr
    for anything that is not a readable form, whatever the input)."""
    try:
        profile, limits = extract_settings(profile_name)
    except ProfileError as error:
        print(one_line(f"认定标准配置无效 / invalid criteria profile: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except SettingsError as error:
        print(one_line(error.one_line), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        record = filing_to_record(read_named(file), profile, None, limits)
    except IntakeError as error:
        print(one_line(f"{printable_name(str(file))}: {error.one_line}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    if as_json:
        json.dump(record.to_jsonable(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_summary(record)
    return EXIT_OK


def run_rules() -> int:
    """Print the rule catalogue: id, severity, description, message."""
    for rule in load_rule_catalogue().rules:
        print(f"{rule.id}\t{_SEVERITY_ZH[rule.severity]}\t{rule.category}\t{rule.message}")
    return EXIT_OK


def run_review_command(command: str, rest: Sequence[str]) -> int:
    """Given a review station command and its arguments, run it (its modules load only here)."""
    from review import cli as review_cli

    runners = {
        "review": review_cli.run_review,
        "users": review_cli.run_users,
        "export": review_cli.run_export,
    }
    return runners[command](rest)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, rest = parser.parse_known_args(argv)
    if args.command == "run":
        return launch(rest)
    if args.command == "serve":
        return launch_serve(rest)
    if args.command in REVIEW_COMMANDS:
        return run_review_command(args.command, rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        if args.command == "extract":
            return run_extract(args.file, args.json, args.profile)
        return run_rules()
    except BrokenPipeError:  # output piped into head/less that stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # a defect of ours: still one line, never a traceback
        print(one_line(f"内部错误 / internal error: {type(error).__name__}: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
