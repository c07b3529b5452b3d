"""A walk over every registered personal field (RELIABILITY items 35, 37 and 41): a person with
data in every app is exported, then erased. The export holds every field's value; erasure
removes every identifying value from every text column of the database and keeps every count."""

import json
from datetime import date, datetime

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from innonet.core import privacy
from innonet.core.models import AuditEntry
from innonet.core.privacy import REGISTER, Erasure
from innonet.events.models import Registration
from innonet.partners import services
from tests.privacy_world import EMAIL, NEEDLES, build_world, counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff_user):
    return build_world(staff_user)


def current(world, name: str):
    """The field's value in the database now; None when erasure deleted the row."""
    record = world.planted[name]
    fresh = type(record)._base_manager.filter(pk=record.pk).first()
    return getattr(fresh, name.rsplit(".", 1)[1]) if fresh else None


def exported_forms(record: models.Model, value) -> list[str]:
    """How a value shows in the JSON export; values that are no text show as their record."""
    if isinstance(value, str) and value:
        return [value]
    if isinstance(value, datetime | date):
        return [privacy.plain(value)]
    if isinstance(value, dict):
        return [text for text in value.values() if isinstance(text, str)]
    return [f"{record._meta.label_lower}:{record.pk}"]


def identifying(text) -> list[str]:
    text = json.dumps(text, ensure_ascii=False) if not isinstance(text, str) else text
    return [needle for needle in NEEDLES if needle.lower() in text.lower()]


def test_the_world_plants_a_value_for_every_registered_field(world):
    assert sorted(set(REGISTER) - set(world.planted)) == []
    for name in REGISTER:
        assert current(world, name) not in (None, "", {}), name


def test_the_export_holds_every_registered_field(world, staff_user):
    data = services.person_export_data(world.person, acting_user=staff_user)
    text = json.dumps(data, ensure_ascii=False)
    for name in REGISTER:
        record = world.planted[name]
        for form in exported_forms(record, current(world, name)):
            encoded = json.dumps(form, ensure_ascii=False)[1:-1]
            assert encoded in text, f"{name}: {form!r} missing from the export"


def test_erasure_clears_every_registered_field_as_declared(world, staff_user):
    before = {name: current(world, name) for name in REGISTER}
    services.person_erase(world.person, reason="Antrag per E-Mail", acting_user=staff_user)
    for name, covers in privacy.coverage().items():
        kind = {erasure for _app, erasure in covers}
        after = current(world, name)
        if Erasure.KEPT in kind and len(kind) == 1:
            assert after == before[name], f"{name} is kept for the figures"
        else:
            assert not identifying(after), f"{name} still names the person: {after!r}"
            if Erasure.REDACTED in kind and identifying(before[name]):
                assert privacy.REDACTED in after, name


def text_columns(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def remaining_traces() -> list[str]:
    """Every text column of every table (ours, history, allauth, admin, tasks) that still holds
    a spelling of the person."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in text_columns(model):
            rows = model._base_manager.annotate(as_text=Cast(field.name, models.TextField()))
            for needle in NEEDLES:
                if rows.filter(as_text__icontains=needle).exists():
                    found.append(f"{model._meta.label}.{field.name} holds {needle!r}")
    return found


def test_erasure_leaves_no_trace_of_the_person_in_any_text_column(world, staff_user):
    services.person_export_data(world.person, acting_user=staff_user)  # the export is audited
    assert remaining_traces()  # the scan sees the person before
    services.person_erase(world.person, reason=f"Bitte an {EMAIL}", acting_user=staff_user)
    assert remaining_traces() == []


def test_erasure_keeps_every_count_and_writes_one_audit_entry(world, staff_user):
    before = counts()
    services.person_erase(world.person, reason="Antrag", acting_user=staff_user)
    after = counts()
    changes = {
        label: after[label] - before[label] for label in before if after[label] != before[label]
    }
    expected = {
        "core.AuditEntry": 1,
        "audit entries": 1,
        "partners.HistoricalPerson": -before["partners.HistoricalPerson"],
        "api.IdempotencyKey": -1,
        "events.CalendarFeedKey": -1,
        "matching.ProfileResponse": -1,  # a visitor's answer has nothing to count
    }
    saved = {
        label: n
        for label, n in changes.items()
        if label.startswith("partners.Historical") and label != "partners.HistoricalPerson"
    }
    assert {label: n for label, n in changes.items() if label not in saved} == expected
    # Organisations that named the person were saved: their history records the new state.
    assert saved and all(n > 0 for n in saved.values())
    entry = AuditEntry.objects.get(action="partners.person.erased")
    assert entry.data["reason"] == "Antrag"
    assert entry.data["events"]["registrations"] == 2


def test_erasure_is_all_or_nothing(world, staff_user, monkeypatch):
    from innonet.core.privacy.audit_log import AuditLogData

    def broken(self, identity):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AuditLogData, "erase", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        services.person_erase(world.person, reason="Antrag", acting_user=staff_user)
    world.person.refresh_from_db()
    assert world.person.erased_at is None and world.person.email
    assert Registration.objects.get(pk=world.extra["unlinked"].pk).email == EMAIL
    assert counts() == before
