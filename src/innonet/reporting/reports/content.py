"""Freezing a report: every figure with its definition, parts and records, the per-enterprise
evidence and the activity annex, written out as plain JSON in the active language.

Everything a page, the PDF or the XLSX of an issued report shows comes from this document, so
later merges, erasures, renames and corrections of the registry do not change it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innonet.core.collation import german_key
from innonet.networks.models import Network
from innonet.partners.models import Interaction, Organisation

from ..indicators import GROUPS, INDICATORS, Indicator, Period, Result
from ..indicators.erdf import ERDF_2014, ERDF_2021
from ..indicators.facts import SUPPORT_INTERACTIONS, Facts
from ..indicators.results import Evidence
from .labels import PERSONAL_KINDS, SIZE_LABELS, Labels, display, organisation_kind_label

FORMAT = 1  # the layout of the frozen document; readers check it before they read
ERDF_GROUPS = (ERDF_2014, ERDF_2021)
GROUP_ORDER = ("network", "activity", "international", ERDF_2021, ERDF_2014)


def freeze(
    facts: Facts,
    period: Period,
    *,
    network: Network | None,
    version: int,
    step: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """The report's content for `period`, computed from `facts`; `step` is called after each
    indicator and after the annex, for the progress shown while the report is made."""
    labels = Labels(facts)
    results: dict[str, Result] = {}
    indicators = []
    record_labels: dict[str, str] = {}
    for code, indicator in INDICATORS.items():
        results[code] = indicator.compute(facts, period)
        indicators.append(_indicator(indicator, results[code], labels, record_labels))
        step()
    content = {
        "format": FORMAT,
        "language": translation.get_language(),
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "network": {"id": network.pk, "name": network.name} if network else None,
        "scope": network.name if network else _("all networks"),
        "version": version,
        "as_of": facts.as_of.isoformat(),
        "computed_at": timezone.now().isoformat(),
        "groups": [
            {
                "code": group.code,
                "label": str(group.label),
                "indicators": [code for code, i in INDICATORS.items() if i.group == group.code],
            }
            for group in _groups()
        ],
        "indicators": indicators,
        "record_labels": record_labels,
        "evidence": organisation_evidence(facts, results, labels),
        "annex": activity_annex(facts, period),
    }
    step()
    return content


def _groups() -> list:
    """The network first, then its work, then the funding periods' indicators (newest first)."""
    order = {code: index for index, code in enumerate(GROUP_ORDER)}
    return sorted(GROUPS.values(), key=lambda group: order.get(group.code, len(order)))


def _indicator(
    indicator: Indicator, result: Result, labels: Labels, record_labels: dict[str, str]
) -> dict[str, Any]:
    plain = result.as_json()
    records = None
    if indicator.record_kind not in PERSONAL_KINDS:
        records = []
        for record in result.records:
            key = f"{record.kind}:{record.pk}"
            if key not in record_labels:
                record_labels[key] = labels.label(record.kind, record.pk)
            records.append(key)
        records = list(dict.fromkeys(records))
    return {
        "code": indicator.code,
        "group": indicator.group,
        "label": str(indicator.label),
        "definition": str(indicator.definition),
        "source": str(indicator.source),
        "unit": indicator.unit,
        "record_kind": indicator.record_kind,
        "record_kind_label": labels.kind_label(indicator.record_kind),
        "value": plain["value"],
        "numerator": plain["numerator"],
        "denominator": plain["denominator"],
        "display": display(result.value, indicator.unit),
        "parts": [{**part, "display": display(part["value"], "count")} for part in plain["parts"]],
        "records": records,
        "record_count": len(result.records),
    }


# The ERDF indicators that count the same organisations for the same reasons, listed once.
EVIDENCE_SECTIONS = (
    ("support", gettext_lazy("Enterprises supported"), ("CO01", "CO04", "RCO01", "RCO04")),
    (
        "cooperation",
        gettext_lazy("Enterprises cooperating with research organisations"),
        ("CO26", "RCO10"),
    ),
    ("research", gettext_lazy("Research organisations in joint research projects"), ("RCO07",)),
)


def _sections() -> list[tuple[str, str, tuple[str, ...]]]:
    """The evidence sections, plus one for each ERDF indicator none of them names."""
    sections = [(key, str(label), codes) for key, label, codes in EVIDENCE_SECTIONS]
    named = {code for _key, _label, codes in sections for code in codes}
    for code, indicator in INDICATORS.items():
        if indicator.group in ERDF_GROUPS and code not in named:
            sections.append((code, str(indicator.label), (code,)))
    return [
        (key, label, tuple(c for c in codes if c in INDICATORS)) for key, label, codes in sections
    ]


def organisation_evidence(
    facts: Facts, results: dict[str, Result], labels: Labels
) -> list[dict[str, Any]]:
    """Per section of ERDF indicators: every organisation they count, with each activity that
    made it count (what, when), alphabetically."""
    identifiers = _identifiers()
    return [
        {"key": key, "label": label, "codes": list(codes),
         "rows": _evidence_rows(facts, [results[code] for code in codes], labels, identifiers)}
        for key, label, codes in _sections()
    ]  # fmt: skip


def _identifiers() -> dict[int, str]:
    """The register id (else the VAT id) each enterprise is counted by, as the office wrote it."""
    rows = Organisation.objects.exclude(register_id="", vat_id="").values_list(
        "pk", "register_id", "vat_id"
    )
    return {pk: " ".join((register or vat).split()) for pk, register, vat in rows}


def _evidence_rows(
    facts: Facts, results: list[Result], labels: Labels, identifiers: dict[int, str]
) -> list[dict[str, Any]]:
    entries: dict[int, dict[str, Any]] = {}
    evidence: dict[int, dict[tuple, dict[str, Any]]] = defaultdict(dict)
    for result in results:
        for record in result.records:
            org = facts.organisations.get(record.pk)
            if record.kind != "organisation" or org is None:
                continue
            if org.pk not in entries:
                entries[org.pk] = {
                    "id": org.pk,
                    "name": org.name,
                    "kind": org.kind,
                    "kind_label": organisation_kind_label(org.kind),
                    "size": org.size,
                    "size_label": str(SIZE_LABELS.get(org.size, org.size)),
                    "sme": org.is_sme,
                    "identifier": identifiers.get(org.pk, ""),
                }
            for item in record.evidence:
                key = (item.day or date.min, item.kind, item.pk)
                evidence[org.pk].setdefault(key, _evidence(item, labels))
    rows = []
    for pk, entry in entries.items():
        entry["evidence"] = [evidence[pk][key] for key in sorted(evidence[pk])]
        rows.append(entry)
    return sorted(rows, key=lambda row: (german_key(row["name"]), row["id"]))


def _evidence(item: Evidence, labels: Labels) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "kind_label": labels.kind_label(item.kind),
        "id": item.pk,
        "label": labels.evidence_label(item.kind, item.pk),
        "date": item.day.isoformat() if item.day else None,
    }


def activity_annex(facts: Facts, period: Period) -> dict[str, Any]:
    """The annex of the annual report: every event held in the period with its participants,
    and the office's contacts by month and kind."""
    return {"events": _events(facts, period), "contacts": _contacts(facts, period)}


def _events(facts: Facts, period: Period) -> dict[str, Any]:
    networks = dict(Network.objects.values_list("pk", "name"))
    attended: dict[int, list] = defaultdict(list)
    for attendance in facts.within("attendances", period):
        attended[attendance.event].append(attendance)
    organisations = facts.organisations
    rows = []
    all_orgs: set[int] = set()
    for event in sorted(facts.within("events", period), key=lambda e: (e.day, e.title, e.pk)):
        present = attended.get(event.pk, [])
        orgs = {a.organisation for a in present if a.organisation in organisations}
        all_orgs |= orgs
        rows.append(
            {
                "id": event.pk,
                "date": event.day.isoformat(),
                "format": event.format,
                "title": event.title,
                "networks": sorted((networks.get(n, "?") for n in event.networks), key=german_key),
                "registered": event.confirmed,
                "attended": len(present),
                "attended_sme": sum(
                    1 for a in present if a.organisation in organisations
                    and organisations[a.organisation].is_sme
                ),
                "organisations": len(orgs),
                "smes": sum(1 for pk in orgs if organisations[pk].is_sme),
            }
        )  # fmt: skip
    totals = {
        "events": len(rows),
        "registered": sum(row["registered"] for row in rows),
        "attended": sum(row["attended"] for row in rows),
        "attended_sme": sum(row["attended_sme"] for row in rows),
        "organisations": len(all_orgs),
        "smes": sum(1 for pk in all_orgs if organisations[pk].is_sme),
    }
    return {"rows": rows, "totals": totals}


def _contacts(facts: Facts, period: Period) -> dict[str, Any]:
    """Contacts in scope as the `contacts` indicator counts them, grouped by month and kind."""
    kinds = dict(Interaction.Kind.choices)
    order = {kind: index for index, kind in enumerate(kinds)}
    groups: dict[tuple[str, str], list] = defaultdict(list)
    chosen = [c for c in facts.within("contacts", period) if facts.in_scope(c.organisation, period)]
    for contact in chosen:
        groups[(contact.day.strftime("%Y-%m"), contact.kind)].append(contact)
    organisations = facts.organisations
    rows = []
    for (month, kind), contacts in sorted(
        groups.items(), key=lambda i: (i[0][0], order.get(i[0][1], 99))
    ):
        orgs = {c.organisation for c in contacts if c.organisation in organisations}
        rows.append(
            {
                "month": month,
                "kind": kind,
                "kind_label": str(kinds.get(kind, kind)),
                "support": kind in SUPPORT_INTERACTIONS,
                "contacts": len(contacts),
                "organisations": len(orgs),
                "smes": sum(1 for pk in orgs if organisations[pk].is_sme),
            }
        )
    all_orgs = {c.organisation for c in chosen if c.organisation in organisations}
    by_kind = Counter(c.kind for c in chosen)
    return {
        "rows": rows,
        "totals": {
            "contacts": len(chosen),
            "organisations": len(all_orgs),
            "smes": sum(1 for pk in all_orgs if organisations[pk].is_sme),
            "by_kind": [
                {"kind": kind, "kind_label": str(label), "contacts": by_kind[kind]}
                for kind, label in kinds.items()
                if by_kind[kind]
            ],
        },
    }
