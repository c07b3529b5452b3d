"""The imprint and privacy policy: read for the pages, written by staff through the admin."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from . import audit
from .models import LegalPage


def legal_page(kind: str) -> LegalPage | None:
    """The page of this kind, or None while the operator has not written it yet."""
    return LegalPage.objects.filter(kind=kind).first()


@transaction.atomic
def legal_page_save(kind: str, *, body: str, acting_user: AbstractBaseUser | None) -> LegalPage:
    """Create or replace the text of one legal page and record who changed it."""
    page, created = LegalPage.objects.select_for_update().get_or_create(
        kind=kind, defaults={"body": body}
    )
    if not created:
        page.body = body
    page.full_clean()
    page.save()
    audit.record(page, "core.legal_page.saved", user=acting_user, data={"created": created})
    return page
