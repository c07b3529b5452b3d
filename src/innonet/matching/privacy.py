"""Matchmaking's part of a person's export and erasure: cooperation profiles where the person
is the contact, introductions between them and others, and every profile, introduction, outcome
note or idea text that names them.

Profiles and introductions stay (the funder's figures count them) and keep pointing at the
erased Person, who has no name any more; their texts lose the mentions of the person."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import Erasure, Identity, Section

from .models import (
    CooperationProfile,
    InterestRequest,
    Introduction,
    IntroductionOutcome,
    ProfileResponse,
    Suggestion,
)

REDACTED, KEPT, REMOVED = Erasure.REDACTED, Erasure.KEPT, Erasure.REMOVED
RESPONSE_KEYS = ("created_at", "profile", "name", "email", "organisation_name", "message",
                 "consent_version", "consented_at")  # fmt: skip
PROFILE_TEXT = ["title", "summary", "description", "advantages", "partner_role", "keywords"]
PROFILE_KEYS = ("title", "kind", "organisation", "status", "valid_until", "summary")
INTRODUCTION_TEXT = ["topic", "message"]
INTRODUCTION_KEYS = ("topic", "message", "status", "introduced_on")
REQUEST_TEXT = ["message", "note"]
REQUEST_KEYS = ("created_at", "topic", "message", "status", "note")


def _profiles(identity: Identity):
    named = privacy.mentioning(CooperationProfile.objects.all(), PROFILE_TEXT, identity)
    found = Q(contact_id=identity.person_id) | Q(pk__in=named.values("pk"))
    return CooperationProfile.objects.filter(found).select_related("organisation")


def _introductions(identity: Identity):
    person = identity.person_id
    named = privacy.mentioning(Introduction.objects.all(), INTRODUCTION_TEXT, identity)
    noted = privacy.mentioning(IntroductionOutcome.objects.all(), ["note"], identity)
    found = Q(first_person_id=person) | Q(second_person_id=person) | Q(pk__in=named.values("pk"))
    found |= Q(pk__in=noted.values("introduction_id"))
    return Introduction.objects.filter(found).select_related(
        "first_organisation", "second_organisation"
    )


def _responses(identity: Identity):
    """Answers to public cooperation profiles sent from one of the person's addresses."""
    if not identity.emails:
        return ProfileResponse.objects.none()
    found = reduce(or_, (Q(email__iexact=email) for email in sorted(identity.emails)))
    return ProfileResponse.objects.filter(found).select_related("profile")


def _requests(identity: Identity):
    named = privacy.mentioning(InterestRequest.objects.all(), REQUEST_TEXT, identity)
    found = Q(person_id=identity.person_id) | Q(pk__in=named.values("pk"))
    return InterestRequest.objects.filter(found).order_by("pk")


def _side(introduction: Introduction, identity: Identity) -> str:
    if introduction.first_person_id == identity.person_id:
        return str(introduction.first_organisation)
    if introduction.second_person_id == identity.person_id:
        return str(introduction.second_organisation)
    return _("mentions you")


def _introduction_row(introduction: Introduction, identity: Identity) -> dict:
    notes = introduction.outcomes.values_list("note", flat=True)
    return privacy.row(
        introduction,
        **{key: getattr(introduction, key) for key in INTRODUCTION_KEYS},
        organisations=[introduction.first_organisation, introduction.second_organisation],
        your_side=_side(introduction, identity),
        notes=[note for note in notes if identity.mentions(note)],
    )


def _profile_row(profile: CooperationProfile, identity: Identity) -> dict:
    relation = _("contact person") if profile.contact_id == identity.person_id else None
    return privacy.row(
        profile,
        **{key: getattr(profile, key) for key in PROFILE_KEYS},
        relation=relation or _("mentions you"),
    )


@privacy.contributor
class MatchingData(privacy.Contributor):
    """Cooperation profiles, introductions and ideas that name or concern the person."""

    name = "matching"
    order = 40
    fields = {
        "matching.CooperationProfile.contact": KEPT,
        "matching.Introduction.first_person": KEPT,
        "matching.Introduction.second_person": KEPT,
        "matching.Introduction.topic": REDACTED,
        "matching.Introduction.message": REDACTED,
        "matching.IntroductionOutcome.note": REDACTED,
        "matching.Suggestion.query_text": REDACTED,
        "matching.ProfileResponse.name": REMOVED,
        "matching.ProfileResponse.email": REMOVED,
        "matching.ProfileResponse.organisation_name": REMOVED,
        "matching.ProfileResponse.message": REMOVED,
        "matching.ProfileResponse.consent_version": REMOVED,
        "matching.ProfileResponse.consented_at": REMOVED,
        "matching.InterestRequest.person": KEPT,
        "matching.InterestRequest.message": REDACTED,
        "matching.InterestRequest.note": REDACTED,
    }

    def collect(self, identity: Identity) -> list[Section]:
        ideas = privacy.mentioning(Suggestion.objects.all(), ["query_text"], identity)
        return [
            Section(
                "cooperation_profiles",
                _("Cooperation profiles"),
                {
                    **privacy.field_labels(CooperationProfile, *PROFILE_KEYS),
                    "relation": _("relation"),
                },
                [_profile_row(profile, identity) for profile in _profiles(identity)],
            ),
            Section(
                "introductions",
                _("Introductions"),
                {
                    **privacy.field_labels(Introduction, *INTRODUCTION_KEYS),
                    "organisations": _("organisations"),
                    "your_side": _("your side"),
                    "notes": _("notes on the outcome"),
                },
                [_introduction_row(item, identity) for item in _introductions(identity)],
            ),
            Section(
                "interest_requests",
                _("Requests for an introduction"),
                privacy.field_labels(InterestRequest, *REQUEST_KEYS),
                [
                    privacy.row(item, **{key: getattr(item, key) for key in REQUEST_KEYS})
                    for item in _requests(identity)
                ],
            ),
            Section(
                "matching_ideas",
                _("Matching questions that name you"),
                privacy.field_labels(Suggestion, "created_at", "query_text"),
                [
                    privacy.row(item, created_at=item.created_at, query_text=item.query_text)
                    for item in ideas
                ],
            ),
            Section(
                "profile_responses",
                _("Answers to cooperation profiles"),
                privacy.field_labels(ProfileResponse, *RESPONSE_KEYS),
                [
                    privacy.row(item, **{key: getattr(item, key) for key in RESPONSE_KEYS})
                    for item in _responses(identity)
                ],
            ),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        profiles = CooperationProfile.objects.all()
        introductions = Introduction.objects.all()
        return {
            "profiles": privacy.redact_rows(profiles, PROFILE_TEXT, identity, save=True),
            "introductions": privacy.redact_rows(introductions, INTRODUCTION_TEXT, identity),
            "outcomes": privacy.redact_rows(IntroductionOutcome.objects.all(), ["note"], identity),
            "ideas": privacy.redact_rows(Suggestion.objects.all(), ["query_text"], identity),
            "profile_responses": _responses(identity).delete()[0],
            "requests": privacy.redact_rows(InterestRequest.objects.all(), REQUEST_TEXT, identity),
        }
