"""Route x role rows for the organisation pages, exports and units."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from innonet.partners.models import ConsentPurpose
from tests.access import LOGIN, READERS, SIGNED_IN, STAFF_ONLY, Route, expect, same
from tests.factories import ConsentFactory, MembershipFactory, PersonFactory, UnitFactory


def objects(objs):
    """The member's organisation is in the manager's network; another organisation has a
    public profile. Both have a logo."""
    own = objs["member"].organisation
    MembershipFactory(organisation=own, network=objs["network_manager"].network)
    unit = UnitFactory(organisation=own, name="Arbeitsgruppe Sensorik")
    public = objs["member_b"].organisation
    person = PersonFactory(first_name="Paula", last_name="Profil", email="")
    ConsentFactory(
        person=person,
        organisation=public,
        purpose=ConsentPurpose.PUBLIC_PROFILE,
        granted=True,
        source="Formular",
        text_version="2025-01",
    )
    for organisation in (own, public):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8)).save(buffer, format="PNG")
        organisation.logo = SimpleUploadedFile("logo.png", buffer.getvalue())
        organisation.save()
    return {"own_org": own, "own_unit": unit, "public_org": public}


def _own(objs):
    return {"pk": objs["own_org"].pk}


def _unit(objs):
    return {"pk": objs["own_unit"].pk}


def _edit_data(objs):
    org = objs["own_org"]
    return {"version": org.version, "city": "Osnabrück", "name": org.name, "kind": org.kind}


# Member: own organisation; member_b: not visible (404); manager sees it through the network
# but may not change it; board reads.
OWN_READ = expect(LOGIN, 200, 404, 200, 200, 200)
OWN_CHANGE = expect(LOGIN, 200, 404, 403, 403, 200)
OWN_CHANGED = expect(LOGIN, 302, 404, 403, 403, 302)

ROUTES = [
    Route("partners:organisation_list", SIGNED_IN),
    Route("partners:organisation_export", READERS, kwargs=lambda objs: {"fmt": "csv"}),
    Route("partners:organisation_export", READERS, kwargs=lambda objs: {"fmt": "xlsx"}),
    Route("partners:organisation_create", STAFF_ONLY),
    Route(
        "partners:organisation_create",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        data=lambda objs: {"name": "Neue Werkstatt GmbH", "kind": "sme"},
    ),
    Route("partners:organisation_detail", OWN_READ, kwargs=_own),
    Route("partners:organisation_update", OWN_CHANGE, kwargs=_own),
    Route("partners:organisation_update", OWN_CHANGED, method="POST", kwargs=_own, data=_edit_data),
    Route("partners:organisation_membership", STAFF_ONLY, kwargs=_own),
    Route(
        "partners:organisation_membership",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=_own,
        data=lambda objs: {
            "network": objs["network_manager"].network.pk,
            "status": "active",
            "valid_from": date(2024, 1, 1).isoformat(),
        },
    ),
    Route(
        "partners:organisation_logo",
        expect(404, 200, 404, 200, 200, 200),
        kwargs=_own,
        note="no public profile: only those who see the organisation; no login redirect",
    ),
    Route(
        "partners:organisation_logo",
        same(200),
        kwargs=lambda objs: {"pk": objs["public_org"].pk},
        note="consent to a public profile granted",
    ),
    Route(
        "partners:organisation_public",
        same(200),
        kwargs=lambda objs: {"pk": objs["public_org"].pk},
        note="consent to a public profile granted",
    ),
    Route(
        "partners:organisation_public",
        same(404),
        kwargs=_own,
        note="no consent: no public profile",
    ),
    Route(
        "partners:unit_create",
        OWN_CHANGE,
        kwargs=lambda objs: {"organisation_pk": _own(objs)["pk"]},
    ),
    Route(
        "partners:unit_create",
        OWN_CHANGED,
        method="POST",
        kwargs=lambda objs: {"organisation_pk": _own(objs)["pk"]},
        data=lambda objs: {"name": "Labor für Werkstoffe", "kind": "group"},
    ),
    Route("partners:unit_update", OWN_CHANGE, kwargs=_unit),
    Route(
        "partners:unit_update",
        OWN_CHANGED,
        method="POST",
        kwargs=_unit,
        data=lambda objs: {"name": "AG Sensorik und Messtechnik", "kind": "group"},
    ),
    Route("partners:unit_delete", OWN_CHANGE, kwargs=_unit),
    Route("partners:unit_delete", OWN_CHANGED, method="POST", kwargs=_unit),
]
