"""The office's international work: staff record international contacts and delegation
visits through the page, the board reads them, partners never see them; bad input gets a
clear message and writes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from innonet.core.models import AuditEntry, Country
from innonet.partners.models import InternationalActivity
from innonet.partners.services import international_record
from tests.clock import counting_queries
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("partners:international_list")
CREATE = reverse("partners:international_create")
SCRIPT = "<script>alert('x')</script>"


def country(code):
    return Country.objects.get(code=code)


def delegation_post(**changes):
    data = {
        "kind": "delegation", "direction": "incoming", "happened_on": "2025-04-02",
        "topic": "Delegation aus Groningen", "visitors": "12",
        "countries": [str(country("NL").pk)],
    }  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def record(topic="Anruf", kind="contact", codes=("DK",), staff=None, **fields):
    data = {"kind": kind, "happened_on": date(2025, 5, 5), "topic": topic,
            "countries": [country(code) for code in codes], **fields}  # fmt: skip
    return international_record(data=data, acting_user=staff)


def test_staff_record_a_delegation_visit(staff_user, staff_client):
    alpha, beta = OrganisationFactory(name="Alpha GmbH"), OrganisationFactory(name="Beta AG")
    response = staff_client.post(
        CREATE,
        delegation_post(
            countries=[str(country("NL").pk), str(country("BE").pk)],
            organisations=[str(alpha.pk), str(beta.pk)],
        ),
    )
    activity = InternationalActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:international_detail", args=[activity.pk])
    assert (activity.kind, activity.direction, activity.visitors) == ("delegation", "incoming", 12)
    assert sorted(activity.countries.values_list("code", flat=True)) == ["BE", "NL"]
    assert set(activity.organisations.all()) == {alpha, beta}
    assert activity.staff == staff_user
    assert AuditEntry.objects.filter(action="partners.international.recorded").count() == 1
    page = staff_client.get(response["Location"]).content.decode()
    assert "Alpha GmbH" in page and "Delegation aus Groningen" in page


def test_staff_change_an_activity(staff_client):
    activity = record("Anruf aus Aarhus")
    url = reverse("partners:international_update", args=[activity.pk])
    response = staff_client.post(url, delegation_post(direction="outgoing", visitors="3"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.direction, activity.visitors) == ("delegation", "outgoing", 3)
    assert list(activity.countries.values_list("code", flat=True)) == ["NL"]
    entry = AuditEntry.objects.get(action="partners.international.updated")
    assert set(entry.data["fields"]) >= {"kind", "direction", "visitors", "countries"}


BAD_INPUT = [
    ("no country", {"countries": None}, "countries"),
    ("only Germany", {"countries": ["DE"]}, "countries"),
    ("unknown country", {"countries": ["999999"]}, "countries"),
    ("delegation without direction", {"direction": ""}, "direction"),
    ("delegation without people", {"visitors": ""}, "visitors"),
    ("no people", {"visitors": "0"}, "visitors"),
    ("negative people", {"visitors": "-3"}, "visitors"),
    ("too many people", {"visitors": "100000"}, "visitors"),
    ("people as text", {"visitors": "zwölf"}, "visitors"),
    ("contact with direction", {"kind": "contact", "visitors": ""}, "direction"),
    ("contact with people", {"kind": "contact", "direction": ""}, "visitors"),
    ("unknown kind", {"kind": "spionage"}, "kind"),
    ("unknown direction", {"direction": "sideways"}, "direction"),
    ("impossible date", {"happened_on": "2025-13-40"}, "happened_on"),
    ("no date", {"happened_on": ""}, "happened_on"),
    ("no topic", {"topic": "   "}, "topic"),
    ("topic too long", {"topic": "x" * 201}, "topic"),
    ("topic on two lines", {"topic": "Zeile\nZeile"}, "topic"),
    ("injected organisation", {"organisations": ["1 OR 1=1"]}, "organisations"),
    ("huge organisation id", {"organisations": ["9" * 30]}, "organisations"),
    ("huge country id", {"countries": ["9" * 30]}, "countries"),
    ("unknown network", {"network": "999999"}, "network"),
]


@pytest.mark.parametrize(("case", "changes", "field"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_with_a_message(case, changes, field, staff_client):
    if changes.get("countries") == ["DE"]:
        changes = {"countries": [str(country("DE").pk)]}
    response = staff_client.post(CREATE, delegation_post(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors.get(field), form.errors
    assert not InternationalActivity.objects.exists()


def test_bad_input_on_change_keeps_the_record(staff_client):
    activity = record("Anruf aus Aarhus")
    url = reverse("partners:international_update", args=[activity.pk])
    response = staff_client.post(url, delegation_post(visitors="", topic="Geändert"))
    assert response.status_code == 400
    activity.refresh_from_db()
    assert (activity.topic, activity.kind) == ("Anruf aus Aarhus", "contact")
    assert list(activity.countries.values_list("code", flat=True)) == ["DK"]


def test_script_in_the_topic_is_shown_as_text(staff_client):
    response = staff_client.post(CREATE, delegation_post(topic=SCRIPT, notes=SCRIPT))
    assert response.status_code == 302
    for url in (response["Location"], LIST):
        page = staff_client.get(url).content.decode()
        assert SCRIPT not in page
        assert "&lt;script&gt;" in page


def test_posted_owner_and_id_are_ignored(staff_user, staff_client):
    other = UserFactory(role="staff")
    existing = record("Vorhanden")
    response = staff_client.post(
        CREATE,
        delegation_post(staff=str(other.pk), id=str(existing.pk), created_at="2000-01-01"),
    )
    assert response.status_code == 302
    new = InternationalActivity.objects.exclude(pk=existing.pk).get()
    assert new.staff == staff_user
    assert new.created_at.year != 2000
    existing.refresh_from_db()
    assert existing.topic == "Vorhanden"


# Field x role: which role may set which field, through the page (there is no API for it).
FIELD_VALUES = {
    "kind": "contact",
    "direction": "outgoing",
    "happened_on": "2024-01-02",
    "topic": "Geändert",
    "visitors": "7",
    "notes": "Notiz",
}


@pytest.mark.parametrize("field", sorted(FIELD_VALUES))
@pytest.mark.parametrize(
    ("role", "may"),
    [("staff", True), ("board", False), ("member", False), ("member_b", False),
     ("network_manager", False)],
)  # fmt: skip
def test_field_role_matrix(field, role, may, role_users, client_for):
    activity = record("Vorher", kind="delegation", direction="incoming", visitors=5)
    before = getattr(activity, field)
    post = delegation_post(topic="Vorher", visitors="5", happened_on="2025-05-05",
                           countries=[str(country("DK").pk)])  # fmt: skip
    if field == "kind":
        post.update(direction="", visitors="")
    post[field] = FIELD_VALUES[field]
    url = reverse("partners:international_update", args=[activity.pk])
    response = client_for(role_users[role]).post(url, post)
    activity.refresh_from_db()
    after = getattr(activity, field)
    if may:
        assert response.status_code == 302
        assert str(after) == FIELD_VALUES[field] or after.isoformat() == FIELD_VALUES[field]
    else:
        assert response.status_code == 403
        assert after == before


@pytest.mark.parametrize("role", ["member", "member_b", "network_manager"])
def test_partners_never_see_international_work(role, role_users, client_for):
    activity = record("Vertraulich")
    client = client_for(role_users[role])
    for url in (LIST, reverse("partners:international_detail", args=[activity.pk])):
        response = client.get(url)
        assert response.status_code == 403
        assert "Vertraulich" not in response.content.decode()


def test_board_reads(role_users, client_for):
    record("Lesbar")
    response = client_for(role_users["board"]).get(LIST)
    assert [a.topic for a in response.context["object_list"]] == ["Lesbar"]
    assert reverse("partners:international_create") not in response.content.decode()


def test_list_filters_by_kind_and_country(staff_client):
    record("Anruf Dänemark", codes=("DK",))
    record("Delegation Polen", kind="delegation", direction="outgoing", visitors=3, codes=("PL",))
    polish = staff_client.get(LIST, {"country": country("PL").pk})
    assert [a.topic for a in polish.context["object_list"]] == ["Delegation Polen"]
    contacts = staff_client.get(LIST, {"kind": "contact"})
    assert [a.topic for a in contacts.context["object_list"]] == ["Anruf Dänemark"]
    assert staff_client.get(LIST, {"date_from": "kein Datum"}).status_code == 200


def test_list_queries_do_not_grow_with_rows(staff_client):
    record("Eins", organisations=[OrganisationFactory()])
    staff_client.get(LIST)
    with counting_queries() as few:
        staff_client.get(LIST)
    for index in range(6):
        record(f"Mehr {index}", codes=("DK", "SE"), organisations=[OrganisationFactory()])
    with counting_queries() as many:
        response = staff_client.get(LIST)
    assert len(response.context["object_list"]) == 7
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_person_named_in_the_notes_gets_them_in_their_export_and_loses_them_on_erasure(
    staff_user,
):
    from innonet.partners.services import person_erase, person_export_data
    from tests.factories import InternationalActivityFactory, PersonFactory

    person = PersonFactory(first_name="Jolanda", last_name="Vermeulen")
    named = InternationalActivityFactory(notes="Gespräch mit Jolanda Vermeulen über Sensorik.")
    InternationalActivityFactory(notes="Niemand Bestimmtes.")
    exported = person_export_data(person, acting_user=staff_user)
    assert [row["record"] for row in exported["international_mentions"]] == [
        f"partners.internationalactivity:{named.pk}"
    ]
    person_erase(person, reason="Antrag nach Art. 17", acting_user=staff_user)
    named.refresh_from_db()
    assert "Vermeulen" not in named.notes and "Sensorik" in named.notes
