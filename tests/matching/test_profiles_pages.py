"""The cooperation profile pages as their users see them: the public board, visibility per role,
the profile page, the form with bad input and stale versions, status and renewal."""

from datetime import timedelta
from html import escape
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from innonet.matching.models import CooperationProfile, ProfileKind, ProfileStatus, Visibility
from innonet.networks.models import Network
from innonet.partners.models import (
    ConsentPurpose,
)
from innonet.partners.models.memberships import MembershipStatus
from tests.clock import counting_queries
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    ConsentFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    Ris3FieldFactory,
    UnitFactory,
    host_network,
)
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers
from tests.networks.factories import share_with

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"
LIST = reverse("matching:profile_list")
CREATE = reverse("matching:profile_create")


def english(client):
    """The visitor chose English (the site ignores the browser's language)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def today():
    return timezone.localdate()


def detail(profile):
    return reverse("matching:profile_detail", kwargs={"pk": profile.pk})


def update(profile):
    return reverse("matching:profile_update", kwargs={"pk": profile.pk})


def listed(response):
    return [profile.pk for profile in response.context["profiles"]]


def form_data(**extra):
    return {
        "kind": ProfileKind.TECHNOLOGY_OFFER,
        "title": "Drohnenbasierte Bestandsaufnahme",
        "summary": "Wir bieten Befliegungen mit Multispektralkameras für Ackerflächen an.",
        "visibility": Visibility.NETWORK,
        "valid_until": (today() + timedelta(days=200)).isoformat(),
        **extra,
    }


def member_of(organisation, network, status=MembershipStatus.ACTIVE):
    return MembershipFactory(organisation=organisation, network=network, status=status)


# -- the board and who sees what ---------------------------------------------------------------


def test_anonymous_visitors_see_only_active_public_profiles(client):
    shown = ProfileFactory(visibility=Visibility.PUBLIC)
    ProfileFactory(visibility=Visibility.PUBLIC, status=ProfileStatus.DRAFT)
    ProfileFactory(visibility=Visibility.PUBLIC, status=ProfileStatus.WITHDRAWN)
    ProfileFactory(visibility=Visibility.PUBLIC, valid_until=today() - timedelta(days=1))
    ProfileFactory(visibility=Visibility.PARTNERS)
    ProfileFactory(visibility=Visibility.NETWORK)
    response = client.get(LIST)
    assert response.status_code == 200
    assert listed(response) == [shown.pk]
    offered = [field.name for field in response.context["filter"].form.visible_fields()]
    assert "status" not in offered and "mine" not in offered


def test_another_organisation_never_sees_a_draft(member_user, other_member_user, client_for):
    draft = ProfileFactory(
        organisation=member_user.organisation,
        visibility=Visibility.PUBLIC,
        status=ProfileStatus.DRAFT,
    )
    member_of(other_member_user.organisation, draft.network)
    other = client_for(other_member_user)
    assert other.get(detail(draft)).status_code == 404
    assert draft.pk not in listed(other.get(LIST))
    assert client_for(member_user).get(detail(draft)).status_code == 200


def test_partner_visibility_reaches_the_own_network_and_partners_by_agreement(
    other_member_user, manager_user, client, client_for
):
    profile = ProfileFactory(visibility=Visibility.PARTNERS)
    assert client.get(detail(profile)).status_code == 404
    # A registry organisation without a membership is in the host's circle.
    assert client_for(other_member_user).get(detail(profile)).status_code == 200
    manager = client_for(manager_user)
    assert manager.get(detail(profile)).status_code == 404
    share_with(manager_user.network, profiles=True)
    assert manager.get(detail(profile)).status_code == 200


def test_network_visibility_needs_an_active_membership(other_member_user, client_for):
    profile = ProfileFactory(visibility=Visibility.NETWORK)
    client = client_for(other_member_user)
    assert client.get(detail(profile)).status_code == 404
    membership = member_of(
        other_member_user.organisation, profile.network, status=MembershipStatus.PROSPECT
    )
    assert client.get(detail(profile)).status_code == 404
    membership.status = MembershipStatus.ACTIVE
    membership.save()
    assert client.get(detail(profile)).status_code == 200
    assert profile.pk in listed(client.get(LIST))
    profile.valid_until = today() - timedelta(days=1)
    profile.save()
    assert client.get(detail(profile)).status_code == 404


def test_network_managers_see_their_own_networks_profiles(manager_user, client_for):
    profile = ProfileFactory(network=manager_user.network, status=ProfileStatus.DRAFT)
    elsewhere = ProfileFactory(visibility=Visibility.NETWORK)
    client = client_for(manager_user)
    assert client.get(detail(profile)).status_code == 200
    assert client.get(detail(elsewhere)).status_code == 404


def test_list_queries_do_not_grow_with_the_rows(member_user, staff_user, client, client_for):
    def queries(user_client):
        with counting_queries() as captured:
            assert user_client.get(LIST, {"sort": "kind"}).status_code == 200
        return len(captured)

    clients = [client, client_for(member_user), client_for(staff_user)]
    for each in clients:  # the first request after signing in stores the session once
        each.get(LIST)
    organisation = member_user.organisation
    ProfileFactory.create_batch(2, visibility=Visibility.PUBLIC, organisation=organisation)
    few = [queries(each) for each in clients]
    ProfileFactory.create_batch(20, visibility=Visibility.PUBLIC)
    ProfileFactory.create_batch(3, organisation=organisation, status=ProfileStatus.DRAFT)
    assert [queries(each) for each in clients] == few
    assert len(listed(clients[2].get(LIST))) == 25


def test_filters(member_user, staff_user, client_for):
    ris3, competence = Ris3FieldFactory(), CompetenceFactory()
    offer = ProfileFactory(
        kind=ProfileKind.TECHNOLOGY_OFFER,
        title="Laserschweißen für Kleinserien",
        visibility=Visibility.PUBLIC,
    )
    offer.ris3_fields.add(ris3)
    offer.competences.add(competence)
    own_draft = ProfileFactory(organisation=member_user.organisation, status=ProfileStatus.DRAFT)
    ProfileFactory(visibility=Visibility.PUBLIC)
    member = client_for(member_user)
    assert listed(member.get(LIST, {"kind": "tech_offer"})) == [offer.pk]
    assert listed(member.get(LIST, {"q": "laserschweissen"})) == [offer.pk]
    assert listed(member.get(LIST, {"ris3_field": ris3.pk})) == [offer.pk]
    assert listed(member.get(LIST, {"competence": competence.pk})) == [offer.pk]
    assert listed(member.get(LIST, {"mine": "on"})) == [own_draft.pk]
    assert listed(client_for(staff_user).get(LIST, {"status": "draft"})) == [own_draft.pk]


@pytest.mark.parametrize(
    "query",
    [{"kind": "nonsense"}, {"ris3_field": "99999999999999999999999"}, {"q": "x" * 500}],
)
def test_an_invalid_filter_shows_its_error_and_no_rows(staff_user, client_for, query):
    ProfileFactory(visibility=Visibility.PUBLIC)
    response = client_for(staff_user).get(LIST, query)
    assert response.status_code == 200
    assert listed(response) == []
    assert response.context["filter"].form.errors


def test_sorting(client):
    for title in ("Bohren", "Aussägen", "Cnc-Fräsen"):
        ProfileFactory(title=title, visibility=Visibility.PUBLIC)

    def titles(sort):
        return [profile.title for profile in client.get(LIST, {"sort": sort}).context["profiles"]]

    assert titles("title") == ["Aussägen", "Bohren", "Cnc-Fräsen"]
    assert titles("-title") == ["Cnc-Fräsen", "Bohren", "Aussägen"]
    assert titles("bogus; DROP TABLE") == ["Cnc-Fräsen", "Aussägen", "Bohren"]  # newest first


# -- the profile page --------------------------------------------------------------------------


def with_contact(profile):
    person = PersonFactory(first_name="Jana", last_name="Kontakt", email="jana.kontakt@beispiel.de")
    AffiliationFactory(person=person, organisation=profile.organisation)
    profile.contact = person
    profile.save()
    return profile


@pytest.mark.parametrize(
    ("role", "sees_contact"),
    [
        ("member", True),
        ("staff", True),
        ("member_b", False),
        ("board", False),
        ("network_manager", False),
        ("anonymous", False),
    ],
)
def test_contact_person_only_for_the_office_and_the_own_organisation(
    role_users, client_for, role, sees_contact
):
    profile = with_contact(
        ProfileFactory(organisation=role_users["member"].organisation, visibility=Visibility.PUBLIC)
    )
    client = client_for(role_users.get(role))
    content = client.get(detail(profile)).content.decode()
    assert ("jana.kontakt@beispiel.de" in content) is sees_contact


def test_description_is_sanitised_markdown(client):
    profile = ProfileFactory(
        visibility=Visibility.PUBLIC,
        description="**Fräsen** <script>alert('x')</script> {{ settings.SECRET_KEY }}",
    )
    content = client.get(detail(profile)).content.decode()
    assert "<strong>Fräsen</strong>" in content
    assert "<script>alert('x')" not in content
    assert "{{ settings.SECRET_KEY }}" in content


def test_organisation_link_follows_what_the_user_may_see(
    member_user, other_member_user, staff_user, client_for
):
    profile = ProfileFactory(organisation=member_user.organisation, visibility=Visibility.PUBLIC)
    organisation = profile.organisation
    registry = reverse("partners:organisation_detail", kwargs={"pk": organisation.pk})
    public = reverse("partners:organisation_public", kwargs={"pk": organisation.pk})
    assert f'href="{registry}"' in client_for(staff_user).get(detail(profile)).content.decode()
    other = client_for(other_member_user)
    content = other.get(detail(profile)).content.decode()
    assert registry not in content and public not in content
    assert escape(organisation.name) in content
    ConsentFactory(
        person=PersonFactory(last_name="Zustimmung", first_name="", email=""),
        organisation=organisation,
        purpose=ConsentPurpose.PUBLIC_PROFILE,
        granted=True,
        source="Formular",
        text_version="2025-01",
    )
    assert f'href="{public}"' in other.get(detail(profile)).content.decode()


@pytest.mark.parametrize(
    ("days", "text"),
    [(5, "expires in 5 days"), (1, "expires in 1 day"), (0, "expires today"), (-3, "expired")],
)
def test_validity_is_explained(member_user, client_for, days, text):
    profile = ProfileFactory(
        organisation=member_user.organisation, valid_until=today() + timedelta(days=days)
    )
    response = english(client_for(member_user)).get(detail(profile))
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("role", "matches", "interested"),
    [
        ("member", True, False),
        ("staff", True, False),
        ("member_b", False, True),
        ("board", True, False),
        ("anonymous", False, False),
    ],
)
def test_actions_offered_per_role(role_users, client_for, role, matches, interested):
    profile = ProfileFactory(
        organisation=role_users["member"].organisation, visibility=Visibility.PUBLIC
    )
    response = client_for(role_users.get(role)).get(detail(profile))
    content = response.content.decode()
    matches_url = reverse("matching:profile_matches", kwargs={"pk": profile.pk})
    request_url = reverse("matching:introduction_request", kwargs={"pk": profile.pk})
    assert (f'href="{matches_url}"' in content) is matches
    assert (f'action="{request_url}"' in content) is interested
    assert (update(profile) in content) is (role in ("member", "staff"))


# -- create and edit ---------------------------------------------------------------------------


def test_member_creates_a_draft_for_their_own_organisation(
    member_user, other_member_user, client_for
):
    host_network()
    other_network = NetworkFactory()
    response = client_for(member_user).post(
        CREATE,
        form_data(
            organisation=other_member_user.organisation.pk,
            network=other_network.pk,
            status=ProfileStatus.PUBLISHED,
            created_by=other_member_user.pk,
            version=99,
        ),
    )
    profile = CooperationProfile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(profile)
    assert profile.organisation == member_user.organisation
    assert profile.network.kind == Network.Kind.HOST
    assert (profile.status, profile.created_by, profile.version) == (
        ProfileStatus.DRAFT,
        member_user,
        1,
    )


def test_the_form_offers_a_year_and_only_the_organisations_units(member_user, client_for):
    own = UnitFactory(organisation=member_user.organisation, name="Labor Sensorik")
    UnitFactory(organisation=ProfileFactory().organisation, name="Fremdes Labor")
    form = client_for(member_user).get(CREATE).context["form"]
    assert list(form.fields["unit"].queryset) == [own]
    assert "organisation" not in form.fields and "network" not in form.fields
    assert form.initial["valid_until"] == today() + timedelta(days=365)


def _bad_inputs():
    # Dates are computed when the test runs, not when it is collected (midnight may pass).
    def past():
        return (today() - timedelta(days=1)).isoformat()

    def too_far():
        return (today() + timedelta(days=366)).isoformat()

    return [
        ("title", {"title": ""}),
        ("title", {"title": "   "}),
        ("summary", {"summary": "x" * 10_000}),
        ("valid_until", {"valid_until": past}),
        ("valid_until", {"valid_until": too_far}),
        ("valid_until", {"valid_until": "31.02.2030"}),
        ("kind", {"kind": "everything"}),
        ("competences", {"competences": ["99999999999999999999999"]}),
        ("unit", {"unit": "foreign"}),
    ]


@pytest.mark.parametrize(
    ("field", "values"),
    _bad_inputs(),
    ids=lambda value: (
        getattr(value.get("valid_until"), "__name__", str(value)[:30])
        if isinstance(value, dict)
        else value
    ),
)
def test_bad_input_re_renders_with_a_message(member_user, client_for, field, values):
    host_network()
    values = {name: value() if callable(value) else value for name, value in values.items()}
    if values.get("unit") == "foreign":
        foreign = UnitFactory(organisation=ProfileFactory().organisation, name="Fremd")
        values = {"unit": foreign.pk}
    before = CooperationProfile.objects.count()
    response = client_for(member_user).post(CREATE, form_data(**values))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert CooperationProfile.objects.count() == before


def test_nasty_text_is_stored_or_refused_but_never_breaks_the_page(member_user, client_for):
    host_network()
    client = client_for(member_user)
    for value in NASTY_STRINGS:
        data = form_data(title=value[:300], summary=value, keywords=value, partner_role=value)
        body = urlencode(data, encoding="utf-8", errors="surrogatepass")
        response = client.post(CREATE, body, content_type=FORM)
        assert response.status_code in (200, 302), repr(value[:40])
        assert_no_raw_markers(response.content.decode())
    for profile in CooperationProfile.objects.all():
        assert_no_raw_markers(client.get(detail(profile)).content.decode())


def test_staff_choose_the_organisation(staff_user, client_for):
    host_network()
    organisation = ProfileFactory().organisation
    unit = UnitFactory(organisation=organisation, name="Institut für Robotik")
    client = client_for(staff_user)
    form = client.get(CREATE, {"organisation": organisation.pk}).context["form"]
    assert list(form.fields["unit"].queryset) == [unit]
    response = client.post(CREATE, form_data())
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    response = client.post(CREATE, form_data(organisation=organisation.pk, unit=unit.pk))
    assert response.status_code == 302
    assert CooperationProfile.objects.get(unit=unit).organisation == organisation


def test_editing_with_a_stale_version_shows_the_current_data(member_user, client_for):
    profile = ProfileFactory(organisation=member_user.organisation, title="Stand des Büros")
    profile.version = 3
    profile.save()
    response = english(client_for(member_user)).post(
        update(profile), form_data(title="Mein älterer Stand", version=2)
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert response.context["form"].initial["version"] == 3
    profile.refresh_from_db()
    assert (profile.title, profile.version) == ("Stand des Büros", 3)


def test_editing_saves_and_counts_the_version(member_user, client_for):
    profile = ProfileFactory(organisation=member_user.organisation)
    client = client_for(member_user)
    assert client.get(update(profile)).context["form"].initial["version"] == 1
    response = client.post(update(profile), form_data(title="Neuer Titel", version=1))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.title, profile.version, profile.organisation) == (
        "Neuer Titel",
        2,
        member_user.organisation,
    )


# -- status and renewal ------------------------------------------------------------------------


def test_publish_and_withdraw_from_the_page(member_user, client_for):
    profile = ProfileFactory(organisation=member_user.organisation, status=ProfileStatus.DRAFT)
    client = client_for(member_user)
    url = reverse("matching:profile_status", kwargs={"pk": profile.pk})
    response = client.post(url, {"action": "publish", "version": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == detail(profile)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED
    client.post(url, {"action": "withdraw", "version": str(profile.version)})
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.WITHDRAWN


@pytest.mark.parametrize(
    "data",
    [{"action": "delete"}, {"action": "withdraw", "version": "1"}, {"action": "publish"}],
)
def test_refused_status_changes_come_back_as_messages(member_user, client_for, data):
    profile = ProfileFactory(
        organisation=member_user.organisation,
        status=ProfileStatus.DRAFT,
        valid_until=today() - timedelta(days=2),
    )
    url = reverse("matching:profile_status", kwargs={"pk": profile.pk})
    response = client_for(member_user).post(url, data, follow=True)
    assert response.status_code == 200
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    profile.refresh_from_db()
    assert (profile.status, profile.version) == (ProfileStatus.DRAFT, 1)


def test_renewal_from_the_page(member_user, client_for):
    early = ProfileFactory(organisation=member_user.organisation)
    due = ProfileFactory(
        organisation=member_user.organisation, valid_until=today() + timedelta(days=10)
    )
    client = english(client_for(member_user))
    response = client.post(reverse("matching:profile_renew", kwargs={"pk": early.pk}), follow=True)
    assert "can be renewed from 60 days" in response.content.decode()
    assert [item["action"] for item in response.context["actions"]] == ["withdraw"]
    assert [item["action"] for item in client.get(detail(due)).context["actions"]] == [
        "withdraw",
        "",
    ]
    response = client.post(reverse("matching:profile_renew", kwargs={"pk": due.pk}), follow=True)
    assert [message.level_tag for message in response.context["messages"]] == ["success"]
    due.refresh_from_db()
    assert due.valid_until == today() + timedelta(days=365)
    early.refresh_from_db()
    assert early.renewed_at is None
