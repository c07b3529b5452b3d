"""Pages say in words what an audit entry or a background task was; every action code in the
sources and every task has such a description, so a new one cannot be forgotten."""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

import innonet
from innonet.core import audit, descriptions
from innonet.core.tasks import send_mail_task
from tests.core.test_tasks import DATABASE_TASKS

APPS = "accounts|core|partners|events|matching|projects|networks|content|reporting|demo|api"
ACTION_CODE = re.compile(rf"^(?:{APPS})\.[a-z_]+\.[a-z_]+$")


def action_codes_in_the_sources() -> dict[str, str]:
    """Every string literal shaped like an action code (`events.registration.confirmed`), and
    the start of every f-string shaped like one (a code built at run time)."""
    found = {}
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if ACTION_CODE.match(node.value):
                    found[node.value] = str(path)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if re.match(rf"^(?:{APPS})\.[a-z_]+\.$", head):
                    found[head + "{…}"] = str(path)
    return found


def tasks_in_the_sources() -> set[str]:
    """The import path of every background task defined in innonet's modules."""
    paths = set()
    for module in pkgutil.walk_packages(innonet.__path__, "innonet."):
        if ".migrations" in module.name or module.name.endswith(("wsgi", "cli")):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, Task):
                paths.add(value.module_path)
    return paths


def test_every_action_code_in_the_sources_has_a_description():
    codes = action_codes_in_the_sources()
    assert "matching.introduction.requested" in codes  # the search finds what services write
    assert len(codes) >= 90
    assert sorted(code for code in codes if code not in descriptions.ACTIONS) == []


def test_every_described_action_is_still_written_somewhere():
    codes = action_codes_in_the_sources()
    assert sorted(code for code in descriptions.ACTIONS if code not in codes) == []


def test_every_task_has_a_description():
    tasks = tasks_in_the_sources()
    assert "innonet.core.tasks.send_mail_task" in tasks
    assert sorted(tasks - descriptions.TASKS.keys()) == []
    assert sorted(descriptions.TASKS.keys() - tasks) == []


def test_descriptions_are_german_and_unknown_codes_stay_readable():
    with translation.override("de"):
        assert (
            descriptions.action_label("matching.introduction.requested")
            == "Vermittlung von einem Mitglied angefragt"
        )
        assert descriptions.task_label("innonet.core.tasks.send_mail_task") == "E-Mail senden"
        assert descriptions.action_label("old.code.gone") == "old.code.gone"
        assert descriptions.task_label("innonet.gone.tasks.old_task") == "old_task"


@pytest.mark.django_db
def test_the_audit_log_shows_descriptions_and_keeps_the_code_for_staff(
    staff_client, client_for, board_user, member_user
):
    audit.record(member_user, "matching.introduction.requested", user=member_user)
    page = staff_client.get(reverse("core:audit_list")).content.decode()
    assert "Vermittlung von einem Mitglied angefragt" in page
    assert 'title="matching.introduction.requested"' in page
    assert 'font-monospace">matching.introduction.requested</small>' in page

    board_page = client_for(board_user).get(reverse("core:audit_list")).content.decode()
    assert "Vermittlung von einem Mitglied angefragt" in board_page
    assert ">matching.introduction.requested<" not in board_page

    filtered = staff_client.get(
        reverse("core:audit_list"), {"action": "matching.introduction.requested"}
    ).content.decode()
    assert '<option value="matching.introduction.requested" selected>' in filtered


@pytest.mark.django_db
def test_the_task_list_shows_descriptions(staff_client):
    with override_settings(TASKS=DATABASE_TASKS):
        send_mail_task.enqueue(subject="Hallo", body="Text", recipients=["a@beispiel.de"])
        assert DBTaskResult.objects.count() == 1
        page = staff_client.get(reverse("core:task_list")).content.decode()
    assert '<span title="innonet.core.tasks.send_mail_task">E-Mail senden</span>' in page


def test_every_kind_of_participant_mail_has_words_in_the_outbox():
    from innonet.core.descriptions import MAIL_KINDS, mail_kind_label
    from innonet.events.mails import KINDS

    assert [kind for kind in KINDS if f"events.{kind}" not in MAIL_KINDS] == []
    assert mail_kind_label("accounts.password_reset_key") != "accounts.password_reset_key"
    assert mail_kind_label("something.new") == "something.new"
