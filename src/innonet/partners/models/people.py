from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innonet.core.collation import german_index_term, german_order
from innonet.core.models import TimeStampedModel, VersionedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.search import searchable
from innonet.core.search_index import KeepsSearchText, SearchableQuerySet


class PersonQuerySet(SearchableQuerySet):
    def present(self):
        """People whose identity has not been erased."""
        return self.filter(erased_at__isnull=True)


class Person(KeepsSearchText, VersionedModel):
    """A contact person; after erasure only a tombstone remains, so counts stay right."""

    title = OneLineCharField(_("title"), max_length=40, blank=True)
    first_name = OneLineCharField(_("first name"), max_length=80, blank=True)
    last_name = OneLineCharField(_("last name"), max_length=80)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = OneLineCharField(_("phone"), max_length=40, blank=True)
    language = OneLineCharField(
        _("language"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    search_text = PlainTextField(_("search text"), blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text", "created_by"])
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = [german_order("last_name"), german_order("first_name")]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["email"]),
            models.Index(
                german_index_term("last_name"),
                german_index_term("first_name"),
                "id",
                name="person_name_order",
            ),
        ]

    def build_search_text(self) -> str:
        return searchable(self.first_name, self.last_name, self.email)

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("(erased person)"))
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)


class Affiliation(TimeStampedModel):
    """A person's role at an organisation (and optionally one of its units)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    unit = models.ForeignKey(
        "partners.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliations",
    )
    position = OneLineCharField(_("position"), max_length=120, blank=True)
    is_main_contact = models.BooleanField(_("main contact"), default=False)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-is_main_contact", german_order("person__last_name")]
        verbose_name = _("role at an organisation")
        verbose_name_plural = _("roles at organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "unit"], name="affiliation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="affiliation_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.organisation}"
