from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


@cache
def _choice_labels(field: models.Field) -> dict[Any, Any]:
    """Value -> label (lazy, so translated when shown) of a field with choices."""
    return dict(make_hashable(field.flatchoices))


class TimeStampedModel(models.Model):
    """Creation and change times for every domain record."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> str:  # noqa: N802 (Django's name)
        """`get_<field>_display()` as Django's, from a table built once per field: Django
        rebuilds and hashes the choices (each lazy label a translation) on every call, which
        cost a list of 50 rows a few milliseconds."""
        value = getattr(self, field.attname)
        try:
            label = _choice_labels(field).get(make_hashable(value), value)
        except TypeError:
            label = value
        return force_str(label, strings_only=True)


class VersionedModel(TimeStampedModel):
    """A record several people edit: `version` counts its saves, so a save based on stale
    data is refused (core.versioning); `created_by` keeps who recorded it."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
