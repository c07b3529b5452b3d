"""Every personal field is in the register of processing activities (item 35), and every
registered field has a contributor that exports and erases it (item 41)."""

from django.apps import apps
from django.db import models

from innonet.core import privacy
from innonet.core.privacy import PERSONAL_FIELD_NAMES, REGISTER

OUR_APPS = {
    "core", "accounts", "networks", "partners", "events", "matching", "projects", "content",
    "demo", "api",
}  # fmt: skip
# Organisations are legal persons: their address is not personal data.
# "title" is a personal title (Dr., Prof.) on people, but the name of a thing elsewhere.
NOT_PERSONAL = {
    "partners.Organisation.street",
    "events.Event.title",
    "events.EventTask.title",
    "matching.CooperationProfile.title",
    "content.News.title",
    "content.KnowledgeArticle.title",
    "projects.FundingCall.title",
    "projects.InnovationProject.title",
    "projects.ProjectTask.title",
}


def personal_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        base = getattr(model, "instance_type", model)  # history models follow their record
        for field in model._meta.concrete_fields:
            looks_personal = field.name in PERSONAL_FIELD_NAMES or isinstance(
                field, models.EmailField | models.GenericIPAddressField
            )
            if looks_personal:
                yield f"{base._meta.app_label}.{base.__name__}.{field.name}"


def test_every_personal_field_is_registered():
    found = set(personal_fields())
    assert {"partners.Person.email", "accounts.User.email", "core.AuditEntry.ip_address"} <= found
    missing = sorted(
        {name for name in personal_fields() if name not in REGISTER and name not in NOT_PERSONAL}
    )
    assert not missing, f"add these to REGISTER in innonet/core/privacy/register.py: {missing}"


def test_register_names_real_fields():
    for name in REGISTER:
        app_label, model_name, field_name = name.split(".")
        model = apps.get_model(app_label, model_name)
        assert model._meta.get_field(field_name)


def test_every_registered_field_has_a_contributor():
    """A new app's personal fields need its `privacy.py`: otherwise export and erasure would
    silently leave them out."""
    covered = privacy.coverage()
    missing = sorted(set(REGISTER) - set(covered))
    assert not missing, f"no contributor exports and erases these fields: {missing}"
    assert sorted(set(covered) - set(REGISTER)) == [], "contributors cover unregistered fields"


def test_contributors_have_unique_names_and_the_audit_log_runs_last():
    names = [item.name for item in privacy.contributors()]
    assert len(names) == len(set(names))
    assert {"partners", "accounts", "events", "matching", "projects", "api", "audit"} <= set(names)
    assert names[-1] == "audit"
