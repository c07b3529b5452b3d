"""The partner registry's part of a person's export and erasure: the person and their former
names, roles, consents, contacts with the office, and every registry text that names them.

Free text: notes of the person's own interactions and the sources of their own consents are
removed; everywhere else (topics, other notes and consents, organisation and unit texts, their
field history, import reports) only the mentions of the person's name, e-mail and phone go."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import ERASED, Erasure, Identity, Section

from .models import (
    Affiliation,
    Consent,
    ImportJob,
    Interaction,
    InternationalActivity,
    Organisation,
    Person,
    Unit,
)

REMOVED, REDACTED, KEPT = Erasure.REMOVED, Erasure.REDACTED, Erasure.KEPT
PERSON_KEYS = ("title", "first_name", "last_name", "email", "phone", "language")
ROLE_KEYS = ("organisation", "unit", "position", "is_main_contact", "started_on", "ended_on")
CONSENT_KEYS = ("purpose", "granted", "organisation", "recorded_at", "source", "text_version")
INTERACTION_KEYS = ("happened_on", "kind", "topic", "notes", "organisation", "follow_up_on")
INTERACTION_TEXT = ["topic", "notes"]
REGISTRY_TEXT = ["email", "phone", "description", "keywords"]
UNIT_TEXT = ["description", "keywords"]
HISTORY_TEXT = ["history_change_reason"]
IMPORT_TEXT = ["filename", "message", "issues"]
IMPORT_WAITING = (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED, ImportJob.Status.FAILED)


INTERNATIONAL_TEXT = ["notes"]
INTERNATIONAL_KEYS = ("happened_on", "topic", "notes")


def _relation(linked: bool) -> str:
    return _("with you") if linked else _("mentions you")


def _interactions(identity: Identity):
    named = privacy.mentioning(Interaction.objects.all(), INTERACTION_TEXT, identity)
    found = Q(person_id=identity.person_id) | Q(pk__in=named.values("pk"))
    return Interaction.objects.filter(found).select_related("organisation")


def _registry_texts(identity: Identity) -> list[Organisation | Unit]:
    """Organisations and units whose contact data or texts name the person."""
    organisations = privacy.mentioning(Organisation.objects.all(), REGISTRY_TEXT, identity)
    units = privacy.mentioning(Unit.objects.select_related("organisation"), UNIT_TEXT, identity)
    return [*organisations.order_by("pk"), *units.order_by("pk")]


def _registry_row(record: Organisation | Unit, identity: Identity) -> dict:
    name = str(record) if isinstance(record, Organisation) else f"{record.organisation} · {record}"
    fields = REGISTRY_TEXT if isinstance(record, Organisation) else UNIT_TEXT
    texts = {key: getattr(record, key) for key in fields if identity.mentions(getattr(record, key))}
    return privacy.row(record, name=name, **texts)


def _import_row(job: ImportJob, identity: Identity) -> dict:
    issues = [issue.get("message", "") for issue in job.issues if identity.mentions(str(issue))]
    return privacy.row(
        job, filename=job.filename, created_at=job.created_at, message=job.message, issues=issues
    )


def _person_sections(person: Person) -> list[Section]:
    labels = privacy.field_labels(Person, *PERSON_KEYS, "created_at", "updated_at")
    row = {key: getattr(person, key) for key in (*PERSON_KEYS, "created_at", "updated_at")}
    history = [
        privacy.row(
            version,
            history_date=version.history_date,
            **{key: getattr(version, key) for key in PERSON_KEYS[:5]},
        )
        for version in person.history.order_by("history_date")
    ]
    return [
        Section("person", _("Person"), labels, [privacy.row(person, **row)]),
        Section(
            "roles",
            _("Roles at organisations"),
            privacy.field_labels(Affiliation, *ROLE_KEYS),
            [
                privacy.row(role, **{key: getattr(role, key) for key in ROLE_KEYS})
                for role in person.affiliations.select_related("organisation", "unit")
            ],
        ),
        Section(
            "consents",
            _("Consents"),
            privacy.field_labels(Consent, *CONSENT_KEYS),
            [
                privacy.row(consent, **{key: getattr(consent, key) for key in CONSENT_KEYS})
                for consent in person.consents.select_related("organisation")
            ],
        ),
        Section(
            "changes",
            _("Earlier versions of your entry"),
            {"history_date": _("changed"), **privacy.field_labels(Person, *PERSON_KEYS[:5])},
            history,
        ),
    ]


def _erase_person(person: Person) -> None:
    """The tombstone: no name, no contact data, no positions, no field history."""
    person.title = person.first_name = person.email = person.phone = ""
    person.last_name = ERASED
    person.erased_at = timezone.now()
    person.version += 1
    person.save()
    person.affiliations.update(position="")
    person.history.all().delete()


def _erase_interactions(identity: Identity) -> int:
    """The person's own interactions keep kind, date, organisation and a topic without their
    name; their notes go. Other interactions only lose the mentions."""
    own = Interaction.objects.filter(person_id=identity.person_id)
    for interaction in own:
        privacy.overwrite(
            Interaction, [interaction.pk], topic=identity.redact(interaction.topic), notes=""
        )
    others = Interaction.objects.exclude(person_id=identity.person_id)
    return len(own) + privacy.redact_rows(others, INTERACTION_TEXT, identity)


def _erase_registry_texts(identity: Identity) -> int:
    """Contact data and texts of organisations and units (and their history) lose the person."""
    changed = privacy.redact_rows(Organisation.objects.all(), REGISTRY_TEXT, identity, save=True)
    changed += privacy.redact_rows(Unit.objects.all(), UNIT_TEXT, identity, save=True)
    for model, fields in ((Organisation, REGISTRY_TEXT), (Unit, UNIT_TEXT)):
        history = model.history.model.objects.all()
        changed += privacy.redact_rows(history, [*fields, *HISTORY_TEXT], identity)
    return changed


def _erase_imports(identity: Identity) -> int:
    """Import reports lose the mentions; a kept upload that names the person is dropped."""
    changed = privacy.redact_rows(ImportJob.objects.all(), IMPORT_TEXT, identity)
    message = _("The file was removed because a person in it was erased.")
    for job in ImportJob.objects.filter(status__in=IMPORT_WAITING).exclude(payload=b""):
        payload = bytes(job.payload)
        texts = (payload.decode("utf-8", "ignore"), payload.decode("cp1252", "ignore"))
        if any(identity.mentions(text) for text in texts):
            failed = ImportJob.Status.FAILED
            privacy.overwrite(ImportJob, [job.pk], payload=b"", status=failed, message=message)
            changed += 1
    return changed


@privacy.contributor
class RegistryData(privacy.Contributor):
    """The Person row and everything the registry holds about or says of the person."""

    name = "partners"
    order = 10
    fields = {
        **{f"partners.Person.{key}": REMOVED for key in PERSON_KEYS[:5]},
        "partners.Person.language": KEPT,
        "partners.Affiliation.position": REMOVED,
        "partners.Organisation.email": REMOVED,
        "partners.Organisation.phone": REMOVED,
        "partners.Consent.purpose": KEPT,
        "partners.Consent.granted": KEPT,
        "partners.Consent.recorded_at": KEPT,
        "partners.Consent.source": REMOVED,
        "partners.Consent.text_version": KEPT,
        "partners.Interaction.topic": REDACTED,
        "partners.Interaction.notes": REMOVED,
        # Notes of an international activity may name the people met: mentions are redacted.
        "partners.InternationalActivity.notes": REDACTED,
    }

    def identify(self, identity: Identity) -> None:
        person = Person.objects.filter(pk=identity.person_id).first()
        if person is None:
            return
        for version in [person, *person.history.all()]:
            identity.add_name(version.first_name, version.last_name)
            identity.add_email(version.email)
            identity.add_phone(version.phone)
        identity.add_records(Person, [person.pk])
        identity.add_records(Affiliation, person.affiliations.values_list("pk", flat=True))
        identity.add_records(Interaction, person.interactions.values_list("pk", flat=True))

    def collect(self, identity: Identity) -> list[Section]:
        person = Person.objects.get(pk=identity.person_id)
        interactions = [
            privacy.row(
                item,
                relation=_relation(item.person_id == person.pk),
                **{key: getattr(item, key) for key in INTERACTION_KEYS},
            )
            for item in _interactions(identity)
        ]
        registry = [_registry_row(record, identity) for record in _registry_texts(identity)]
        imports = privacy.mentioning(ImportJob.objects.all(), IMPORT_TEXT, identity)
        international = privacy.mentioning(
            InternationalActivity.objects.all(), INTERNATIONAL_TEXT, identity
        )
        return [
            *_person_sections(person),
            Section(
                "interactions",
                _("Contacts with the network office"),
                {"relation": _("relation"), **privacy.field_labels(Interaction, *INTERACTION_KEYS)},
                interactions,
            ),
            Section(
                "registry_mentions",
                _("Organisations and units that name you"),
                {"name": _("name"), **privacy.field_labels(Organisation, *REGISTRY_TEXT)},
                registry,
            ),
            Section(
                "imports",
                _("Registry imports that name you"),
                {
                    **privacy.field_labels(ImportJob, "filename", "created_at", "message"),
                    "issues": _("errors and notes"),
                },
                [_import_row(job, identity) for job in imports],
            ),
            Section(
                "international_mentions",
                _("International activities whose notes name you"),
                privacy.field_labels(InternationalActivity, *INTERNATIONAL_KEYS),
                [
                    privacy.row(
                        item, happened_on=item.happened_on, topic=item.topic, notes=item.notes
                    )
                    for item in international
                ],
            ),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        person = Person.objects.get(pk=identity.person_id)
        own_consents = person.consents.values_list("pk", flat=True)
        other_consents = Consent.objects.exclude(person=person)
        _erase_person(person)
        return {
            "people": 1,
            "consents": privacy.overwrite(Consent, own_consents, source=ERASED)
            + privacy.redact_rows(other_consents, ["source"], identity),
            "interactions": _erase_interactions(identity),
            "registry": _erase_registry_texts(identity),
            "imports": _erase_imports(identity),
            "international": privacy.redact_rows(
                InternationalActivity.objects.all(), INTERNATIONAL_TEXT, identity
            ),
        }
