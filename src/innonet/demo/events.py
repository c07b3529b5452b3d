"""Demo formats and events: the host network's formats (some adopted by sector networks),
a year of past events with attendance and feedback, and the coming months' programme.

Everything derives from the seed and the day, like the registry. Registrations are written in
bulk with the states the services would have produced (confirmed, waiting, cancelled,
checked in), so the figures pages show a believable history."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from innonet.core.models import Competence, Ris3Field
from innonet.events.models import (
    AskedField,
    Event,
    EventStatus,
    EventTask,
    EventVisibility,
    Feedback,
    Format,
    Registration,
    RegistrationStatus,
)
from innonet.events.services.events import default_consent_text
from innonet.networks.models import Network
from innonet.partners.models import Affiliation

BERLIN = ZoneInfo("Europe/Berlin")
PAST_EVENTS = 24
COMING_EVENTS = 10


@dataclass(frozen=True)
class DemoFormat:
    name: str
    goal: str
    target_groups: str
    minutes: int
    capacity: int
    checklist: tuple[str, ...]
    description: str
    shared_with: tuple[str, ...] = ()


FORMATS: tuple[DemoFormat, ...] = (
    DemoFormat(
        "IT-Frühstück",
        "Unternehmen und Hochschulen lernen sich bei Kaffee und einem Impulsvortrag kennen.",
        "Geschäftsführung, Entwicklung, Forschung",
        90,
        40,
        ("Raum reservieren", "Impulsvortrag anfragen", "Catering bestellen", "Namensschilder"),
        "Ein **kurzer Impuls** (15 Minuten), danach Gespräche an Stehtischen.\n\n"
        "- Beginn 8:00 Uhr\n- Ende 9:30 Uhr",
        ("agrar", "energie"),
    ),
    DemoFormat(
        "Expertengespräch",
        "Eine Forschungsgruppe stellt ein Thema vor; Unternehmen bringen ihre Fragen mit.",
        "Fachleute aus Unternehmen und Forschung",
        120,
        25,
        ("Expertin/Experten gewinnen", "Fragen der Teilnehmenden sammeln", "Protokoll"),
        "Vortrag mit anschließender moderierter Diskussion in kleiner Runde.",
        ("maritim",),
    ),
    DemoFormat(
        "Werkstatt",
        "In drei Stunden an einer konkreten Herausforderung eines Partners arbeiten.",
        "Entwicklung, Produktmanagement",
        180,
        16,
        ("Herausforderung mit dem Partner klären", "Moderation", "Material", "Ergebnisse"),
        "Arbeit in Gruppen mit Methoden aus dem Design Thinking.",
    ),
    DemoFormat(
        "Firmenbesuch",
        "Ein Mitglied öffnet seine Türen: Produktion, Labor, Projekte.",
        "Mitglieder",
        150,
        20,
        ("Gastgeber abstimmen", "Sicherheitsunterweisung", "Anfahrt beschreiben"),
        "Führung und Gespräch mit der Geschäftsführung.",
        ("agrar", "energie", "maritim"),
    ),
    DemoFormat(
        "Hackathon",
        "Teams aus Studierenden und Unternehmen lösen in 24 Stunden Aufgaben der Partner.",
        "Studierende, Entwicklerinnen und Entwickler",
        1440,
        60,
        ("Aufgaben sammeln", "Jury", "Verpflegung", "WLAN und Strom", "Preise"),
        "Auftakt am Freitagabend, Präsentationen am Samstagnachmittag.",
    ),
    DemoFormat(
        "Transferkonferenz",
        "Der jährliche Treffpunkt von Wirtschaft und Wissenschaft in der Region.",
        "alle Partner und Interessierte",
        420,
        150,
        ("Programm", "Referentinnen und Referenten", "Ausstellung", "Presse"),
        "Vorträge, Foren und eine Ausstellung der Forschungsprojekte.",
    ),
)

TOPICS = (
    ("Sensorik im Stall: Daten für das Tierwohl", "agrar", "agrarsystemtechnik-biooekonomie"),
    ("KI in der Qualitätsprüfung", "host", "digitale-wirtschaft-ikt"),
    ("Energiespeicher für Gewerbebetriebe", "energie", "energie"),
    ("Digitale Zwillinge in der Fertigung", "host", "digitale-wirtschaft-ikt"),
    ("Cybersicherheit für den Mittelstand", "host", "digitale-wirtschaft-ikt"),
    ("Hafenlogistik digital", "maritim", "maritime-wirtschaft"),
    ("Fördermittel für Innovationsprojekte", "host", "digitale-wirtschaft-ikt"),
    ("Robotik in der Landwirtschaft", "agrar", "agrarsystemtechnik-biooekonomie"),
    ("Wasserstoff im Nordwesten", "energie", "energie"),
    ("Open Data in Kommunen", "host", "digitale-wirtschaft-ikt"),
)
VENUES = (
    "Wissenschaftspark Osnabrück, Albert-Einstein-Straße 1, 49076 Osnabrück",
    "Hochschule Osnabrück, Campus Westerberg, 49076 Osnabrück",
    "Innovationscentrum Osnabrück, Albert-Einstein-Straße 1, 49076 Osnabrück",
    "Kreishaus Osnabrück, Am Schölerberg 1, 49082 Osnabrück",
)
SPEAKERS = "Prof. Dr. Anna Brandt (Hochschule Osnabrück)\nJonas Terhorst (Hasetal Datentechnik)"
COMMENTS = (
    "Sehr gute Kontakte geknüpft.",
    "Der Impuls war spannend, gern mehr Zeit für Fragen.",
    "Gute Mischung aus Forschung und Praxis.",
    "Etwas zu voll, aber lohnend.",
    "Konkrete Projektidee mitgenommen.",
)


def _formats(networks: dict[str, Network]) -> dict[str, Format]:
    found = {}
    host = networks["host"]
    for item in FORMATS:
        format, _created = Format.objects.update_or_create(
            network=host,
            name=item.name,
            defaults={
                "goal": item.goal,
                "target_groups": item.target_groups,
                "duration_minutes": item.minutes,
                "capacity": item.capacity,
                "checklist": "\n".join(item.checklist),
                "description": item.description,
                "is_shared": bool(item.shared_with),
            },
        )
        found[item.name] = format
        for key in item.shared_with:
            Format.objects.get_or_create(
                network=networks[key],
                name=item.name,
                defaults={
                    "goal": item.goal,
                    "target_groups": item.target_groups,
                    "duration_minutes": item.minutes,
                    "capacity": item.capacity,
                    "checklist": "\n".join(item.checklist),
                    "description": item.description,
                    "adopted_from": format,
                },
            )
    return found


def _start(day: date, rng: random.Random, minutes: int) -> datetime:
    hour = 8 if minutes <= 90 else rng.choice((9, 14, 16)) if minutes < 400 else 9
    return datetime.combine(day, time(hour, 0), tzinfo=BERLIN)


def _plan_events(rng, today, networks, formats) -> list[tuple[Event, str, bool]]:
    plans = []
    names = list(formats)
    for index in range(PAST_EVENTS + COMING_EVENTS):
        past = index < PAST_EVENTS
        offset = -rng.randint(5, 360) if past else rng.randint(3, 100)
        day = today + timedelta(days=offset)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        format = formats[names[index % len(names)]]
        topic, network_key, ris3 = TOPICS[index % len(TOPICS)]
        starts = _start(day, rng, format.duration_minutes or 120)
        event = Event(
            format=format,
            title=f"{format.name}: {topic}",
            summary=format.goal[:300],
            description=format.description,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=format.duration_minutes or 120),
            venue=rng.choice(VENUES),
            organiser=networks["host"],
            speakers=SPEAKERS,
            visibility=EventVisibility.MEMBERS if index % 7 == 3 else EventVisibility.PUBLIC,
            status=EventStatus.FINISHED if past else EventStatus.PUBLISHED,
            capacity=format.capacity,
            waiting_list=True,
            requires_approval=index % 11 == 5,
            asked_fields=[AskedField.ORGANISATION, AskedField.POSITION, AskedField.DIETARY],
            consent_text=default_consent_text(),
            published_at=starts - timedelta(days=30),
        )
        if index == PAST_EVENTS + 2:  # one cancelled event, as happens
            event.status = EventStatus.CANCELLED
            event.cancellation_reason = "Der Referent ist erkrankt; ein neuer Termin folgt."
        plans.append((event, network_key, ris3))
    return plans


def _registrations(rng, event: Event, people: list[tuple], past: bool) -> list[Registration]:
    capacity = event.capacity or 30
    wanted = min(len(people), int(capacity * rng.uniform(0.6, 1.15)))
    chosen = rng.sample(people, wanted)
    rows, confirmed = [], 0
    for person_id, first, last, email, org_id, org_name in chosen:
        # As the services would have it: a cancellation frees its place for the next in line,
        # so nobody waits while a place is free.
        if rng.random() < 0.06:
            status = RegistrationStatus.CANCELLED
        elif confirmed < capacity:
            status, confirmed = RegistrationStatus.CONFIRMED, confirmed + 1
        else:
            status = RegistrationStatus.WAITING
        registered = event.starts_at - timedelta(days=rng.randint(2, 28))
        attended = past and status == RegistrationStatus.CONFIRMED and rng.random() < 0.82
        rows.append(
            Registration(
                event=event,
                status=status,
                first_name=first,
                last_name=last,
                email=email,
                organisation_name=org_name,
                person_id=person_id,
                organisation_id=org_id,
                source="form",
                consent_version=event.consent_version,
                consented_at=registered,
                confirmed_at=registered if status == RegistrationStatus.CONFIRMED else None,
                waitlisted_at=registered if status == RegistrationStatus.WAITING else None,
                cancelled_at=registered + timedelta(days=1)
                if status == RegistrationStatus.CANCELLED
                else None,
                attended_at=event.starts_at + timedelta(minutes=rng.randint(-10, 20))
                if attended
                else None,
            )
        )
    return rows


def _people() -> list[tuple[Any, ...]]:
    rows = (
        Affiliation.objects.filter(person__erased_at__isnull=True, ended_on__isnull=True)
        .exclude(person__email="")
        .order_by("person_id")
        .values_list(
            "person_id",
            "person__first_name",
            "person__last_name",
            "person__email",
            "organisation_id",
            "organisation__name",
        )
    )
    seen, people = set(), []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            people.append(row)
    return people


def write_events(*, seed: int, today: date, networks: dict[str, Network], staff: Any) -> dict:
    """Formats, events, registrations, feedback and tasks; returns the counts."""
    if Event.objects.exists():
        return {"events": Event.objects.count()}
    rng = random.Random(f"{seed}:events")  # noqa: S311 - demo data
    formats = _formats(networks)
    people = _people()
    ris3 = {field.slug: field for field in Ris3Field.objects.all()}
    competences = list(Competence.objects.order_by("pk")[:40])
    registrations, feedback = [], []
    for event, network_key, ris3_slug in _plan_events(rng, today, networks, formats):
        event.save()
        if network_key != "host":
            event.co_organisers.add(networks[network_key])
        if ris3_slug in ris3:
            event.ris3_fields.add(ris3[ris3_slug])
        if competences:
            event.competences.add(*rng.sample(competences, min(3, len(competences))))
        if event.status == EventStatus.CANCELLED:
            continue
        past = event.status == EventStatus.FINISHED
        registrations.extend(_registrations(rng, event, people, past))
        if past:
            EventTask.objects.create(
                event=event, title="Bericht für die Website schreiben", assignee=staff,
                due_on=(event.ends_at + timedelta(days=7)).date(),
                done_at=event.ends_at + timedelta(days=3),
            )  # fmt: skip
    for registration in registrations:
        registration.email = registration.email.lower()
    Registration.objects.bulk_create(registrations, batch_size=500)
    for registration in Registration.objects.filter(attended_at__isnull=False).iterator():
        if rng.random() < 0.45:
            rating = rng.choices((5, 4, 3, 2), weights=(45, 35, 15, 5))[0]
            comment = rng.choice(COMMENTS) if rng.random() < 0.5 else ""
            feedback.append(Feedback(registration=registration, rating=rating, comment=comment))
    Feedback.objects.bulk_create(feedback, batch_size=500)
    _fill_search_text()
    return {"events": Event.objects.count(), "registrations": len(registrations)}


def _fill_search_text() -> None:
    """bulk_create skips save(); store the folded search text the lists search in."""
    batch = []
    for registration in Registration.objects.only(
        "pk", "first_name", "last_name", "email", "organisation_name"
    ).iterator():
        registration.search_text = registration.build_search_text()
        batch.append(registration)
    Registration.objects.bulk_update(batch, ["search_text"], batch_size=500)
