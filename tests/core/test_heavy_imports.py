"""A web process that serves the registry does not load the numeric and spreadsheet libraries
(numpy, scipy, networkx, openpyxl: some 60 MB per process); the code that needs them loads them
on first use (decisions.md, "Heavy libraries")."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("numpy", "scipy", "networkx", "openpyxl")

# Starts Django as a web process does and loads every URL module, with every view.
WEB_PROCESS = r"""
import json, sys
import django
django.setup()
from django.urls import get_resolver
import innonet.wsgi
get_resolver().url_patterns
print(json.dumps(sorted(m for m in HEAVY if m in sys.modules)))
"""


def test_a_web_process_loads_no_heavy_library_before_it_needs_one(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innonet.settings",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "false",
        "HTTPS": "false",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{WEB_PROCESS}"],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_engine_loads_its_index_and_consortium_search_on_first_use() -> None:
    from innonet.matching import engine

    assert engine.Index.__name__ == "Index"
    assert callable(engine.propose_consortium)
    with pytest.raises(AttributeError):
        engine.NoSuchThing  # noqa: B018


def test_exports_strip_the_same_characters_as_the_spreadsheet_library() -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as LIBRARY

    from innonet.core.exports import ILLEGAL_CHARACTERS_RE

    every_control_character = "".join(chr(code) for code in range(32))
    assert ILLEGAL_CHARACTERS_RE.sub("", every_control_character) == LIBRARY.sub(
        "", every_control_character
    )
