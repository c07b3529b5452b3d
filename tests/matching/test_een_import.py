"""The EEN files as their users meet them: a profile exported and imported again is the same
profile; the preview writes nothing; the import is all or nothing; broken and hostile files,
unknown fields, wrong values and forged previews give a clear message and write nothing; and
who may import for which organisation, and export what."""

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import AuditEntry
from innonet.matching.een import documents
from innonet.matching.models import (
    CooperationProfile,
    CooperationType,
    DevelopmentStage,
    IpStatus,
    PartnerSought,
    ProfileKind,
    ProfileStatus,
)
from innonet.matching.services import een as services
from innonet.matching.views import een as een_views
from tests.factories import (
    CompetenceFactory,
    OrganisationFactory,
    Ris3FieldFactory,
    host_network,
)

from .factories import ProfileFactory
from .test_een_format import BILLION_LAUGHS, EXTERNAL

pytestmark = pytest.mark.django_db
IMPORT = reverse("matching:profile_een_import")
CONFIRM = reverse("matching:profile_een_import_confirm")
COMPARED = [
    "kind", "title", "summary", "description", "advantages", "development_stage", "ip_status",
    "partner_sought", "partner_role", "cooperation_types", "keywords", "valid_until",
]  # fmt: skip


@pytest.fixture(autouse=True)
def host(db):
    """Imported profiles are posted in the host network."""
    return host_network()


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def deadline(days=100):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def profile_json(**fields):
    return {
        "type": "TO",
        "title": "Drohnenbasierte Bestandsaufnahme",
        "summary": "Befliegungen mit Multispektralkameras für Ackerflächen.",
        "deadline": deadline(),
        **fields,
    }


def file_of(*profiles, **document):
    return json.dumps({"profiles": list(profiles), **document}).encode()


def upload(client, data, name="profiles.json", **extra):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **extra})


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def rich_profile(organisation):
    profile = ProfileFactory(
        organisation=organisation,
        kind=ProfileKind.TECHNOLOGY_OFFER,
        description="Sensoren messen die **Bodenfeuchte** in drei Tiefen.\n\nZweiter Absatz.",
        advantages="Günstiger als Tensiometer; <script>alert(1)</script> bleibt Text.",
        development_stage=DevelopmentStage.FIELD_TESTED,
        ip_status=IpStatus.PATENT_APPLIED,
        partner_sought=PartnerSought.RESEARCH,
        partner_role="Begleitforschung im Feldversuch",
        cooperation_types=[CooperationType.LICENCE, CooperationType.RESEARCH_COOPERATION],
        keywords="Agrarsensorik, LoRaWAN, Bodenfeuchte",
    )
    profile.competences.set([CompetenceFactory(name="Sensorik")])
    profile.ris3_fields.set([Ris3FieldFactory(name="Agrar- und Ernährungswirtschaft")])
    return profile


def values(profile):
    return {
        **{name: getattr(profile, name) for name in COMPARED},
        "competences": sorted(term.name for term in profile.competences.all()),
        "ris3_fields": sorted(term.name for term in profile.ris3_fields.all()),
    }


# -- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_export_then_import_gives_an_equal_profile(fmt, client_for, member_user, staff_user):
    original = rich_profile(member_user.organisation)
    exported = client_for(member_user).get(
        reverse("matching:profile_een_export", kwargs={"pk": original.pk, "fmt": fmt})
    )
    assert exported.status_code == 200
    assert (
        exported["Content-Disposition"] == f'attachment; filename="een-profile-{original.pk}.{fmt}"'
    )
    other = OrganisationFactory()
    staff = client_for(staff_user)
    preview = upload(staff, exported.content, f"profile.{fmt}", organisation=other.pk)
    assert preview.status_code == 200
    done = staff.post(CONFIRM, {"token": token_of(preview)})
    assert done.status_code == 302
    copy = CooperationProfile.objects.get(organisation=other)
    assert values(copy) == values(original)
    assert copy.status == ProfileStatus.DRAFT
    assert copy.created_by == staff_user


def test_a_selection_exports_and_imports_as_equal_profiles(staff_user, member_user):
    originals = [rich_profile(member_user.organisation), ProfileFactory()]
    data = services.een_export(originals, "xml", acting_user=staff_user)
    target = OrganisationFactory()
    created = services.een_profiles_import(
        data, "a.xml", organisation=target, acting_user=staff_user, leave_out_unknown=False
    )
    by_title = {profile.title: profile for profile in created}
    assert [values(by_title[p.title]) for p in originals] == [values(p) for p in originals]


def test_importing_the_same_file_again_creates_no_duplicates(member_user):
    data = file_of(profile_json(), profile_json(title="Zweites Angebot"))
    own = member_user.organisation
    first = services.een_profiles_import(
        data, "a.json", organisation=own, acting_user=member_user, leave_out_unknown=False
    )
    again = services.een_profiles_import(
        data, "a.json", organisation=own, acting_user=member_user, leave_out_unknown=False
    )
    assert len(first) == 2
    assert again == []
    assert CooperationProfile.objects.filter(organisation=own).count() == 2


# -- preview and all-or-nothing ---------------------------------------------------------------


def test_the_preview_writes_nothing(client_for, member_user):
    client = english(client_for(member_user))
    before = (CooperationProfile.objects.count(), AuditEntry.objects.count())
    response = upload(client, file_of(profile_json()))
    assert response.status_code == 200
    assert "Import 1 profile as a draft" in response.content.decode()
    assert (CooperationProfile.objects.count(), AuditEntry.objects.count()) == before


def test_one_bad_profile_keeps_the_whole_file_out(member_user):
    data = file_of(profile_json(), profile_json(title="Abgelaufen", deadline="2020-01-01"))
    with pytest.raises(services.ImportRefusedError) as refused:
        services.een_profiles_import(
            data,
            "a.json",
            organisation=member_user.organisation,
            acting_user=member_user,
            leave_out_unknown=False,
        )
    assert refused.value.plan.records[1].errors
    assert not CooperationProfile.objects.exists()


def test_a_service_rule_shows_in_the_preview_with_the_format_field_name(client_for, member_user):
    response = upload(
        english(client_for(member_user)), file_of(profile_json(deadline="2020-01-01"))
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "deadline: The profile must run beyond today." in page
    assert 'name="token"' not in page
    assert not CooperationProfile.objects.exists()


def test_a_deadline_beyond_a_year_is_an_error(client_for, member_user):
    response = upload(
        english(client_for(member_user)), file_of(profile_json(deadline=deadline(400)))
    )
    assert response.status_code == 400
    assert "deadline: A profile runs for at most 365 days" in response.content.decode()


# -- bad and hostile files through the page ----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b'{"profiles": [{"title": "x"', "a.json", "The JSON is broken at line 1"),
        (b"<profiles><profile></profiles>", "a.xml", "The XML is broken at line 1"),
        ('{"title": "Müller"}'.encode("cp1252"), "a.json", "not UTF-8 encoded"),
        (BILLION_LAUGHS, "a.xml", "document type or entity declarations"),
        (EXTERNAL, "a.xml", "document type or entity declarations"),
        (b"PK\x03\x04binary", "a.json", "neither JSON nor XML"),
        (b'{"profiles": []}', "a.json", "The file holds no profiles."),
    ],
)
def test_a_broken_file_gives_a_message_and_writes_nothing(
    client_for, member_user, data, name, message
):
    response = upload(english(client_for(member_user)), data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CooperationProfile.objects.exists()


def test_a_huge_upload_is_refused_by_its_size(client_for, member_user):
    data = b'{"profiles": [{"title": "' + b"x" * documents.MAX_FILE_BYTES + b'"}]}'
    response = upload(english(client_for(member_user)), data)
    assert response.status_code == 400
    assert "The file is larger than 2 MB." in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": None}, "title: this field is required."),
        ({"summary": "x" * 1001}, "summary: at most 1000 characters are allowed (it has 1001)."),
        (
            {"deadline": "2027-02-30"},
            "deadline: “2027-02-30” is not a date of the form YYYY-MM-DD.",
        ),
        ({"type": "TX"}, "type: “TX” is not one of"),
        ({"title": "Zeile\numbruch"}, "title:"),
    ],
)
def test_wrong_values_are_listed_per_profile(client_for, member_user, fields, message):
    response = upload(english(client_for(member_user)), file_of(profile_json(**fields)))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'name="token"' not in page


def test_hostile_text_is_shown_escaped(client_for, member_user):
    data = file_of(profile_json(title="<script>alert(1)</script>", colour="<svg onload=x>"))
    page = upload(client_for(member_user), data).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_unknown_fields_are_listed_and_must_be_confirmed(client_for, member_user):
    client = english(client_for(member_user))
    data = file_of(profile_json(budget="1 Mio"), sender="EEN")
    preview = upload(client, data)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "<code>sender</code>" in page
    assert "<code>profile 1: budget</code>" in page
    refused = client.post(CONFIRM, {"token": token_of(preview)})
    assert refused.status_code == 400
    assert "Confirm that they are left out." in refused.content.decode()
    assert not CooperationProfile.objects.exists()
    done = client.post(CONFIRM, {"token": token_of(preview), "leave_out_unknown": "on"})
    assert done.status_code == 302
    assert CooperationProfile.objects.filter(organisation=member_user.organisation).count() == 1


def test_a_forged_expired_or_borrowed_preview_is_refused(
    client_for, member_user, other_member_user, monkeypatch
):
    preview = upload(client_for(member_user), file_of(profile_json()))
    token = token_of(preview)
    other = english(client_for(other_member_user))
    for data in ({"token": token[:-2] + "xx"}, {"token": ""}, {"token": token}, {}):
        response = other.post(CONFIRM, data)
        assert response.status_code == 400
        assert "The preview has expired or is not valid." in response.content.decode()
    monkeypatch.setattr(een_views, "TOKEN_MAX_AGE", -1)
    assert english(client_for(member_user)).post(CONFIRM, {"token": token}).status_code == 400
    assert not CooperationProfile.objects.exists()


# -- who imports for which organisation, who exports what --------------------------------------


def test_members_import_only_for_their_own_organisation(client_for, member_user):
    foreign = OrganisationFactory()
    client = client_for(member_user)
    preview = upload(client, file_of(profile_json()), organisation=foreign.pk, owner=foreign.pk)
    client.post(CONFIRM, {"token": token_of(preview), "organisation": foreign.pk})
    profile = CooperationProfile.objects.get()
    assert profile.organisation == member_user.organisation
    assert profile.status == ProfileStatus.DRAFT
    assert not foreign.cooperation_profiles.exists()


def test_the_service_refuses_a_member_importing_for_another_organisation(member_user):
    with pytest.raises(services.ImportRefusedError):
        services.een_profiles_import(
            file_of(profile_json()),
            "a.json",
            organisation=OrganisationFactory(),
            acting_user=member_user,
            leave_out_unknown=False,
        )
    assert not CooperationProfile.objects.exists()


def test_staff_import_for_the_chosen_organisation(client_for, staff_user):
    chosen = OrganisationFactory()
    client = client_for(staff_user)
    assert upload(client, file_of(profile_json())).status_code == 400  # no organisation chosen
    preview = upload(
        client, file_of(profile_json(), profile_json(title="B")), organisation=chosen.pk
    )
    client.post(CONFIRM, {"token": token_of(preview)})
    assert chosen.cooperation_profiles.count() == 2
    entry = AuditEntry.objects.get(action="matching.profile.een_imported")
    assert entry.data["created"] == 2


def test_a_member_exports_only_the_own_organisations_profiles(client_for, member_user):
    own = ProfileFactory(organisation=member_user.organisation, title="Eigenes Profil")
    ProfileFactory(title="Fremdes Profil")
    response = client_for(member_user).get(
        reverse("matching:profile_een_list_export", kwargs={"fmt": "json"})
    )
    exported = json.loads(response.content)["profiles"]
    assert [entry["reference"] for entry in exported] == [f"innonet:profile:{own.pk}"]


def test_staff_export_the_filtered_or_ticked_profiles(client_for, staff_user):
    offer = ProfileFactory(kind=ProfileKind.TECHNOLOGY_OFFER)
    request = ProfileFactory(kind=ProfileKind.TECHNOLOGY_REQUEST)
    url = reverse("matching:profile_een_list_export", kwargs={"fmt": "json"})
    client = client_for(staff_user)
    filtered = json.loads(client.get(url, {"kind": "tech_offer"}).content)["profiles"]
    ticked = json.loads(client.get(url, {"id": [request.pk]}).content)["profiles"]
    assert [entry["title"] for entry in filtered] == [offer.title]
    assert [entry["title"] for entry in ticked] == [request.title]
    nothing = client.get(url, {"kind": "business_offer"})
    assert nothing.status_code == 302
    assert client.get(url, {"selection": "1"}).status_code == 302  # the button, nothing ticked
    page = client.get(reverse("matching:profile_list")).content.decode()
    assert f'name="id" value="{offer.pk}" form="een-selection"' in page


def test_the_export_has_no_contact_person_and_is_audited(client_for, staff_user):
    profile = rich_profile(OrganisationFactory())
    response = client_for(staff_user).get(
        reverse("matching:profile_een_export", kwargs={"pk": profile.pk, "fmt": "json"})
    )
    document = json.loads(response.content)
    assert document["format"] == "innonet-een-partnering"
    assert document["version"] == "1.0"
    assert "contact" not in document["profiles"][0]
    assert AuditEntry.objects.filter(action="matching.profile.een_exported").count() == 1


def test_the_buttons_are_where_their_users_are(client_for, member_user, board_user):
    profile = ProfileFactory(organisation=member_user.organisation)
    detail = reverse("matching:profile_detail", kwargs={"pk": profile.pk})
    export = reverse("matching:profile_een_export", kwargs={"pk": profile.pk, "fmt": "xml"})
    member = client_for(member_user)
    assert export in member.get(detail).content.decode()
    assert IMPORT in member.get(reverse("matching:profile_list")).content.decode()
    assert export not in client_for(board_user).get(detail).content.decode()


def test_the_api_gives_the_same_document_as_the_page(member_user, client_for):
    from tests.events.test_api import Api

    profile = rich_profile(member_user.organisation)
    response = Api(member_user).get(reverse("cooperation-profile-een", kwargs={"pk": profile.pk}))
    assert response.status_code == 200
    page = client_for(member_user).get(
        reverse("matching:profile_een_export", kwargs={"pk": profile.pk, "fmt": "json"})
    )
    assert response.json()["profiles"] == json.loads(page.content)["profiles"]
