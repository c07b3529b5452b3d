"""Route x role rows for introductions. Organisation A (member) is introduced to a third
organisation; organisation B (member_b) has a public profile and a draft. The office plans,
sends and steers introductions; the board reads them; members see their own organisation's
and say "I am interested" in others' profiles; partner-network managers get 403."""

from innonet.matching.models import ProfileStatus, Visibility
from innonet.matching.services import introductions as services
from innonet.partners.models import Consent, ConsentPurpose, Person
from tests.access import LOGIN, STAFF_ONLY, Route, expect, pk_of
from tests.factories import AffiliationFactory, ConsentFactory, OrganisationFactory

from .factories import InterestRequestFactory, ProfileFactory

LIST = expect(LOGIN, 200, 200, 403, 200, 200)
SEE_A = expect(LOGIN, 200, 404, 403, 200, 200)
STEER_A = expect(LOGIN, 403, 404, 403, 403, 302)
ONLY_POST = expect(LOGIN, 405, 405, 403, 405, 405)
MEMBERS_POST_ONLY = expect(LOGIN, 405, 405, 403, 403, 403)


def person_at(organisation, *, email="", language="de", main=True, **fields) -> Person:
    """A person with a current role at the organisation."""
    person = Person.objects.create(
        first_name=fields.pop("first_name", "Jörg"),
        last_name=fields.pop("last_name", "Weiß"),
        email=email,
        language=language,
        **fields,
    )
    AffiliationFactory(person=person, organisation=organisation, is_main_contact=main)
    return person


def consent_sharing(person: Person, granted: bool = True) -> Consent:
    return ConsentFactory(
        person=person,
        purpose=ConsentPurpose.PARTNER_SHARING,
        granted=granted,
        source="Test",
        text_version="1",
    )


def objects(objs):
    own, other = objs["member"].organisation, objs["member_b"].organisation
    third = OrganisationFactory(name="Landtechnik Hasetal GmbH")
    introduction = services.introduction_create(
        first_organisation=own,
        second_organisation=third,
        first_person=person_at(own, email="kontakt@a.example"),
        second_person=person_at(third, email="kontakt@hasetal.example"),
        topic="Bodenfeuchtesensorik im Feldversuch",
        acting_user=objs["staff"],
    )
    return {
        "intro_third": third,
        "intro_a": introduction,
        "intro_profile_b": ProfileFactory(organisation=other, visibility=Visibility.PUBLIC),
        "intro_request": InterestRequestFactory(organisation=own, target_organisation=other),
        "intro_draft_b": ProfileFactory(
            organisation=other, visibility=Visibility.PUBLIC, status=ProfileStatus.DRAFT
        ),
    }


def _plan(objs):
    return {
        "first_organisation": objs["member"].organisation.pk,
        "second_organisation": objs["intro_third"].pk,
        "topic": "Gemeinsamer ZIM-Antrag",
        "allow_duplicate": "1",  # the pair already has intro_a
    }


ROUTES = [
    Route("matching:introduction_list", LIST),
    Route("matching:introduction_create", STAFF_ONLY),
    Route(
        "matching:introduction_create",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        data=_plan,
    ),
    Route("matching:introduction_detail", SEE_A, kwargs=pk_of("intro_a")),
    Route("matching:introduction_send", ONLY_POST, kwargs=pk_of("intro_a")),
    Route(
        "matching:introduction_send",
        STEER_A,
        method="POST",
        kwargs=pk_of("intro_a"),
        data=lambda objs: {"version": objs["intro_a"].version},
    ),
    Route("matching:introduction_outcome", ONLY_POST, kwargs=pk_of("intro_a")),
    Route(
        "matching:introduction_outcome",
        STEER_A,
        method="POST",
        kwargs=pk_of("intro_a"),
        data=lambda objs: {"status": "declined", "version": objs["intro_a"].version},
    ),
    Route(
        "matching:interest_request_close",
        expect(LOGIN, 403, 403, 403, 403, 405),
        kwargs=pk_of("intro_request"),
    ),
    Route(
        "matching:interest_request_close",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=pk_of("intro_request"),
        data=lambda objs: {"note": "Schon im Gespräch"},
    ),
    Route("matching:introduction_request", MEMBERS_POST_ONLY, kwargs=pk_of("intro_profile_b")),
    Route(
        "matching:introduction_request",
        expect(LOGIN, 302, 302, 403, 403, 403),
        method="POST",
        kwargs=pk_of("intro_profile_b"),
        note="member_b is told that the profile is their own organisation's",
    ),
    Route(
        "matching:introduction_request",
        expect(LOGIN, 404, 302, 403, 403, 403),
        method="POST",
        kwargs=pk_of("intro_draft_b"),
        note="another organisation's draft is not there for member A",
    ),
]
