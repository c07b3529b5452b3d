"""The reporting app's writes: the office's yearly targets (and the issuing of reports)."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.networks.models import Network

from .indicators import INDICATORS
from .indicators.registry import RATING, SHARE
from .models import IndicatorTarget

LIMITS = {SHARE: Decimal(100), RATING: Decimal(5)}  # shares are entered in percent
MAX_TARGET = Decimal("999999999999")


def targets_for(year: int, network: Network | None) -> dict[str, Decimal]:
    return dict(
        IndicatorTarget.objects.filter(year=year, network=network).values_list("indicator", "value")
    )


def parse_target(code: str, text: str) -> Decimal | None:
    """A target as typed ("1.200", "12,5", empty for none); DomainError names the indicator."""
    indicator = INDICATORS.get(code)
    if indicator is None:
        raise DomainError(_("Unknown indicator."), field=code)
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DomainError(_("Enter a number."), field=code) from None
    if not value.is_finite():
        raise DomainError(_("Enter a number."), field=code)
    if value < 0:
        raise DomainError(_("Enter a number that is not negative."), field=code)
    limit = LIMITS.get(indicator.unit, MAX_TARGET)
    if value > limit:
        raise DomainError(
            _("Enter a number up to %(limit)s.") % {"limit": f"{limit.normalize():f}"}, field=code
        )
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def targets_set(
    year: int, network: Network | None, values: Mapping[str, Decimal | None], *, acting_user
) -> dict[str, list[str]]:
    """Set (or, with None, remove) the year's targets; returns the codes set and removed."""
    if not 1990 <= year <= 2100:
        raise DomainError(_("Enter a year between 1990 and 2100."), field="year")
    unknown = set(values) - set(INDICATORS)
    if unknown:
        raise DomainError(_("Unknown indicator."), field=sorted(unknown)[0])
    current = targets_for(year, network)
    changed = {"set": [], "removed": []}
    for code, value in values.items():
        if value is None:
            if code in current:
                IndicatorTarget.objects.filter(year=year, network=network, indicator=code).delete()
                changed["removed"].append(code)
        elif current.get(code) != value:
            IndicatorTarget.objects.update_or_create(
                year=year, network=network, indicator=code,
                defaults={"value": value, "updated_by": acting_user},
            )  # fmt: skip
            changed["set"].append(code)
    if changed["set"] or changed["removed"]:
        audit.record(
            network,
            "reporting.targets.saved",
            user=acting_user,
            data={"year": year, **changed},
        )
    return changed
