"""Every writable field of every API model x every role (RELIABILITY 38 and 11).

What a role may change is decided once, in the services; this walks each field with a valid new
value as each role and checks: the roles that own the field get 200 and the value is stored; any
other role gets a 4xx and the record is exactly as before (read back as staff). Creates are
walked for the roles that may create, with server-managed and foreign fields added: none of
them is stored.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import Competence, Country, District
from innonet.partners.rules import ORGANISATION_MEMBER_FIELDS
from tests.access import ROLE_NAMES
from tests.content import routes_publications_api as content_area
from tests.events import routes_rest_api as event_area
from tests.factories import CountryFactory, NetworkFactory, Ris3FieldFactory
from tests.matching import routes_rest_api as matching_area
from tests.partners import routes_rest_api as partners_area
from tests.projects import routes_rest_api as projects_area

JSON = "application/json"
ALL = frozenset({"*"})
STAFF = {"staff": ALL}


@dataclass(frozen=True)
class Writable:
    """One model behind `<basename>-detail`, the object built under `key`, a valid new value
    per field, and the fields each role may change (roles not named change nothing)."""

    basename: str
    key: str
    changes: Callable[[dict[str, Any]], dict[str, Any]]
    writers: dict[str, frozenset[str]]
    versioned: bool = False
    note: str = ""

    def may_change(self, role: str, name: str) -> bool:
        allowed = self.writers.get(role, frozenset())
        return allowed is ALL or name in allowed


def _soon(days: int, hours: int = 0) -> str:
    moment = timezone.now() + timedelta(days=days, hours=hours)
    return moment.replace(microsecond=0).isoformat()


def _organisation(objs):
    return {
        "name": "Umbenannte Werkstatt GmbH",
        "legal_form": "AG",
        "kind": "startup",
        "employees": 480,
        "annual_turnover": "60000000.00",
        "balance_sheet_total": "50000000.00",
        "register_id": "HRB 424242",
        "vat_id": "DE811907980",
        "street": "Neue Straße 1",
        "postcode": "49074",
        "city": "Melle",
        "district": objs["district"].pk,
        "country": objs["country"].pk,
        "website": "https://neu-werkstatt.de",
        "email": "info@neu-werkstatt.de",
        "phone": "0541 999 00",
        "description": "Wir entwickeln Sensorik.",
        "keywords": "Sensorik, LoRaWAN",
        "competences": [objs["competence"].pk],
        "ris3_fields": [objs["ris3"].pk],
        "member_visibility": "shown",
    }


def _unit(objs):
    return {
        "name": "Labor für Feldrobotik",
        "kind": "department",
        "description": "Robotik auf dem Acker",
        "keywords": "Robotik",
        "website": "https://labor.example.org",
        "competences": [objs["competence"].pk],
        "organisation": objs["member_b"].organisation.pk,
    }


def _person(objs):
    return {
        "title": "Dr.",
        "first_name": "Renate",
        "last_name": "Umbenannt",
        "email": "renate.umbenannt@werkstatt.de",
        "phone": "0541 1234",
        "language": "en",
        "organisation": objs["member_b"].organisation.pk,
    }


def _interaction(objs):
    return {
        "kind": "visit",
        "happened_on": "2026-02-03",
        "organisation": objs["member_b"].organisation.pk,
        "topic": "Besuch vor Ort",
        "notes": "Gute Gespräche",
        "follow_up_on": "2026-03-01",
        "staff": objs["staff"].pk,
    }


def _format(objs):
    return {
        "name": "Werkstattgespräch",
        "goal": "Austausch über Robotik",
        "target_groups": "KMU",
        "description": "Zwei Stunden, ein Thema",
        "duration_minutes": 90,
        "capacity": 25,
        "checklist": "Raum buchen",
        "is_shared": False,
        "is_active": False,
        "network": objs["other_network"].pk,
    }


def _event(objs):
    return {
        "title": "Umbenanntes Netzwerktreffen",
        "summary": "Kurz gesagt",
        "description": "Ausführlich",
        "ends_at": _soon(8, 4),  # first: the event may not end before it starts
        "starts_at": _soon(8),
        "venue": "Aula",
        "online_url": "https://treffen.example.org/raum",
        "speakers": "Dr. Renate Beispiel",
        "visibility": "members",
        "capacity": 40,
        "waiting_list": False,
        "registration_opens_at": _soon(1),
        "registration_closes_at": _soon(7),
        "requires_approval": True,
        "asked_fields": ["phone"],
        "consent_text": "Einverstanden.",
        "ris3_fields": [objs["ris3"].pk],
        "competences": [objs["competence"].pk],
        "co_organisers": [objs["other_network"].pk],
        "format": objs["api_ev_own_format"].pk,
        "organiser": objs["other_network"].pk,
    }


def _profile(objs):
    return {
        "kind": "rd_search",
        "title": "Umbenanntes Profil",
        "summary": "Wir suchen Partner für einen Feldversuch mit Bodenfeuchtesensoren.",
        "description": "Ausführlich",
        "advantages": "Günstig",
        "development_stage": "prototype",
        "ip_status": "secret",
        "partner_sought": "research",
        "partner_role": "Forschung",
        "cooperation_types": ["research", "licence"],
        "keywords": "Bodenfeuchte",
        "visibility": "public",
        "valid_until": (timezone.localdate() + timedelta(days=200)).isoformat(),
        "competences": [objs["competence"].pk],
        "ris3_fields": [objs["ris3"].pk],
        "organisation": objs["member_b"].organisation.pk,
    }


def _project(objs):
    return {
        "title": "Umbenanntes Projekt",
        "summary": "Kurz",
        "goals": "Ziele",
        "owner": objs["staff"].pk,
        "next_step": "Skizze",
        "next_step_due": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "confidentiality": "network",
        "programme": objs["papi_programme"].pk,
        "origin_note": "Aus dem Frühstück",
        "ris3_fields": [objs["ris3"].pk],
        "competences": [objs["competence"].pk],
    }


def _project_partner(objs):
    return {
        "role": "associated",
        "requested_amount": "1000.00",
        "granted_amount": "500.00",
        "funding_rate": "40.00",
        "project": objs["papi_network_project"].pk,
        "organisation": objs["member_b"].organisation.pk,
    }


def _programme(objs):
    return {
        "name": "Umbenanntes Programm",
        "funder": "Bund",
        "level": "federal",
        "description": "Förderung",
        "url": "https://foerderung.example.org",
        "min_partners": 2,
        "max_partners": 9,
        "requires_sme": True,
        "requires_research": True,
        "min_countries": 1,
        "is_active": False,
        "rates": {"sme": "45.00", "research": "90.00"},
    }


def _call(objs):
    return {
        "title": "Umbenannter Aufruf",
        "topics": "Recycling",
        "url": "https://aufruf.example.org",
        "opens_on": timezone.localdate().isoformat(),
        "is_active": False,
        "deadlines": [{"label": "Vollantrag", "due_at": _soon(90)}],
        "programme": objs["other_programme"].pk,
    }


def _publication(objs):
    return {
        "title": "Umbenannter Beitrag",
        "slug": "umbenannter-beitrag",
        "summary": "Neu zusammengefasst",
        "body": "Neuer **Text**",
        "image_alt": "Ein Foto der Werkhalle",
        "audience": "members",
        "published_at": _soon(-2),
        "tags": ["Förderung", "Digitalisierung"],
        "ris3_fields": [objs["ris3"].pk],
        "competences": [objs["competence"].pk],
    }


MEMBER_ORG = frozenset(ORGANISATION_MEMBER_FIELDS)
UNIT_FIELDS = frozenset({"name", "kind", "description", "keywords", "website", "competences"})
PERSON_FIELDS = frozenset({"title", "first_name", "last_name", "email", "phone", "language"})
FORMAT_FIELDS = frozenset(
    {
        "name", "goal", "target_groups", "description", "duration_minutes", "capacity",
        "checklist", "is_shared", "is_active",
    }
)  # fmt: skip
CALL_FIELDS = frozenset({"title", "topics", "url", "opens_on", "is_active", "deadlines"})
EVENT_MANAGER_FIELDS = frozenset(
    {
        "title", "summary", "description", "starts_at", "ends_at", "venue", "online_url",
        "speakers", "visibility", "capacity", "waiting_list", "registration_opens_at",
        "registration_closes_at", "requires_approval", "asked_fields", "consent_text",
        "ris3_fields", "competences", "co_organisers", "format",
    }
)  # fmt: skip
PROFILE_MEMBER_FIELDS = frozenset(
    {
        "kind", "title", "summary", "description", "advantages", "development_stage",
        "ip_status", "partner_sought", "partner_role", "keywords", "visibility", "valid_until",
        "competences", "ris3_fields", "cooperation_types",
    }
)  # fmt: skip

TABLE = [
    Writable(
        "organisation",
        "api_org",
        _organisation,
        {"staff": ALL, "member": MEMBER_ORG},
        versioned=True,
        note="members keep their profile; identity and SME figures are the office's",
    ),
    Writable(
        "unit",
        "api_unit",
        _unit,
        {"staff": UNIT_FIELDS, "member": UNIT_FIELDS},
        note="a unit never moves to another organisation",
    ),
    Writable(
        "person",
        "api_person",
        _person,
        {"staff": PERSON_FIELDS, "member": PERSON_FIELDS},
        versioned=True,
        note="roles change on the person's page, not through PATCH",
    ),
    Writable(
        "interaction",
        "api_interaction",
        _interaction,
        {"staff": ALL},
    ),
    Writable(
        "format",
        "api_ev_own_format",
        _format,
        {"staff": ALL, "network_manager": FORMAT_FIELDS},
        note="a manager keeps the formats of their own network only",
    ),
    Writable(
        "event",
        "api_ev_manager_event",
        _event,
        {"staff": ALL, "network_manager": EVENT_MANAGER_FIELDS},
        note="a manager organises for their own network only",
    ),
    Writable(
        "cooperation-profile",
        "mapi_profile_a",
        _profile,
        {"staff": PROFILE_MEMBER_FIELDS, "member": PROFILE_MEMBER_FIELDS},
        versioned=True,
        note="a profile stays with its organisation; the network choice has its own tests",
    ),
    Writable(
        "project",
        "papi_partners_project",
        _project,
        STAFF,
        versioned=True,
    ),
    Writable(
        "project-partner",
        "papi_partner",
        _project_partner,
        {"staff": frozenset({"role", "requested_amount", "granted_amount", "funding_rate"})},
        note="an entry never moves to another project or organisation",
    ),
    Writable("funding-programme", "papi_programme", _programme, STAFF),
    Writable(
        "funding-call",
        "papi_call",
        _call,
        {"staff": CALL_FIELDS},
        note="a call stays with its programme",
    ),
    Writable("news", "capi_news_public", _publication, STAFF, versioned=True),
    Writable("knowledge-article", "capi_article_public", _publication, STAFF, versioned=True),
    Writable("ris3field", "ris3", lambda objs: {"name": "Umbenannt", "description": "Neu"}, STAFF),
    Writable(
        "competence",
        "competence",
        lambda objs: {
            "name": "Umbenannte Kompetenz",
            "description": "Neu",
            "synonyms": "Eins\nZwei",
            "parent": objs["broader_competence"].pk,
        },
        STAFF,
    ),
    Writable(
        "district",
        "district",
        lambda objs: {
            "name": "Umbenannter Kreis",
            "description": "Neu",
            "state": "Nordrhein-Westfalen",
            "area": "neighbour",
            "official_key": "03459",
        },
        STAFF,
    ),
    Writable(
        "country",
        "new_country",
        lambda objs: {"name": "Umbenanntland", "name_en": "Renamedland", "is_eu": False},
        STAFF,
    ),
]


@pytest.fixture
def objs(role_users):
    objects = {**role_users}
    for area in (partners_area, event_area, matching_area, projects_area, content_area):
        objects.update(area.objects(objects))
    objects.update(
        district=District.objects.order_by("pk").first(),
        country=Country.objects.get(code="DE"),
        competence=Competence.objects.order_by("pk").first(),
        broader_competence=Competence.objects.order_by("pk").last(),
        ris3=Ris3FieldFactory(),
        new_country=CountryFactory(code="XK", name="Kosovo", name_en="Kosovo", is_eu=False),
        other_network=NetworkFactory(),
        other_programme=projects_area.ProgrammeFactory(name="Anderes Programm"),
    )
    return objects


def _url(writable: Writable, obj) -> str:
    return reverse(f"{writable.basename}-detail", args=[obj.pk])


def _read(staff_client, url: str) -> dict[str, Any]:
    response = staff_client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def _same(sent: Any, stored: Any) -> bool:
    """Whether the stored representation holds the value sent (ids, lists in any order,
    moments in any offset, decimals in any notation)."""
    if isinstance(sent, list):
        if sent and isinstance(sent[0], dict):
            return len(sent) == len(stored) and all(
                _same(one, other) for one, other in zip(sent, stored, strict=True)
            )
        return sorted(map(str, sent)) == sorted(map(str, stored or []))
    if isinstance(sent, dict):
        return all(_same(value, (stored or {}).get(key)) for key, value in sent.items())
    if isinstance(sent, str) and isinstance(stored, str) and "T" in sent and ":" in sent:
        try:
            return datetime.fromisoformat(sent) == datetime.fromisoformat(stored)
        except ValueError:
            return sent == stored
    if isinstance(sent, str) and isinstance(stored, str | int | float) and sent[:1].isdigit():
        try:
            return Decimal(sent) == Decimal(str(stored))
        except ArithmeticError:
            return sent == stored
    return sent == stored


def _stable(data: dict[str, Any]) -> dict[str, Any]:
    """The representation without what a read recomputes (places of an event, activity)."""
    return {key: value for key, value in data.items() if key not in ("places", "is_active")}


def _walk_fields(writable, role, objs, client_for) -> None:
    staff = client_for(objs["staff"])
    client = client_for(objs[role] if role != "anonymous" else None)
    url = _url(writable, objs[writable.key])
    after = _read(staff, url)
    for name, value in writable.changes(objs).items():
        before = after
        body = {name: value}
        if writable.versioned:
            body["version"] = before["version"]
        response = client.patch(url, body, content_type=JSON)
        after = _read(staff, url)
        if writable.may_change(role, name):
            assert response.status_code == 200, (role, name, response.content)
            assert _same(value, after[name]), (role, name, value, after[name])
        else:
            assert 400 <= response.status_code < 500, (role, name, response.status_code)
            assert _stable(after) == _stable(before), (role, name)


@pytest.mark.parametrize("writable", TABLE, ids=lambda writable: writable.basename)
def test_each_field_changes_only_for_the_roles_that_own_it(writable, objs, client_for):
    """Every role sends every field, each role in a savepoint that is rolled back, so that
    each starts from the same record."""
    for role in ROLE_NAMES:
        with transaction.atomic():
            _walk_fields(writable, role, objs, client_for)
            transaction.set_rollback(True)


def test_members_are_told_which_fields_are_the_offices(objs, client_for):
    client = client_for(objs["member"])
    organisation = objs["api_org"]
    url = reverse("organisation-detail", args=[organisation.pk])
    response = client.patch(
        url, {"employees": 3, "version": organisation.version}, content_type=JSON
    )
    assert response.status_code == 403
    assert "employees" in response.json()
    organisation.refresh_from_db()
    assert organisation.employees != 3 and organisation.version == 1


# Creates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Creatable:
    """A create as `role` with a valid body and `extras` that must not be stored as sent."""

    basename: str
    role: str
    body: Callable[[dict[str, Any]], dict[str, Any]]
    extras: Callable[[dict[str, Any]], dict[str, Any]]
    model_check: Callable[[Any, dict[str, Any]], None] = field(default=lambda obj, objs: None)


def _server_fields():
    return {"id": 987654, "created_at": "2000-01-01T00:00:00Z", "updated_at": "2000-01-01"}


def _check_unit(unit, objs):
    assert unit.organisation_id == objs["member"].organisation_id


def _check_person(person, objs):
    assert not person.affiliations.exclude(organisation=objs["member"].organisation).exists()
    assert person.erased_at is None


def _check_profile(profile, objs):
    assert profile.organisation_id == objs["member"].organisation_id
    assert profile.status == "draft"


def _check_registration(registration, objs):
    assert registration.status in ("confirmed", "waiting")
    assert registration.attended_at is None and registration.person_id != 987654
    assert registration.organisation_id in (None, objs["member"].organisation_id)


def _check_format(format, objs):
    assert format.network_id == objs["network_manager"].network_id
    assert format.adopted_from_id is None


def _check_event(event, objs):
    assert event.organiser_id == objs["network_manager"].network_id
    assert event.status == "draft" and event.published_at is None


def _check_news(news, objs):
    assert news.version == 1 and news.author_id == objs["staff"].pk
    assert not news.image and news.published_at is None


CREATES = [
    Creatable(
        "unit",
        "member",
        lambda objs: {"organisation": objs["member"].organisation.pk, "name": "Neue Gruppe"},
        lambda objs: _server_fields(),
        _check_unit,
    ),
    Creatable(
        "person",
        "member",
        lambda objs: {"last_name": "Neumann", "organisation": objs["member"].organisation.pk},
        lambda objs: {**_server_fields(), "erased_at": "2020-01-01T00:00:00Z", "affiliations": []},
        _check_person,
    ),
    Creatable(
        "cooperation-profile",
        "member",
        lambda objs: {
            "kind": "tech_offer",
            "title": "Drohnen für die Feldaufnahme",
            "summary": "Wir bieten Befliegungen mit Multispektralkameras für Ackerflächen an.",
        },
        lambda objs: {**_server_fields(), "status": "published", "is_active": True},
        _check_profile,
    ),
    Creatable(
        "registration",
        "member",
        lambda objs: {"event": objs["api_ev_public"].pk},
        lambda objs: {
            "status": "confirmed",
            "person": 987654,
            "organisation": objs["member_b"].organisation.pk,
            "attended_at": "2026-01-01T10:00:00Z",
            "source": "staff",
            "id": 987654,
        },
        _check_registration,
    ),
    Creatable(
        "format",
        "network_manager",
        lambda objs: {"name": "Neues Format", "network": objs["network_manager"].network.pk},
        lambda objs: {**_server_fields(), "adopted_from": objs["api_ev_host_format"].pk},
        _check_format,
    ),
    Creatable(
        "event",
        "network_manager",
        lambda objs: {
            "title": "Neuer Workshop",
            "starts_at": _soon(30),
            "ends_at": _soon(30, 3),
            "organiser": objs["network_manager"].network.pk,
        },
        lambda objs: {
            **_server_fields(),
            "status": "published",
            "published_at": "2020-01-01T00:00:00Z",
            "cancelled_at": None,
        },
        _check_event,
    ),
]


CREATES.append(
    Creatable(
        "news",
        "staff",
        lambda objs: {"title": "Neuer Förderaufruf", "body": "Anträge bis März."},
        lambda objs: {
            **_server_fields(),
            "version": 7,
            "is_published": True,
            "body_html": "<script>x()</script>",
            "image_url": "/media/fremd.png",
            "url": "/anderswo/",
            "author": objs["member"].pk,
        },
        _check_news,
    )
)


@pytest.mark.parametrize("create", CREATES, ids=lambda create: create.basename)
def test_creates_store_none_of_the_server_managed_or_foreign_fields(create, objs, client_for):
    client = client_for(objs[create.role])
    url = reverse(f"{create.basename}-list")
    response = client.post(url, {**create.body(objs), **create.extras(objs)}, content_type=JSON)
    if response.status_code != 201:
        assert 400 <= response.status_code < 500, response.content
        return
    created = response.json()
    assert created["id"] != 987654
    obj = _viewsets()[create.basename].queryset.model.objects.get(pk=created["id"])
    assert obj.created_at.year > 2000
    create.model_check(obj, objs)


def _viewsets() -> dict[str, Any]:
    from innonet.api.urls import router

    return {basename: viewset for _prefix, viewset, basename in router.registry}


def test_the_table_names_every_writable_model_of_the_api():
    patchable = {
        basename
        for basename, viewset in _viewsets().items()
        if hasattr(viewset, "partial_update") and "patch" in viewset.http_method_names
    }
    assert patchable == {writable.basename for writable in TABLE}
