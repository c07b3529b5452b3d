"""Every background task says what happens when its worker dies in the middle (RELIABILITY.md
item 42): it runs again, or an `on_interrupted` handler marks what waited on it, or it is
declared safe to lose because a later run redoes its work. A new task without a decision fails
here; docs/decisions.md keeps the table of the decisions ("Worker killed during a task")."""

import importlib
import pkgutil
from pathlib import Path

from django_tasks.base import Task

import innonet
from innonet.core.tasking import interruption_plan

DECISIONS = Path(__file__).resolve().parents[2] / "docs" / "decisions.md"


def tasks_in_the_sources() -> dict[str, Task]:
    found = {}
    for module in pkgutil.walk_packages(innonet.__path__, "innonet."):
        if ".migrations" in module.name or module.name.endswith(("wsgi", "cli")):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, Task) and value.module_path.startswith("innonet."):
                found[value.module_path] = value
    return found


def test_every_task_declares_what_an_interruption_does():
    tasks = tasks_in_the_sources()
    assert len(tasks) >= 19  # the search finds the tasks of every app
    undecided = sorted(path for path, task in tasks.items() if interruption_plan(task) is None)
    assert undecided == []


def test_the_decisions_record_lists_every_task():
    text = DECISIONS.read_text().split("## Worker killed during a task", 1)
    assert len(text) == 2, "the decisions record has no table of the tasks"
    table = text[1].split("\n## ", 1)[0]
    missing = [
        path for path in tasks_in_the_sources() if f"`{path.rsplit('.', 1)[1]}`" not in table
    ]
    assert missing == []


def test_the_plans_are_what_the_decorators_say():
    from innonet.matching.tasks import rebuild_index, send_introduction_mail
    from innonet.partners.tasks import import_commit_task
    from innonet.reporting.tasks import refresh_figures

    assert interruption_plan(send_introduction_mail) == "retried"
    assert interruption_plan(import_commit_task) == "handled"
    assert interruption_plan(rebuild_index) == "retried+handled"
    assert interruption_plan(refresh_figures).startswith("safe to lose: ")
