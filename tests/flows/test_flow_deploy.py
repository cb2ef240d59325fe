"""The systemd units in deploy/systemd: their commands are ones our CLI and Prefect accept, their settings apply."""

from __future__ import annotations

import configparser
import shlex
import subprocess
import sys
from pathlib import Path

from flows.arguments import parse_serve_args
from flows.batch.serve import schedule_of

UNITS = Path(__file__).parents[2] / "deploy" / "systemd"
PREFECT = str(Path(sys.executable).with_name("prefect"))


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def environment_file() -> dict[str, str]:
    lines = (UNITS / "cluster-intake.env").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("=", 1) for line in lines if line.strip() and not line.startswith("#")]
    return {key: value for key, value in pairs}


def test_the_serve_unit_runs_a_nightly_schedule_our_cli_accepts() -> None:
    service = unit("cluster-intake-serve.service")
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[0].endswith("/.venv/bin/cluster-intake") and command[1] == "serve"
    options = parse_serve_args(command[2:])  # exits (SystemExit) on an option we do not have
    assert options.cron == "0 2 * * *" and options.run.quiet
    schedule = schedule_of(options)
    assert schedule.cron == "0 2 * * *" and schedule.timezone
    assert service["Unit"]["Requires"] == "prefect-server.service"


def test_the_server_unit_keeps_its_database_in_our_data_folder() -> None:
    service = unit("prefect-server.service")
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[1:4] == ["server", "start", "--host"] and command[4] == "127.0.0.1"
    help_text = subprocess.run([PREFECT, "server", "start", "--help"], capture_output=True, text=True).stdout
    assert "--host" in help_text and "--port" in help_text
    settings = environment_file()
    home = settings["PREFECT_HOME"]
    assert home.startswith("/var/lib/cluster-intake/")
    assert settings["PREFECT_SERVER_DATABASE_CONNECTION_URL"].endswith(f"{home}/prefect.db")
    assert settings["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"


def test_prefect_reads_the_environment_file() -> None:
    code = (
        "from prefect.settings import get_current_settings as s; c = s(); "
        "print(c.server.database.connection_url.get_secret_value()); print(c.api.url); print(c.home)"
    )
    environment = {**environment_file(), "PATH": "/usr/bin:/bin"}
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    database, api, home = shown.stdout.split()
    assert database == environment["PREFECT_SERVER_DATABASE_CONNECTION_URL"]
    assert api == environment["PREFECT_API_URL"] and home == environment["PREFECT_HOME"]
