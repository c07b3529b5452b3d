"""Names and links for the records behind a figure, looked up with one query per kind of
record. An erased person reads as such; nobody's identity comes back through a report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innonet.events.models import Event, Feedback, Registration
from innonet.matching.models import CooperationProfile, Introduction
from innonet.partners.models import Interaction, InternationalActivity, Organisation
from innonet.projects.models import InnovationProject

from .results import Evidence, Record

DASH = " \u2013 "

KIND_LABELS = {
    "organisation": gettext_lazy("organisation"),
    "event": gettext_lazy("event"),
    "registration": gettext_lazy("participation"),
    "interaction": gettext_lazy("contact"),
    "introduction": gettext_lazy("introduction"),
    "project": gettext_lazy("project"),
    "profile": gettext_lazy("cooperation profile"),
    "feedback": gettext_lazy("feedback"),
    "membership": gettext_lazy("membership"),
    "newsletter_issue": gettext_lazy("newsletter issue"),
    "international": gettext_lazy("international activity"),
}
DETAIL_URLS = {
    "organisation": "partners:organisation_detail",
    "event": "events:event_detail",
    "registration": "events:registration_detail",
    "interaction": "partners:interaction_detail",
    "introduction": "matching:introduction_detail",
    "project": "projects:project_detail",
    "profile": "matching:profile_detail",
    "international": "partners:international_detail",
}


@dataclass(frozen=True)
class Described:
    kind: str
    pk: int
    label: str
    url: str
    day: date | None
    evidence: tuple[Described, ...] = ()

    @property
    def day_text(self) -> str:
        return formats.date_format(self.day, "SHORT_DATE_FORMAT") if self.day else ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.pk,
            "label": self.label,
            "date": self.day.isoformat() if self.day else None,
            "evidence": [item.as_json() for item in self.evidence],
        }


def describe(records: Iterable[Record]) -> list[Described]:
    """The records with their names, links and evidence, in the order given."""
    records = list(records)
    wanted: dict[str, set[int]] = defaultdict(set)
    for record in records:
        wanted[record.kind].add(record.pk)
        for item in record.evidence:
            wanted[item.kind].add(item.pk)
    labels = {kind: _labels(kind, pks) for kind, pks in wanted.items()}

    def one(kind: str, pk: int, day: date | None, evidence: tuple[Evidence, ...] = ()):
        label = labels.get(kind, {}).get(pk)
        url = reverse(DETAIL_URLS[kind], kwargs={"pk": pk}) if label and kind in DETAIL_URLS else ""
        return Described(
            kind,
            pk,
            label or _("(removed record)"),
            url,
            day,
            tuple(one(item.kind, item.pk, item.day) for item in evidence),
        )

    return [one(r.kind, r.pk, r.day, r.evidence) for r in records]


def _labels(kind: str, pks: set[int]) -> dict[int, str]:
    if kind in ("organisation", "membership"):
        return dict(Organisation.objects.filter(pk__in=pks).values_list("pk", "name"))
    if kind == "event":
        return dict(Event.objects.filter(pk__in=pks).values_list("pk", "title"))
    if kind == "interaction":
        return {
            pk: f"{topic} ({name})" if name else topic
            for pk, topic, name in Interaction.objects.filter(pk__in=pks).values_list(
                "pk", "topic", "organisation__name"
            )
        }
    if kind == "international":
        return dict(InternationalActivity.objects.filter(pk__in=pks).values_list("pk", "topic"))
    if kind == "introduction":
        return {
            pk: f"{first or '?'}{DASH}{second or '?'}"
            for pk, first, second in Introduction.objects.filter(pk__in=pks).values_list(
                "pk", "first_organisation__name", "second_organisation__name"
            )
        }
    if kind == "newsletter_issue":
        from innonet.content.models import Issue

        return dict(Issue.objects.filter(pk__in=pks).values_list("pk", "subject"))
    if kind == "project":
        return dict(InnovationProject.objects.filter(pk__in=pks).values_list("pk", "title"))
    if kind == "profile":
        return dict(CooperationProfile.objects.filter(pk__in=pks).values_list("pk", "title"))
    if kind == "registration":
        return {
            registration.pk: _participation(registration)
            for registration in Registration.objects.filter(pk__in=pks).select_related(
                "person", "event"
            )
        }
    if kind == "feedback":
        return {
            pk: _("%(rating)s of 5 for %(event)s") % {"rating": rating, "event": title}
            for pk, rating, title in Feedback.objects.filter(pk__in=pks).values_list(
                "pk", "rating", "registration__event__title"
            )
        }
    return {}


def _participation(registration: Registration) -> str:
    person = registration.person
    if (person is not None and person.erased_at) or registration.email.endswith("@invalid"):
        name = _("(erased person)")
    else:
        name = str(registration) or registration.email
    organisation = registration.organisation_name
    who = f"{name}, {organisation}" if organisation else name
    return f"{who}{DASH}{registration.event.title}"
