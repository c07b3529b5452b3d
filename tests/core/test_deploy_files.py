"""The production files in deploy/ name only commands, options and units that exist, so the
operations guide cannot drift from the code: every `innonet` command line parses with that
command's own parser, the gunicorn line with gunicorn's, timers and the target point at units
that are shipped, and `systemd-analyze verify` accepts the units where it is installed."""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class
from django.utils.module_loading import import_string
from gunicorn.config import Config

from .worker_processes import DATABASE_TASKS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())
VENV_BIN = "/opt/innonet/.venv/bin/"


def unit_entries(path: Path) -> list[tuple[str, str, str]]:
    """(section, key, value) in file order; continued lines joined, comments dropped."""
    entries, section, pending = [], "", ""
    for raw in path.read_text().splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _sep, value = line.partition("=")
        entries.append((section, key.strip(), value.strip()))
    return entries


def exec_lines() -> list[tuple[str, list[str]]]:
    lines = []
    for path in UNITS:
        for _section, key, value in unit_entries(path):
            if key in ("ExecStart", "ExecStartPre", "ExecStartPost"):
                words = shlex.split(value)
                if words[:2] == ["/bin/sh", "-c"]:  # a shell line: $(…) stands for one word
                    words = shlex.split(re.sub(r"\$\([^)]*\)", "X", words[2].replace("exec ", "")))
                lines.append((path.name, words))
    return lines


def test_units_are_shipped():
    names = {path.name for path in UNITS}
    assert {"innonet-web.service", "innonet-worker@.service", "innonet.target"} <= names


@pytest.mark.parametrize(
    ("unit", "words"),
    [line for line in exec_lines() if line[1][0] == VENV_BIN + "innonet"],
    ids=lambda value: value if isinstance(value, str) else " ".join(value[1:3]),
)
def test_innonet_command_lines_parse(unit, words, settings):
    settings.TASKS = DATABASE_TASKS  # as in production: db_worker needs the database backend
    name, *arguments = words[1:]
    arguments = [argument.replace("%%", "%") for argument in arguments]
    commands = get_commands()
    assert name in commands, f"{unit}: no command `innonet {name}`"
    command = load_command_class(commands[name], name)
    command.create_parser("innonet", name).parse_args(arguments)


def test_gunicorn_line_parses_and_names_real_classes():
    (words,) = [words for _unit, words in exec_lines() if words[0] == VENV_BIN + "gunicorn"]
    parsed = Config().parser().parse_args(words[1:])
    assert parsed.args == ["innonet.wsgi:application"]
    assert parsed.bind == ["127.0.0.1:8000"], "gunicorn listens on loopback behind the proxy"
    import_string(parsed.logger_class)
    import_string(parsed.args[0].replace(":", "."))


def test_timers_and_target_name_shipped_units():
    names = {path.name for path in UNITS}
    for path in UNITS:
        for section, key, value in unit_entries(path):
            if path.suffix == ".timer" and section == "Timer":
                assert f"{path.stem}.service" in names
            if key in ("Wants", "WantedBy", "PartOf") and value.startswith("innonet"):
                for unit in value.split():
                    template = unit.split("@")[0] + "@.service" if "@" in unit else unit
                    assert template in names, f"{path.name}: {unit} is not shipped"


def test_services_share_the_metrics_directory():
    web = {key: value for _s, key, value in unit_entries(DEPLOY / "systemd/innonet-web.service")}
    worker = {
        key: value for _s, key, value in unit_entries(DEPLOY / "systemd/innonet-worker@.service")
    }
    assert web["Environment"] == worker["Environment"]
    assert web["Environment"].startswith("PROMETHEUS_MULTIPROC_DIR=/run/innonet/")


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_accepts_the_units(tmp_path):
    result = subprocess.run(  # nosec B603 - fixed arguments
        ["systemd-analyze", "verify", "--man=no", *map(str, UNITS)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    problems = [
        line
        for line in result.stderr.splitlines()
        # The machine running the tests has no innonet user, installation or PostgreSQL unit.
        if line.strip()
        and not any(
            expected in line
            for expected in (
                "/opt/innonet/.venv/bin/",
                "postgresql.service",
                "Failed to prepare filename",
                "is not executable",
                "No such file or directory",
                "Unit configuration has fatal error",
                "Failed to resolve",
                "unit is not loaded",
            )
        )
    ]
    assert not problems, result.stderr
