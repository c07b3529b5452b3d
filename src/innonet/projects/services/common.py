"""Helpers the project services share: model validation as DomainError, amounts, people."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from innonet.core.errors import DomainError


def clean_or_raise(obj: models.Model, **options: Any) -> None:
    """Run the model's own validation and report the first problem as a DomainError."""
    try:
        obj.full_clean(**options)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def decimal_or_raise(value: Any, field: str) -> Decimal | None:
    """An amount or percentage as Decimal (None stays None); anything else is refused."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise DomainError(_("Enter a number."), field=field) from error
    if not number.is_finite():
        raise DomainError(_("Enter a number."), field=field)
    return number


def user_or_none(user: Any) -> Any:
    """The user to store as author or actor; anonymous and system actions store none."""
    return user if getattr(user, "is_authenticated", False) else None
