"""Two editors save the same version of an organisation, a person or a project at the same
moment: one wins, the other gets a conflict with the current data, nothing is lost
(RELIABILITY.md item 26).

Each editor is a thread with its own connection and transaction, as separate requests are; on
SQLite the tests run in a child process against a file (tests/core/test_on_a_sqlite_file.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from innonet.core.models import AuditEntry
from innonet.core.versioning import ConflictError
from innonet.partners import services as partners
from innonet.projects import services as projects
from tests.core.worker_processes import needs_real_connections
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
EDITORS = 2


def at_once(save, values):
    """Call `save(value)` for each value in its own thread, released together; returns the
    saved values and the conflicts."""
    start = threading.Barrier(len(values))

    def run(value):
        start.wait()
        try:
            save(value)
            return value, None
        except ConflictError as error:
            return None, error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(values)) as pool:
        outcomes = list(pool.map(run, values))
    return [v for v, _e in outcomes if v is not None], [e for _v, e in outcomes if e is not None]


def check_one_wins(record, read, saved, conflicts, action):
    assert len(saved) == 1 and len(conflicts) == EDITORS - 1
    record.refresh_from_db()
    assert read(record) == saved[0]  # the winner's change is stored, not overwritten
    assert record.version == 2
    assert all(error.current.version == 2 for error in conflicts)
    assert all(read(error.current) == saved[0] for error in conflicts)
    assert AuditEntry.objects.filter(action=action).count() == 1


@needs_real_connections
def test_two_editors_of_one_organisation():
    organisation = OrganisationFactory(city="Aurich")
    staff = UserFactory(role="staff")

    def save(city):
        partners.organisation_update(
            organisation, data={"city": city}, expected_version=1, acting_user=staff
        )

    saved, conflicts = at_once(save, [f"Ort {n}" for n in range(EDITORS)])
    check_one_wins(
        organisation, lambda o: o.city, saved, conflicts, "partners.organisation.updated"
    )


@needs_real_connections
def test_two_editors_of_one_person():
    person = PersonFactory(phone="")
    staff = UserFactory(role="staff")

    def save(phone):
        partners.person_update(person, data={"phone": phone}, expected_version=1, acting_user=staff)

    saved, conflicts = at_once(save, [f"0491 {n}" for n in range(EDITORS)])
    check_one_wins(person, lambda p: p.phone, saved, conflicts, "partners.person.updated")


@needs_real_connections
def test_two_editors_of_one_project():
    staff = UserFactory(role="staff")
    project = projects.project_create(data={"title": "Agrarsensorik"}, acting_user=staff)

    def save(step):
        projects.project_update(
            project, data={"next_step": step}, expected_version=1, acting_user=staff
        )

    saved, conflicts = at_once(save, [f"Schritt {n}" for n in range(EDITORS)])
    check_one_wins(project, lambda p: p.next_step, saved, conflicts, "projects.project.updated")
