"""Command-line parsers that explain themselves: a description and an example for every command, and usage
errors in Chinese and English (argparse's own messages are English only).

Every parser of `cluster-intake` and its subcommands is made by `command_parser`, so `-h` shows what the
command does and one example, and a bad option ends with one bilingual line and exit status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

USAGE_STATUS = 2
TRANSLATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.+)$"), "缺少必需的参数：{0}"),
    (re.compile(r"^unrecognized arguments: (.+)$"), "无法识别的参数：{0}"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$"),
        "参数 {0} 的取值 {1} 无效，可选：{2}",
    ),
    (re.compile(r"^argument (\S+): expected one argument$"), "参数 {0} 需要一个值"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: (.+)$"), "参数 {0} 的值 {2} 无效"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), "参数 {0} 不能与 {1} 同时使用"),
    (re.compile(r"^one of the arguments (.+) is required$"), "需要以下参数之一：{0}"),
    (re.compile(r"^argument (\S+): (.+)$"), "参数 {0} 无效：{1}"),
)


def chinese_usage_error(message: str) -> str:
    """Given one of argparse's usage messages, return what it says in Chinese (generic when unknown)."""
    for pattern, text in TRANSLATIONS:
        match = pattern.match(message)
        if match:
            return text.format(*match.groups())
    return "命令行参数有误"


class CommandParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one bilingual line (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        """Given argparse's message, print the usage and the error in Chinese and English, then exit 2."""
        self.print_usage(sys.stderr)
        self.exit(USAGE_STATUS, f"{self.prog}: {chinese_usage_error(message)} / {message}\n")


def command_parser(prog: str, description: str, examples: str | list[str]) -> CommandParser:
    """Given a command's name, its description and one or more example lines, return its parser (help
    keeps the description's and the examples' line breaks)."""
    lines = [examples] if isinstance(examples, str) else examples
    return CommandParser(
        prog=prog,
        description=description,
        epilog="例 / example:\n" + "\n".join(f"  {line}" for line in lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
