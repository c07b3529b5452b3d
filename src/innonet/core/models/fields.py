"""Text fields that refuse control characters wherever input arrives.

Every `CharField` of the project is a `OneLineCharField` (no line breaks, no control
characters) and every `TextField` a `PlainTextField` (line breaks and tabs allowed). The check
is a model validator, so ModelForms (through `full_clean`), ModelSerializers and services that
call `full_clean` all refuse such input with the same message; `tests/core/test_text_fields.py`
fails when a model uses the plain Django fields.

Both deconstruct as Django's own fields: the database column is the same, validators are not
part of the schema, and migrations stay untouched.
"""

from django.db import models

from ..validators import one_line, plain_text


class OneLineCharField(models.CharField):
    default_validators = [one_line]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class PlainTextField(models.TextField):
    default_validators = [plain_text]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs
