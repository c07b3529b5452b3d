"""Who opened or exported whose personal data (RELIABILITY item 41): the person page, data
exports, list exports, printed lists and the people API write the access log; staff see it
per person, as a page and as CSV, and it is part of the person's own data export."""

import csv
import html
import io
import json
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone, translation

from innonet.accounts import services as account_services
from innonet.core.access_log import described
from innonet.core.models import AccessKind, AuditEntry, PersonalDataAccess
from innonet.events.models import Registration
from tests.factories import (
    AffiliationFactory,
    PersonalDataAccessFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)


@pytest.fixture
def person(db):
    return PersonFactory(first_name="Erika", last_name="Musterfrau", email="erika@firma.de")


def accesses(person, **filters):
    return PersonalDataAccess.objects.filter(
        subject_type="partners.person", subject_id=person.pk, **filters
    )


def test_every_opening_of_a_person_page_is_logged(staff_client, staff_user, person):
    url = reverse("partners:person_detail", args=[person.pk])
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    rows = accesses(person, kind=AccessKind.VIEWED)
    assert rows.count() == 2
    assert {row.actor_id for row in rows} == {staff_user.pk}
    assert rows.first().source == "partners:person_detail"
    # written by a plain insert: the time reads back as the ORM writes it
    assert abs(rows.first().created_at - timezone.now()) < timedelta(minutes=1)
    assert rows.filter(created_at__gt=timezone.now() - timedelta(minutes=1)).count() == 2


def test_the_page_is_shown_when_the_access_log_cannot_be_written(staff_client, person):
    """Decision: a failed write of a view is logged and the page still shown."""
    url = reverse("partners:person_detail", args=[person.pk])
    with mock.patch("innonet.core.access_log._insert", side_effect=DatabaseError("disk full")):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert not accesses(person).exists()


def test_a_data_export_is_logged_and_not_handed_out_unlogged(staff_client, person):
    url = reverse("partners:person_export_json", args=[person.pk])
    assert staff_client.get(url).status_code == 200
    assert accesses(person, kind=AccessKind.EXPORTED).get().source.endswith("(JSON)")
    with (
        mock.patch("innonet.core.access_log._insert", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        staff_client.get(url)


def test_a_list_export_logs_every_person_in_it(staff_client, person):
    other = PersonFactory(last_name="Zweite")
    response = staff_client.get(reverse("partners:person_export", kwargs={"fmt": "csv"}))
    assert response.status_code == 200
    exported = PersonalDataAccess.objects.filter(kind=AccessKind.EXPORTED)
    assert {person.pk, other.pk} <= set(exported.values_list("subject_id", flat=True))
    assert exported.first().source.endswith(".csv")  # the file's name


def test_registration_exports_and_printed_lists_log_the_registrations(staff_client):
    registration = RegistrationFactory()
    event = registration.event
    for name, kwargs in (
        ("events:registration_export", {"pk": event.pk, "fmt": "xlsx"}),
        ("events:participant_list_pdf", {"pk": event.pk}),
    ):
        assert staff_client.get(reverse(name, kwargs=kwargs)).status_code == 200
    rows = PersonalDataAccess.objects.filter(
        subject_type="events.registration", subject_id=registration.pk
    )
    assert rows.count() == 2


def _token_client(client, user):
    cache.clear()
    _, plain = account_services.api_token_create(
        user, name="t", scope="read", days=1, acting_user=user
    )
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
    return client


def test_the_people_api_logs_detail_and_list_reads(client, person):
    staff = UserFactory(role="staff")
    api = _token_client(client, staff)
    assert api.get(f"/api/people/{person.pk}/").status_code == 200
    assert api.get("/api/people/").status_code == 200
    rows = accesses(person, kind=AccessKind.API)
    assert sorted(rows.values_list("source", flat=True)) == ["api: people list", "api: person"]
    assert api.get("/api/people/999999/").status_code == 404
    assert not PersonalDataAccess.objects.filter(subject_id=999999).exists()


def test_a_member_s_api_reads_are_logged_for_their_own_people_only(client, member_user, person):
    AffiliationFactory(person=person, organisation=member_user.organisation)
    stranger = PersonFactory(last_name="Fremd")
    api = _token_client(client, member_user)
    assert api.get("/api/people/").status_code == 200
    seen = set(PersonalDataAccess.objects.values_list("subject_id", flat=True))
    assert person.pk in seen and stranger.pk not in seen


def test_who_saw_a_person_lists_views_exports_and_registrations(staff_client, person):
    registration = RegistrationFactory(person=person, email=person.email)
    viewer = UserFactory(role="staff", full_name="Bernd Betrachter")
    PersonalDataAccessFactory(actor=viewer, actor_label=str(viewer), subject_id=person.pk)
    PersonalDataAccessFactory(
        subject_type="events.registration",
        subject_id=registration.pk,
        kind=AccessKind.EXPORTED,
        source="registrations-1.csv",
    )
    PersonalDataAccessFactory(subject_id=PersonFactory().pk, source="someone-else")
    page = staff_client.get(reverse("partners:person_accesses", args=[person.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bernd Betrachter" in text and "registrations-1.csv" in text
    assert "someone-else" not in text


def test_the_list_names_pages_and_records_as_office_staff_read_them(staff_client, person):
    registration = RegistrationFactory(person=person, email=person.email)
    PersonalDataAccessFactory(subject_id=person.pk, source="partners:person_detail")
    PersonalDataAccessFactory(
        subject_type="events.registration", subject_id=registration.pk, source="api: person"
    )
    page = staff_client.get(reverse("partners:person_accesses", args=[person.pk]))
    text = html.unescape(page.content.decode())
    assert "partners:person_detail" not in text and "api: person" not in text
    assert "partners.person:" not in text and "events.registration:" not in text
    assert f"{person.first_name} {person.last_name}" in text
    assert f"· {registration.event}" in text


def test_a_record_deleted_since_is_named_by_its_kind_and_number(person):
    gone = RegistrationFactory(person=person, email=person.email)
    access = PersonalDataAccessFactory(
        subject_type="events.registration", subject_id=gone.pk, source="registrations-1.csv"
    )
    gone_id = gone.pk
    gone.delete()
    with translation.override("en"):
        (item,) = described([access])
    assert item.record == f"registration (deleted, no. {gone_id})"
    assert item.source == "registrations-1.csv"


def test_who_saw_a_person_as_csv(staff_client, person):
    PersonalDataAccessFactory(subject_id=person.pk, actor_label='=HYPERLINK("x")')
    response = staff_client.get(reverse("partners:person_accesses_export", args=[person.pk]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][1].startswith("'=")  # a formula stays text
    assert AuditEntry.objects.filter(action="partners.person.accesses_exported").count() == 1


def test_the_detail_page_links_to_who_saw_the_data(staff_client, person):
    page = staff_client.get(reverse("partners:person_detail", args=[person.pk])).content.decode()
    assert reverse("partners:person_accesses", args=[person.pk]) in page


@pytest.mark.parametrize("page", ["abc", "-1", "99999", "1'; DROP TABLE x;--"])
def test_hostile_page_numbers_never_break_the_list(staff_client, person, page):
    response = staff_client.get(
        reverse("partners:person_accesses", args=[person.pk]), {"page": page}
    )
    assert response.status_code in (200, 404)


def test_the_data_export_tells_the_person_who_saw_their_data(staff_client, person):
    viewer = UserFactory(role="staff", full_name="Bernd Betrachter")
    PersonalDataAccessFactory(actor=viewer, actor_label=str(viewer), subject_id=person.pk)
    response = staff_client.get(reverse("partners:person_export_json", args=[person.pk]))
    data = json.loads(response.content)
    labels = [row["actor_label"] for row in data["data_accesses"]]
    assert "Bernd Betrachter" in labels


def test_erasing_the_person_keeps_the_log_without_names(staff_client, staff_user, person):
    staff_client.get(reverse("partners:person_detail", args=[person.pk]))
    staff_client.post(
        reverse("partners:person_erase", args=[person.pk]), {"reason": "Anfrage", "confirm": "on"}
    )
    rows = accesses(person)
    assert rows.count() >= 1
    assert "Musterfrau" not in str(list(rows.values()))
    assert Registration.objects.count() == 0


def test_merging_a_duplicate_keeps_who_saw_it(staff_user, person):
    from innonet.partners.services import person_merge

    duplicate = PersonFactory(first_name="Erika", last_name="Musterfrau", email="e2@firma.de")
    PersonalDataAccessFactory(subject_id=duplicate.pk, source="seen-as-duplicate")
    person_merge(person, duplicate, field_choices={}, acting_user=staff_user)
    assert accesses(person, source="seen-as-duplicate").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_read_logs_itself_without_waiting_for_the_disk_but_never_weakens_a_caller_s_commit():
    """On PostgreSQL the quiet log of a page or API read commits without waiting for the disk;
    called inside another transaction it leaves that transaction's durability alone."""
    from django.db import connection, transaction

    from innonet.core.access_log import access_record_quietly

    person = PersonFactory()
    statements: list[str] = []

    def remember(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    def log_once():
        access_record_quietly(
            "partners.person", [person.pk], kind=AccessKind.VIEWED, source="t", user=None
        )

    with connection.execute_wrapper(remember):
        log_once()
        relaxed = [sql for sql in statements if "synchronous_commit" in sql]
        statements.clear()
        with transaction.atomic():
            log_once()
    assert len(relaxed) == (1 if connection.vendor == "postgresql" else 0)
    assert not [sql for sql in statements if "synchronous_commit" in sql]
    assert PersonalDataAccess.objects.filter(subject_id=person.pk).count() == 2
