"""`cluster-intake review`, `cluster-intake users …` and `cluster-intake export`: the review station's
commands (argparse; imported only when one of them runs)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from cluster_intake.environment import environment_line
from cluster_intake.parsing import command_parser
from reports.records_table import CSV_HEADERS
from review.accounts import ROLES, AccountError, add_user, set_password, user_names
from review.web.config import DEFAULT_HOST, DEFAULT_PORT, ReviewConfig
from store.connection import StoreUrlError, default_url, open_engine

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
USERS_EXAMPLES = [
    "cluster-intake users add 张三 --role operator --out /data/intake",
    "cluster-intake users passwd 张三 --out /data/intake",
    "cluster-intake users list --out /data/intake",
]
NETWORK_WARNING = (
    "警告：审核站将在 {host}:{port} 上对局域网开放。登录密码和会话 cookie 以明文传输，"
    "请在前面配置 HTTPS 反向代理（并加 --https-proxy）后再让审核员使用。\n"
    "warning: the review station listens on {host}:{port} for the office network; put an HTTPS reverse "
    "proxy in front (and pass --https-proxy) before operators use it."
)


def _store_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, required=True, help="批处理输出文件夹 / the batch's output folder"
    )
    parser.add_argument("--db", dest="db_url", default=None, help="数据库 URL，默认 OUT/intake.sqlite")


def review_parser() -> argparse.ArgumentParser:
    """Return the parser of `cluster-intake review`."""
    parser = command_parser(
        "cluster-intake review",
        "启动审核站（浏览器访问）/ start the review station (a web app)",
        [
            "cluster-intake review --out /data/intake",
            "cluster-intake review --out /data/intake --host 0.0.0.0 --https-proxy",
        ],
    )
    _store_args(parser)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"监听地址，默认 {DEFAULT_HOST}")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口，默认 {DEFAULT_PORT}")
    parser.add_argument(
        "--https-proxy", action="store_true", help="前面有 HTTPS 反向代理：cookie 仅经 HTTPS 发送"
    )
    parser.add_argument("--threads", type=int, default=8, help="处理请求的线程数 / worker threads")
    return parser


def users_parser() -> argparse.ArgumentParser:
    """Return the parser of `cluster-intake users`."""
    parser = command_parser(
        "cluster-intake users",
        "审核站账户 / accounts of the review station (密码交互输入，不出现在命令行)",
        USERS_EXAMPLES,
    )
    commands = parser.add_subparsers(dest="action", required=True)
    add = commands.add_parser(
        "add",
        help="新增账户 / add an account",
        description="新增审核员或组长账户，密码输入两次 / add an account; the password is asked twice",
        epilog=f"例 / example:\n  {USERS_EXAMPLES[0]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    _store_args(add)
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（脚本用）")
    passwd = commands.add_parser(
        "passwd",
        help="重设密码并解锁 / set a new password, unlock",
        description="重设账户密码并解除锁定 / set a new password and unlock the account",
        epilog=f"例 / example:\n  {USERS_EXAMPLES[1]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    passwd.add_argument("name")
    _store_args(passwd)
    passwd.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（脚本用）")
    listing = commands.add_parser(
        "list",
        help="列出账户 / list accounts",
        description="按角色列出账户 / list the accounts by role",
        epilog=f"例 / example:\n  {USERS_EXAMPLES[2]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _store_args(listing)
    return parser


def export_parser() -> argparse.ArgumentParser:
    """Return the parser of `cluster-intake export`."""
    parser = command_parser(
        "cluster-intake export",
        "按审核结果导出 records.xlsx / records.csv / values.parquet / findings.parquet 与每份文件的 JSON"
        "（人工更正已代入并标出）/ export the records with the corrections applied and marked",
        [
            "cluster-intake export --out /data/intake --to /data/export",
            "cluster-intake export --out /data/intake --to /data/export --csv-headers id",
        ],
    )
    _store_args(parser)
    parser.add_argument("--to", type=Path, default=None, help="导出到的文件夹，默认 OUT/export")
    parser.add_argument(
        "--csv-headers",
        choices=CSV_HEADERS,
        default="label",
        help="records.csv 的表头：中文栏目名（label）或栏目编号（id，供脚本用）/ Chinese labels or field ids",
    )
    return parser


def _url(out: Path, db_url: str | None) -> str:
    return db_url or default_url(out)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码 / password: ")
    if getpass.getpass("再次输入 / again: ") != first:
        raise AccountError("两次输入的密码不一致 / the passwords differ")
    return first


def run_users(argv: Sequence[str]) -> int:
    """Given the arguments after `users`, add, change or list accounts; return the exit code."""
    args = users_parser().parse_args(list(argv))
    try:
        engine = open_engine(_url(args.out, args.db_url))
        if args.action == "list":
            for role in ROLES:
                print(f"{role}: {'、'.join(user_names(engine, role)) or '（无）'}")
            return EXIT_OK
        if args.action == "add":
            user = add_user(engine, args.name, args.role, _password(args.password_stdin))
            print(f"已添加 / added: {user.name}（{user.role}）")
        else:
            set_password(engine, args.name, _password(args.password_stdin))
            print(f"已重设密码 / password set: {args.name}")
    except (AccountError, StoreUrlError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run_export(argv: Sequence[str]) -> int:
    """Given the arguments after `export`, write the records with the corrections; return the exit code."""
    from review.exports import export_from_store

    args = export_parser().parse_args(list(argv))
    target = args.to or args.out / "export"
    try:
        files = export_from_store(open_engine(_url(args.out, args.db_url)), target, args.csv_headers)
    except StoreUrlError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # the target cannot be written (permissions, a full disk): one line
        print(environment_line("无法导出", "cannot export", error), file=sys.stderr)
        return EXIT_FAILED
    print(f"已导出 {len(files)} 个文件到 / exported {len(files)} files to: {target}")
    return EXIT_OK


def run_review(argv: Sequence[str]) -> int:
    """Given the arguments after `review`, serve the review station until stopped; return the exit code."""
    from waitress import serve

    from review.web.app import create_app

    args = review_parser().parse_args(list(argv))
    config = ReviewConfig(_url(args.out, args.db_url), args.out, args.host, args.port, args.https_proxy)
    try:
        app = create_app(config)
    except StoreUrlError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    if not config.loopback:
        print(NETWORK_WARNING.format(host=args.host, port=args.port), file=sys.stderr)
    print(f"审核站 / review station: http://{args.host}:{args.port}/  （Ctrl+C 停止 / to stop）")
    serve(app, host=args.host, port=args.port, threads=max(args.threads, 1), ident="cluster-intake")
    return EXIT_OK
