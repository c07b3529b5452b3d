"""Cooperation profiles through the REST API, as a script with a personal token uses them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import AuditEntry
from innonet.matching.models import CooperationProfile, ProfileKind, ProfileStatus, Visibility
from innonet.partners.models import Person
from tests.clock import counting_queries
from tests.events.test_api import Api
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
    UnitFactory,
    host_network,
)
from tests.nasty import NASTY_STRINGS
from tests.networks.factories import share_with

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db

LIST = reverse("cooperation-profile-list")


@pytest.fixture(autouse=True)
def host(db):
    return host_network()


@pytest.fixture
def api(role_users):
    return {role: Api(user) for role, user in role_users.items()} | {"anonymous": Api()}


def detail(profile) -> str:
    return reverse("cooperation-profile-detail", kwargs={"pk": profile.pk})


def move(profile, name: str) -> str:
    return reverse(f"cooperation-profile-{name}", kwargs={"pk": profile.pk})


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def new_profile(**extra) -> dict:
    return {
        "kind": ProfileKind.TECHNOLOGY_OFFER,
        "title": "Drohnenbasierte Bestandsaufnahme",
        "summary": "Wir bieten Befliegungen mit Multispektralkameras für Ackerflächen an.",
        **extra,
    }


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def contact_of(organisation) -> Person:
    person = PersonFactory(first_name="Jana", last_name="Kontakt", email="jana@firma.de")
    AffiliationFactory(person=person, organisation=organisation)
    return person


# Reading -------------------------------------------------------------------------------------


def test_the_list_shows_what_the_visibility_allows(api, role_users):
    own, other = role_users["member"].organisation, role_users["member_b"].organisation
    network_a = ProfileFactory(organisation=own)
    draft_a = ProfileFactory(organisation=own, status=ProfileStatus.DRAFT)
    partners_b = ProfileFactory(organisation=other, visibility=Visibility.PARTNERS)
    public_b = ProfileFactory(organisation=other, visibility=Visibility.PUBLIC)
    expired_b = ProfileFactory(
        organisation=other, visibility=Visibility.PUBLIC, valid_until=timezone.localdate()
    )
    CooperationProfile.objects.filter(pk=expired_b.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    everything = {network_a.pk, draft_a.pk, partners_b.pk, public_b.pk, expired_b.pk}

    assert ids(api["member"].get(LIST)) == {network_a.pk, draft_a.pk, partners_b.pk, public_b.pk}
    assert ids(api["member_b"].get(LIST)) == {partners_b.pk, public_b.pk, expired_b.pk}
    # Partner visibility reaches another network only by an agreement in force.
    assert ids(api["network_manager"].get(LIST)) == {public_b.pk}
    share_with(role_users["network_manager"].network, profiles=True)
    assert ids(api["network_manager"].get(LIST)) == {partners_b.pk, public_b.pk}
    assert ids(api["board"].get(LIST)) == everything
    assert ids(api["staff"].get(LIST)) == everything
    assert api["anonymous"].get(LIST).status_code == 401
    assert api["member_b"].get(detail(draft_a)).status_code == 404
    assert api["member_b"].get(detail(network_a)).status_code == 404


def test_a_network_profile_reaches_the_network_s_active_members(api, role_users):

    profile = ProfileFactory(visibility=Visibility.NETWORK)
    member_b = role_users["member_b"]
    assert api["member_b"].get(detail(profile)).status_code == 404

    MembershipFactory(organisation=member_b.organisation, network=host_network(), status="active")

    assert api["member_b"].get(detail(profile)).status_code == 200


def test_the_contact_person_is_for_staff_and_the_own_organisation(api, role_users):
    other = role_users["member_b"].organisation
    profile = ProfileFactory(
        organisation=other, visibility=Visibility.PUBLIC, contact=contact_of(other)
    )

    seen = {
        role: api[role].get(detail(profile)).json()["contact"]
        for role in api
        if role != "anonymous"
    }

    assert seen == {
        "member": None,
        "member_b": profile.contact_id,
        "network_manager": None,
        "board": None,
        "staff": profile.contact_id,
    }
    listed = api["member"].get(LIST).json()["results"]
    assert [row["contact"] for row in listed if row["id"] == profile.pk] == [None]


def test_filters_narrow_the_list(api):
    sensors, field = CompetenceFactory(), Ris3FieldFactory()
    offer = ProfileFactory(kind=ProfileKind.TECHNOLOGY_OFFER, title="Funkmodule für Sensoren")
    offer.competences.add(sensors)
    offer.ris3_fields.add(field)
    request = ProfileFactory(kind=ProfileKind.TECHNOLOGY_REQUEST, title="Gesucht: Drohnen")
    draft = ProfileFactory(status=ProfileStatus.DRAFT, title="Entwurf")
    staff = api["staff"]

    assert ids(staff.get(LIST, kind=ProfileKind.TECHNOLOGY_OFFER)) == {offer.pk}
    assert ids(staff.get(LIST, status=ProfileStatus.DRAFT)) == {draft.pk}
    assert ids(staff.get(LIST, competence=sensors.pk)) == {offer.pk}
    assert ids(staff.get(LIST, ris3_field=field.pk)) == {offer.pk}
    assert ids(staff.get(LIST, q="drohnen")) == {request.pk}
    titles = [row["title"] for row in staff.get(LIST, ordering="title").json()["results"]]
    assert titles == sorted(titles)
    for bad in ({"kind": "alien"}, {"competence": "999999"}, {"status": ""}, {"q": "x" * 201}):
        response = staff.get(LIST, **bad)
        assert response.status_code == 400, bad
        assert set(response.json()) == set(bad)
    manager = api["network_manager"].get(LIST, status="alien")
    assert manager.status_code == 400, "a filter the page hides is still checked"


def test_the_list_needs_the_same_queries_for_few_and_many_rows(api):
    competence = CompetenceFactory()

    def measure() -> int:
        with counting_queries() as queries:
            assert api["staff"].get(LIST).status_code == 200
        return len(queries)

    for _ in range(2):
        ProfileFactory().competences.add(competence)
    measure()  # the first request of a token also records its use
    few = measure()
    for _ in range(15):
        ProfileFactory().competences.add(competence)

    assert measure() == few


# Creating ------------------------------------------------------------------------------------


def test_a_member_posts_for_their_own_organisation(api, role_users):
    member = role_users["member"]

    response = api["member"].post(LIST, new_profile())

    assert response.status_code == 201, response.content
    body = response.json()
    profile = CooperationProfile.objects.get(pk=body["id"])
    assert profile.organisation == member.organisation
    assert profile.network == host_network()
    assert profile.status == ProfileStatus.DRAFT
    assert profile.created_by == member
    assert body["valid_until"] == in_days(365)
    assert body["status"] == "draft" and body["version"] == 1
    assert AuditEntry.objects.filter(
        action="matching.profile.created", object_id=str(profile.pk)
    ).exists()


def test_status_author_and_version_cannot_be_posted(api, role_users):
    staff = role_users["staff"]

    response = api["member"].post(
        LIST,
        new_profile(
            id=999, status="published", created_by=staff.pk, version=7, published_at=in_days(1)
        ),
    )

    assert response.status_code == 201, response.content
    profile = CooperationProfile.objects.get()
    assert profile.pk != 999
    assert (profile.status, profile.created_by, profile.version) == (
        ProfileStatus.DRAFT,
        role_users["member"],
        1,
    )
    assert profile.published_at is None


def test_a_member_cannot_post_for_another_organisation(api, role_users):
    other = role_users["member_b"].organisation
    visible_to_nobody = OrganisationFactory()

    for organisation in (other, visible_to_nobody):
        response = api["member"].post(LIST, new_profile(organisation=organisation.pk))
        assert response.status_code == 400
        assert "organisation" in response.json()
    assert not CooperationProfile.objects.exists()
    assert not AuditEntry.objects.filter(action="matching.profile.created").exists()


def test_staff_name_the_organisation(api):
    organisation = OrganisationFactory()

    missing = api["staff"].post(LIST, new_profile())
    created = api["staff"].post(LIST, new_profile(organisation=organisation.pk))

    assert missing.status_code == 400 and "organisation" in missing.json()
    assert created.status_code == 201
    assert created.json()["organisation"] == organisation.pk


def test_only_staff_and_members_create_and_read_tokens_never_do(api, role_users):
    for role in ("network_manager", "board"):
        assert api[role].post(LIST, new_profile()).status_code == 403
    read_only = Api(role_users["member"], scope="read")
    assert read_only.post(LIST, new_profile()).status_code == 403
    assert not CooperationProfile.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"summary": "x" * 10_000}, "summary"),
        ({"valid_until": lambda: in_days(-1)}, "valid_until"),
        ({"valid_until": lambda: in_days(0)}, "valid_until"),
        ({"valid_until": lambda: in_days(366)}, "valid_until"),
        ({"kind": "alien"}, "kind"),
        ({"visibility": "everyone"}, "visibility"),
        ({"competences": list(range(1, 60))}, "competences"),
        ({"competences": [999999]}, "competences"),
        ({"ris3_fields": "Sensorik"}, "ris3_fields"),
        ({"network": 999999}, "network"),
        ({"title": "a\x00b"}, "title"),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(api, change, field):
    # Dates are computed when the test runs, not when it is collected (midnight may pass).
    change = {name: value() if callable(value) else value for name, value in change.items()}
    response = api["member"].post(LIST, new_profile(**change))

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not CooperationProfile.objects.exists()


def test_the_longest_allowed_date_is_accepted(api):
    response = api["member"].post(LIST, new_profile(valid_until=in_days(365)))

    assert response.status_code == 201


def test_unit_and_contact_must_belong_to_the_organisation(api, role_users):
    own = role_users["member"].organisation
    other = OrganisationFactory()
    foreign_unit = UnitFactory(organisation=other, name="Fremdes Labor")
    foreign_person = contact_of(other)
    own_unit = UnitFactory(organisation=own, name="Eigenes Labor")

    staff = api["staff"]
    unit = staff.post(LIST, new_profile(organisation=own.pk, unit=foreign_unit.pk))
    contact = staff.post(LIST, new_profile(organisation=own.pk, contact=foreign_person.pk))
    hidden = api["member"].post(LIST, new_profile(unit=foreign_unit.pk))
    fine = api["member"].post(LIST, new_profile(unit=own_unit.pk, contact=contact_of(own).pk))

    assert (unit.status_code, list(unit.json())) == (400, ["unit"])
    assert (contact.status_code, list(contact.json())) == (400, ["contact"])
    assert hidden.status_code == 400 and "unit" in hidden.json()
    assert fine.status_code == 201, fine.content
    assert CooperationProfile.objects.count() == 1


def test_nasty_strings_never_break_a_create(api):
    for value in NASTY_STRINGS:
        response = api["member"].post(LIST, new_profile(title=value[:200], keywords=value[:500]))
        assert response.status_code in (201, 400), (value, response.status_code)


def test_a_retried_create_with_the_same_key_makes_one_profile(api):
    first = api["member"].post(LIST, new_profile(), HTTP_IDEMPOTENCY_KEY="profil-1")
    again = api["member"].post(LIST, new_profile(), HTTP_IDEMPOTENCY_KEY="profil-1")
    other = api["member"].post(LIST, new_profile(title="Anders"), HTTP_IDEMPOTENCY_KEY="profil-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 422
    assert CooperationProfile.objects.count() == 1


# Changing ------------------------------------------------------------------------------------


def test_a_change_needs_the_version_it_was_read_with(api, role_users):
    profile = ProfileFactory(organisation=role_users["member"].organisation)
    url = detail(profile)

    missing = api["member"].patch(url, {"title": "Neu"})
    changed = api["member"].patch(url, {"title": "Neuer Titel", "version": 1})
    stale = api["staff"].patch(url, {"title": "Überholt", "version": 1})

    assert missing.status_code == 400 and "version" in missing.json()
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2
    assert stale.status_code == 409
    assert stale.json()["current"]["title"] == "Neuer Titel"
    profile.refresh_from_db()
    assert (profile.title, profile.version) == ("Neuer Titel", 2)


def test_a_change_keeps_organisation_and_status(api, role_users):
    profile = ProfileFactory(organisation=role_users["member"].organisation)
    other = OrganisationFactory()

    moved = api["staff"].patch(detail(profile), {"organisation": other.pk, "version": 1})
    status = api["member"].patch(detail(profile), {"status": "withdrawn", "version": 1})

    assert moved.status_code == 400 and "organisation" in moved.json()
    assert status.status_code == 200
    profile.refresh_from_db()
    assert profile.organisation == role_users["member"].organisation
    assert profile.status == ProfileStatus.PUBLISHED


def test_others_cannot_change_a_profile_they_see(api, role_users):
    profile = ProfileFactory(
        organisation=role_users["member_b"].organisation, visibility=Visibility.PUBLIC
    )

    for role in ("member", "network_manager", "board"):
        assert api[role].patch(detail(profile), {"title": "X", "version": 1}).status_code == 403
        assert api[role].post(move(profile, "withdraw")).status_code == 403
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED and profile.version == 1


def test_publish_withdraw_and_publish_again(api, role_users):
    profile = ProfileFactory(
        organisation=role_users["member"].organisation, status=ProfileStatus.DRAFT
    )
    member = api["member"]

    published = member.post(move(profile, "publish"), {"version": 1})
    twice = member.post(move(profile, "publish"))
    withdrawn = member.post(move(profile, "withdraw"), {"version": 2})
    stale = member.post(move(profile, "publish"), {"version": 2})
    again = member.post(move(profile, "publish"))

    assert published.status_code == 200 and published.json()["status"] == "published"
    assert published.json()["published_at"]
    assert twice.status_code == 400 and twice.json()["detail"]
    assert withdrawn.json()["status"] == "withdrawn"
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "withdrawn"
    assert again.json()["status"] == "published"
    entries = AuditEntry.objects.filter(object_id=str(profile.pk), action__startswith="matching.")
    actions = entries.values_list("action", flat=True)
    assert sorted(set(actions)) == ["matching.profile.published", "matching.profile.withdrawn"]


def test_renewal_only_near_the_end(api, role_users):
    own = role_users["member"].organisation
    ending = ProfileFactory(organisation=own, valid_until=timezone.localdate() + timedelta(days=60))
    running = ProfileFactory(
        organisation=own, valid_until=timezone.localdate() + timedelta(days=61)
    )

    renewed = api["member"].post(move(ending, "renew"))
    refused = api["member"].post(move(running, "renew"))

    assert renewed.status_code == 200
    assert renewed.json()["valid_until"] == in_days(365)
    assert renewed.json()["renewed_at"]
    assert refused.status_code == 400 and refused.json()["detail"]
    running.refresh_from_db()
    assert running.version == 1


def test_an_expired_profile_is_renewed_before_it_is_published_again(api, role_users):
    profile = ProfileFactory(
        organisation=role_users["member"].organisation, status=ProfileStatus.WITHDRAWN
    )
    CooperationProfile.objects.filter(pk=profile.pk).update(
        valid_until=timezone.localdate() - timedelta(days=3)
    )

    refused = api["member"].post(move(profile, "publish"))
    renewed = api["member"].post(move(profile, "renew"))
    published = api["member"].post(move(profile, "publish"))

    assert refused.status_code == 400
    assert renewed.status_code == 200
    assert published.json()["status"] == "published" and published.json()["is_active"]


def test_profiles_are_not_deleted_but_withdrawn(api, role_users):
    profile = ProfileFactory(organisation=role_users["member"].organisation)

    assert api["staff"].send("DELETE", detail(profile)).status_code == 405
    assert api["staff"].send("PUT", detail(profile), new_profile()).status_code == 405
    assert CooperationProfile.objects.filter(pk=profile.pk).exists()
