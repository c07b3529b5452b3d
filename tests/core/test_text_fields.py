"""Every text field of the project refuses control characters, on every path in."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.validators import check_plain_text
from innonet.partners.models import Organisation

# Django's own hashed password, only ever written by set_password().
INHERITED = {"accounts.User.password"}


def project_text_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("innonet.") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            label = f"{model._meta.label}.{field.name}"
            if type(field) in (models.CharField, models.TextField) and label not in INHERITED:
                yield label


def test_no_model_uses_the_plain_django_text_fields():
    assert list(project_text_fields()) == []


@pytest.mark.parametrize(
    "value",
    ["Zeile\r\nzwei", "Zeile\nzwei", "Null\x00byte", "Escape\x1b[31m", "\u202egnp.exe", "\u2028"],
)
def test_one_line_fields_refuse_breaks_and_control_characters(value):
    organisation = Organisation(name=value, kind=Organisation.Kind.SME)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "name" in caught.value.message_dict


def test_text_fields_take_line_breaks_and_tabs_but_no_control_characters():
    assert check_plain_text("Absatz\r\n\tzwei", multiline=True)
    with pytest.raises(ValidationError):
        check_plain_text("Absatz\x07", multiline=True)


def test_the_fields_keep_their_database_shape():
    assert OneLineCharField(max_length=5).deconstruct()[1] == "django.db.models.CharField"
    assert PlainTextField().deconstruct()[1] == "django.db.models.TextField"
