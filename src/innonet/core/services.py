"""Writes to the taxonomies staff edit: create, update, retire and reactivate terms.

Every write validates, runs in one transaction and leaves one audit entry. Terms are never
deleted here: records may refer to them, so a term that is no longer wanted is retired.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import audit
from .errors import DomainError
from .models import Competence, Country, District, Ris3Field

TaxonomyModel = type[Ris3Field] | type[Competence] | type[District] | type[Country]
SluggedModel = type[Ris3Field] | type[Competence] | type[District]  # countries have a code
Term = Ris3Field | Competence | District | Country

# The fields a staff user may set per taxonomy; anything else in `data` is ignored.
EDITABLE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Ris3Field: ("name", "description"),
    Competence: ("name", "description", "synonyms", "parent"),
    District: ("name", "description", "state", "area", "official_key"),
    Country: ("code", "name", "name_en", "is_eu"),
}
NAME_MAX_LENGTH = 120
SYNONYM_MAX_LENGTH = 80
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_OFFICIAL_KEY = re.compile(r"^\d{2,8}$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def slugify_german(text: str, *, max_length: int = NAME_MAX_LENGTH) -> str:
    """A URL-safe short name that spells umlauts and ß the German way (ä -> ae, ß -> ss)."""
    folded = text.translate(_UMLAUTS).replace("ß", "ss").replace("ẞ", "SS")
    return slugify(folded)[:max_length].strip("-")


def _unique_slug(model: SluggedModel, name: str) -> str:
    base = slugify_german(name, max_length=NAME_MAX_LENGTH - 4) or "begriff"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def validate_name(model: TaxonomyModel, name: str, *, exclude_pk: int | None = None) -> str:
    """A name is required, not too long and unique within its taxonomy, ignoring case."""
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Please enter a name."), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(
            _("The name may have at most %(max)s characters.") % {"max": NAME_MAX_LENGTH},
            field="name",
        )
    # Compared in Python: SQLite folds only ASCII case, and the taxonomies are small.
    others = model.objects.exclude(pk=exclude_pk).values_list("name", flat=True)
    folded = name.casefold()
    if any(other.casefold() == folded for other in others):
        raise DomainError(
            _("“%(name)s” already exists (perhaps spelled with other capitals).") % {"name": name},
            field="name",
        )
    return name


def validate_synonyms(text: str) -> str:
    """One synonym per line, each at most 80 characters, none twice; returns the tidy text."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if len(line) > SYNONYM_MAX_LENGTH:
            raise DomainError(
                _("Line %(line)s is longer than %(max)s characters.")
                % {"line": number, "max": SYNONYM_MAX_LENGTH},
                field="synonyms",
            )
        if line and line.casefold() in seen:
            raise DomainError(
                _("“%(synonym)s” is listed more than once.") % {"synonym": line},
                field="synonyms",
            )
        seen.add(line.casefold())
    return "\n".join(line for line in lines if line)


def _validate_parent(competence: Competence, parent: Competence | None) -> None:
    """A broader competence may not be the competence itself or one of its narrower ones."""
    ancestor = parent
    while ancestor is not None:
        if competence.pk is not None and ancestor.pk == competence.pk:
            raise DomainError(
                _("A competence cannot be broader than itself or one of its narrower ones."),
                field="parent",
            )
        ancestor = ancestor.parent


def _validate_specific(term: Term) -> None:
    if isinstance(term, Competence):
        term.synonyms = validate_synonyms(term.synonyms)
        _validate_parent(term, term.parent)
    elif isinstance(term, District):
        term.state = " ".join((term.state or "").split())
        if not term.state:
            raise DomainError(_("Please enter the federal state."), field="state")
        if term.official_key and not _OFFICIAL_KEY.match(term.official_key):
            raise DomainError(
                _("The official key consists of 2 to 8 digits, e.g. 03404."),
                field="official_key",
            )
    elif isinstance(term, Country):
        term.name_en = " ".join((term.name_en or "").split())
        if not term.name_en:
            raise DomainError(_("Please enter the English name."), field="name_en")


def normalise_country_code(code: str) -> str:
    """An ISO 3166-1 alpha-2 code in capitals; shared by the form and the services."""
    code = (code or "").strip().upper()
    if not _COUNTRY_CODE.match(code):
        raise DomainError(_("The ISO code consists of two letters, e.g. DE."), field="code")
    return code


def _validate_country_code(code: str) -> str:
    """Only new countries are checked: a country's code never changes."""
    code = normalise_country_code(code)
    if Country.objects.filter(code=code).exists():
        raise DomainError(_("A country with this code already exists."), field="code")
    return code


def _apply(term: Term, data: Mapping[str, Any], *, creating: bool) -> None:
    for field in EDITABLE_FIELDS[type(term)]:
        if field == "code" and not creating:
            continue  # a country's code is its identity
        if field in data:
            setattr(term, field, data[field])


def _save(term: Term) -> None:
    """Check the model's own rules, then save inside a savepoint; a duplicate written
    concurrently becomes a clear error instead of a 500."""
    try:
        term.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
    try:
        with transaction.atomic():
            term.save()
    except IntegrityError as exc:
        raise DomainError(_("This entry already exists."), field="name") from exc


def _kind(term: Term) -> str:
    return type(term)._meta.model_name or ""


@transaction.atomic
def taxonomy_term_create(
    model: TaxonomyModel, *, data: Mapping[str, Any], acting_user: AbstractBaseUser | None
) -> Term:
    """Create a term from `data`; the slug is generated from the name."""
    term = model()
    _apply(term, data, creating=True)
    term.name = validate_name(model, term.name)
    if isinstance(term, Country):
        term.code = _validate_country_code(term.code)
    else:
        term.slug = _unique_slug(type(term), term.name)
    _validate_specific(term)
    _save(term)
    audit.record(term, "core.taxonomy.created", user=acting_user, data={"kind": _kind(term)})
    return term


@transaction.atomic
def taxonomy_term_update(
    term: Term, *, data: Mapping[str, Any], acting_user: AbstractBaseUser | None
) -> Term:
    """Change a term's editable fields; the slug stays, so links and imports keep working."""
    term = type(term).objects.select_for_update().get(pk=term.pk)
    before = {field: str(getattr(term, field)) for field in EDITABLE_FIELDS[type(term)]}
    _apply(term, data, creating=False)
    term.name = validate_name(type(term), term.name, exclude_pk=term.pk)
    _validate_specific(term)
    _save(term)
    changed = [f for f, old in before.items() if str(getattr(term, f)) != old]
    audit.record(
        term,
        "core.taxonomy.updated",
        user=acting_user,
        data={"kind": _kind(term), "fields": changed},
    )
    return term


@transaction.atomic
def taxonomy_term_set_active(
    term: Term, *, active: bool, acting_user: AbstractBaseUser | None
) -> Term:
    """Retire a term (hidden from new choices, kept where used) or bring it back."""
    term = type(term).objects.select_for_update().get(pk=term.pk)
    if term.is_active != active:
        term.is_active = active
        term.save(update_fields=["is_active", "updated_at"])
        action = "core.taxonomy.reactivated" if active else "core.taxonomy.retired"
        audit.record(term, action, user=acting_user, data={"kind": _kind(term)})
    return term
