"""Pure business rules of the registry, free of Django, so they can be tested at their edges."""

from decimal import Decimal
from enum import StrEnum

# What a member user may change on its own organisation: its profile. Identity (name, legal
# form, kind, register and VAT ids) and the figures behind the SME class count in the funder's
# report, so only the office changes those. What the network's members may see of it
# (`member_visibility`) is the organisation's own consent, so its members set it as well as the
# office. Pages, API and imports all follow this list.
ORGANISATION_MEMBER_FIELDS = frozenset(
    {
        "street", "postcode", "city", "district", "country", "website", "email", "phone",
        "description", "keywords", "competences", "ris3_fields", "logo", "member_visibility",
    }
)  # fmt: skip


class SmeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    UNKNOWN = "unknown"


# Commission Recommendation 2003/361/EC, Annex Article 2: (staff headcount below, turnover
# ceiling, balance-sheet ceiling) in euros. A class needs the headcount AND one of the two
# financial ceilings; the enterprise may choose the more favourable financial criterion.
SME_THRESHOLDS: tuple[tuple[SmeClass, int, Decimal, Decimal], ...] = (
    (SmeClass.MICRO, 10, Decimal("2000000"), Decimal("2000000")),
    (SmeClass.SMALL, 50, Decimal("10000000"), Decimal("10000000")),
    (SmeClass.MEDIUM, 250, Decimal("50000000"), Decimal("43000000")),
)


def sme_class(
    employees: int | None, turnover: Decimal | None, balance_sheet: Decimal | None
) -> SmeClass:
    """The EU size class. Without a headcount the class is unknown; without any financial
    figure the headcount alone decides (the office often knows only that)."""
    if employees is None:
        return SmeClass.UNKNOWN
    for size, headcount_below, turnover_max, balance_max in SME_THRESHOLDS:
        if employees >= headcount_below:
            continue
        if turnover is None and balance_sheet is None:
            return size
        if (turnover is not None and turnover <= turnover_max) or (
            balance_sheet is not None and balance_sheet <= balance_max
        ):
            return size
    return SmeClass.LARGE
