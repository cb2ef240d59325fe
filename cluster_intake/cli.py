"""Command line: `cluster-intake extract FILE`, `rules`, `run INBOX --out OUT`, `serve --inbox …`, and the
review station's `review`, `users`, `export`.

Every command has a description and an example (`-h`); every error is one line in Chinese and English
(`cluster_intake.parsing`, `cluster_intake.environment`); what a person reads (a filing's findings, the
rule table) is Chinese (`cluster_intake.console`). The extract path must start fast: it imports neither
Prefect nor pandas. `run` and `serve` hand over to `flows.launcher`, which imports only the standard
library and execs the Prefect batch process.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cluster_intake import package_version
from cluster_intake.console import findings_lines, rules_lines
from cluster_intake.contained import filing_to_record, named_filing
from cluster_intake.environment import environment_line
from cluster_intake.limits import ExtractionLimits
from cluster_intake.parsing import CommandParser, command_parser
from extractors.errors import IntakeError, SettingsError
from extractors.file_checks import printable_name
from extractors.ocr.options import OcrOptions
from flows.launcher import launch, launch_serve
from reports.verdict import SEVERITIES, verdict
from schema.record import Record
from schema.rules_catalog import Profile
from validators.profiles import DEFAULT_PROFILE, ProfileError, resolve_profile

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
DELEGATED = {
    "run": "批量处理文件夹 / run the batch over a folder (see `run -h`)",
    "serve": "按计划在 Prefect 服务器上运行 / serve the nightly batch (see `serve -h`)",
    "review": "启动审核站 / start the review station (see `review -h`)",
    "users": "审核站账户 / review station accounts (see `users -h`)",
    "export": "按审核结果导出 / export records with corrections (see `export -h`)",
}
"""Commands whose options their own parsers read (their modules load only when they run)."""
MAIN_EXAMPLES = [
    "cluster-intake extract 申报表.docx",
    "cluster-intake run /data/inbox --out /data/intake",
    "cluster-intake rules --profile shanghai_2024",
]
FOLDER_NOT_FILE = "是文件夹，不是文件（批量处理请用 run） / is a folder, not a file (use run for a folder)"
PROFILE_HELP = "认定标准配置：名称（national_2022 等）或 YAML 文件路径 / criteria profile: name or YAML path"


def _subcommand(
    commands: argparse._SubParsersAction[CommandParser], name: str, description: str, examples: list[str]
) -> CommandParser:
    """Given the subcommands, a name, its description (Chinese sentence, then ` / English`) and examples,
    add the subcommand; its one-line help is the description's first Chinese clause and the English."""
    chinese, english = description.split("/", 1)
    parser: CommandParser = commands.add_parser(
        name,
        help=f"{chinese.split('：', 1)[0]} / {english.strip().split(':', 1)[0]}",
        description=description,
        epilog="例 / example:\n" + "\n".join(f"  {line}" for line in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _extract_options(parser: CommandParser) -> None:
    parser.add_argument("file", type=Path, help="申报文件 / the filing (.docx .doc .wps .pdf .tif .jpg .png)")
    parser.add_argument("--json", action="store_true", help="输出 JSON 记录 / print the JSON record")
    parser.add_argument("--profile", default=None, help=PROFILE_HELP)
    parser.add_argument(
        "--severity",
        choices=SEVERITIES,
        default="info",
        help="只列出此严重程度及以上的异常（error 只列错误）/ list findings of this severity and above",
    )
    parser.add_argument(
        "--checklist",
        action="store_true",
        help="同时逐项列出佐证材料核对清单 / list the 佐证材料 checklist too",
    )


def _parser() -> CommandParser:
    parser = command_parser(
        "cluster-intake",
        "中小企业特色产业集群申报表（附件1）与复核申报表（附件2）的读取与校验 / "
        "read and check cluster application and review filings",
        MAIN_EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"cluster-intake {package_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = _subcommand(
        commands,
        "extract",
        "读取一份申报文件：列出其异常（先错误，后警告，各带位置），或以 --json 输出记录。"
        "/ read one filing: list its findings (errors first, each with its place) or print its record",
        ["cluster-intake extract 申报表.docx --severity warning", "cluster-intake extract 扫描件.pdf --json"],
    )
    _extract_options(extract)
    rules = _subcommand(
        commands,
        "rules",
        "列出校验规则：编号、名称、严重程度、类别及所选认定标准的阈值。"
        "/ list the rules with the profile's thresholds",
        ["cluster-intake rules", "cluster-intake rules --profile yunnan_provincial"],
    )
    rules.add_argument("--profile", default=None, help=PROFILE_HELP)
    for name, text in DELEGATED.items():
        commands.add_parser(name, help=text, add_help=False)
    return parser


def one_line(text: str) -> str:
    """Given a message, return it on one line (a YAML or library error may span several)."""
    return " ".join(text.split())


def say(text: str) -> None:
    """Given an error message, print it on stderr on one line."""
    print(one_line(text), file=sys.stderr)


def extract_settings(profile_name: str | None) -> tuple[Profile | None, ExtractionLimits]:
    """Given the --profile option, return the profile and the reading limits; raise ProfileError or
    SettingsError (every EXTRACT_* setting is checked before any file is read)."""
    profile = resolve_profile(profile_name) if profile_name else None
    OcrOptions.resolve()
    return profile, ExtractionLimits.resolve()


def print_record(record: Record, args: argparse.Namespace) -> None:
    """Given a record and the extract options, print it as JSON (with its verdict) or as findings."""
    if args.json:
        marked = record.model_copy(update={"verdict": verdict(record.exceptions)})
        sys.stdout.write(marked.to_json_text())
    else:
        print("\n".join(findings_lines(record, args.severity, args.checklist)))


def _is_folder(path: Path) -> bool:
    """Whether the path names a folder; a path that cannot even be looked at (a name too long) is left
    for the reader to refuse in its own words."""
    try:
        return path.is_dir()
    except OSError:
        return False


def run_extract(args: argparse.Namespace) -> int:
    """Given the extract options, print the filing's record; return the process exit code (2 with one
    line on stderr for anything that is not a readable form, whatever the input)."""
    file: Path = args.file
    try:
        profile, limits = extract_settings(args.profile)
    except (ProfileError, SettingsError) as error:
        say(error.one_line if isinstance(error, SettingsError) else str(error))
        return EXIT_BAD_INPUT
    if _is_folder(file):
        say(f"{printable_name(str(file))}: {FOLDER_NOT_FILE}")
        return EXIT_BAD_INPUT
    try:
        record = filing_to_record(named_filing(file), profile, None, limits)
    except IntakeError as error:
        say(f"{printable_name(str(file))}: {error.one_line}")
        return EXIT_BAD_INPUT
    print_record(record, args)
    return EXIT_OK


def run_rules(profile_name: str | None) -> int:
    """Given the --profile option, print the rule table with that profile's thresholds."""
    name = profile_name or DEFAULT_PROFILE
    try:
        profile = resolve_profile(name)
    except ProfileError as error:
        say(str(error))
        return EXIT_BAD_INPUT
    print("\n".join(rules_lines(profile, name)))
    return EXIT_OK


def run_delegated(command: str, rest: Sequence[str]) -> int:
    """Given a command whose own parser reads its options, run it (its modules load only here)."""
    if command == "run":
        return launch(rest)
    if command == "serve":
        return launch_serve(rest)
    from review import cli as review_cli

    runners = {
        "review": review_cli.run_review,
        "users": review_cli.run_users,
        "export": review_cli.run_export,
    }
    return runners[command](rest)


def run_command(parser: CommandParser, argv: Sequence[str] | None) -> int:
    """Given the parser and the arguments, run the command they name; return its exit status."""
    args, rest = parser.parse_known_args(argv)
    if args.command in DELEGATED:
        return run_delegated(args.command, rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "extract":
        return run_extract(args)
    return run_rules(args.profile)


def main(argv: Sequence[str] | None = None) -> int:
    """Given the command line (None: sys.argv), run it; a broken pipe, an interrupt, a machine problem
    (full disk, unwritable folder) or a defect of ours ends with one line, never a traceback."""
    try:
        return run_command(_parser(), argv)
    except BrokenPipeError:  # output piped into head/less that stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as error:
        say(environment_line("无法完成", "cannot finish", error))
        return EXIT_FAILED
    except Exception as error:  # a defect of ours: still one line, never a traceback
        say(f"内部错误 / internal error: {type(error).__name__}: {error}")
        return EXIT_BAD_INPUT


def entry_point() -> int:
    """Run `main` and flush stdout here, so a full disk or closed pipe at exit is one line too."""
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        say(environment_line("无法输出结果", "cannot write the output", error))
        return EXIT_FAILED
    return status


if __name__ == "__main__":
    sys.exit(entry_point())
