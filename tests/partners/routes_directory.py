"""Route x role rows for the member directory and the office's list of contact requests.
Organisation B (member_b) is shown to members and has a research group; a third organisation
did not consent and is hidden."""

from innonet.partners.models import ContactRequest, MemberVisibility
from tests.access import LOGIN, READERS, Route, expect, pk_of
from tests.factories import OrganisationFactory, UnitFactory

DIRECTORY = expect(LOGIN, 200, 200, 403, 200, 200)


def objects(objs):
    shown = objs["member_b"].organisation
    shown.member_visibility = MemberVisibility.SHOWN
    shown.save()
    UnitFactory(organisation=shown, name="Arbeitsgruppe Funk")
    hidden = OrganisationFactory(name="Verborgene Werkstatt GmbH")
    request = ContactRequest.objects.create(
        organisation=shown,
        requesting_organisation=objs["member"].organisation,
        requested_by=objs["member"],
        message="Wir suchen einen Partner für Funksensorik.",
    )
    return {"directory_org": shown, "hidden_org": hidden, "contact_request": request}


ROUTES = [
    Route("partners:directory", DIRECTORY),
    Route("partners:directory_detail", DIRECTORY, kwargs=pk_of("directory_org")),
    Route(
        "partners:directory_detail",
        expect(LOGIN, 404, 404, 403, 404, 404),
        kwargs=pk_of("hidden_org"),
        note="no consent to be shown to members",
    ),
    Route(
        "partners:directory_detail",
        expect(LOGIN, 302, 200, 403, 200, 200),
        method="POST",
        kwargs=pk_of("directory_org"),
        data=lambda objs: {"message": "Bitte stellen Sie den Kontakt her."},
        note="member: stored and redirected; member_b (its own organisation), board and staff "
        "are refused on the form",
    ),
    Route("partners:contact_request_list", READERS),
    Route(
        "partners:contact_request_done",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=pk_of("contact_request"),
    ),
]
