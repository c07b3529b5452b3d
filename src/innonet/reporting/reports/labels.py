"""Names of the records a report lists, read from the facts it was computed from (no further
queries), and how figures are written. Nobody's name is ever looked up: people appear in a
report only as counts, so an erasure never has to reach into an issued report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from innonet.partners.models import Interaction, InternationalActivity, Organisation

from ..indicators.erdf import SIZES
from ..indicators.facts import Facts
from ..indicators.records import DASH, KIND_LABELS

# Records that stand for a person's participation or rating: counted, never listed.
PERSONAL_KINDS = frozenset({"registration", "feedback"})
SIZE_LABELS = dict(SIZES)


class Labels:
    """Looks up a record's label by kind and id in the facts, building each index once."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._index: dict[str, dict[int, str]] = {}

    def kind_label(self, kind: str) -> str:
        return str(KIND_LABELS.get(kind, kind))

    def label(self, kind: str, pk: int) -> str:
        index = self._index.get(kind)
        if index is None:
            index = self._index[kind] = self._build(kind)
        return index.get(pk) or _("(removed record)")

    def evidence_label(self, kind: str, pk: int) -> str:
        """An activity as evidence for its organisation: a contact by its kind alone."""
        if kind == "interaction":
            index = self._index.get("contact kinds")
            if index is None:
                kinds = dict(Interaction.Kind.choices)
                index = self._index["contact kinds"] = {
                    c.pk: str(kinds.get(c.kind, c.kind)).capitalize() for c in self.facts.contacts
                }
            return index.get(pk) or _("(removed record)")
        return self.label(kind, pk)

    def _build(self, kind: str) -> dict[int, str]:
        facts = self.facts
        names = {pk: org.name for pk, org in facts.organisations.items()}
        if kind in ("organisation", "membership"):
            return names
        if kind == "event":
            return {event.pk: event.title for event in facts.events}
        if kind == "project":
            return {project.pk: project.title for project in facts.projects}
        if kind == "profile":
            return {profile.pk: profile.title for profile in facts.profiles}
        if kind == "introduction":
            return {
                intro.pk: DASH.join(names.get(pk, "?") for pk in intro.organisations)
                for intro in facts.introductions
            }
        if kind == "international":
            return {activity.pk: _abroad_label(facts, activity) for activity in facts.abroad}
        if kind == "interaction":
            kinds = dict(Interaction.Kind.choices)
            return {
                contact.pk: _contact_label(str(kinds.get(contact.kind, contact.kind)),
                                           names.get(contact.organisation))
                for contact in facts.contacts
            }  # fmt: skip
        return {}


def _contact_label(kind: str, organisation: str | None) -> str:
    """A contact by its kind and organisation; its topic is free text and may name people."""
    return f"{kind.capitalize()}: {organisation}" if organisation else kind.capitalize()


def _abroad_label(facts: Facts, activity) -> str:
    """An international activity by its kind and countries; its topic may name people."""
    kinds = dict(InternationalActivity.Kind.choices)
    countries = ", ".join(facts.country_names.get(code, code) for code in activity.countries)
    kind = str(kinds.get(activity.kind, activity.kind))
    return f"{kind[:1].upper()}{kind[1:]}: {countries}" if countries else kind


def organisation_kind_label(kind: str) -> str:
    return str(dict(Organisation.Kind.choices).get(kind, kind))


def display(value: Any, unit: str) -> str:
    """A figure as the report writes it, in the active language: 1.234, 42,5 %, 1.250.000 €."""
    if value is None:
        return "\u2013"
    if unit == "share":
        return f"{formats.number_format(round(float(value) * 100, 1), 1, use_l10n=True)}\u00a0%"
    if unit == "euro":
        amount = Decimal(str(value)).quantize(Decimal(1))
        return f"{formats.number_format(amount, 0, use_l10n=True, force_grouping=True)}\u00a0€"
    if unit == "rating":
        return formats.number_format(value, 1, use_l10n=True)
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)
