"""Pure builders of unsaved demo records; both the seed-shaped demo and `--scale` use them.

Every random choice comes from the `random.Random` and the seeded Faker passed in, so the same
seed gives the same records. Nothing here touches the database.
"""

import random
import re
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from innonet.core.search import fold
from innonet.partners.models import Organisation, Person

from .names import CORE_PREFIX_WEIGHT, LEGAL_FORMS, PREFIXES, STARTUP_NAMES, TRADES, Trade

CORE_DISTRICTS = ("stadt-osnabrueck", "landkreis-osnabrueck")
# (share of companies, headcount range) per EU size class, roughly the seed's mix.
SIZE_MIX = ((35, (2, 9)), (45, (10, 49)), (20, (50, 240)))


def slug(text: str) -> str:
    """An ASCII slug for generated web and mail addresses (ü -> ue)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def domain_label(text: str, *, limit: int = 40) -> str:
    """A DNS label for a generated address: an ASCII slug cut at a hyphen to at most `limit`
    characters (labels may have 63; long institute names would exceed that)."""
    label = slug(text)
    if len(label) > limit:
        label = label[:limit].rsplit("-", 1)[0] if "-" in label[:limit] else label[:limit]
    return label.strip("-") or "organisation"


def weighted_prefix(rng: random.Random) -> tuple[str, str, str, str]:
    weights = [CORE_PREFIX_WEIGHT if p[1] in CORE_DISTRICTS else 1 for p in PREFIXES]
    return rng.choices(PREFIXES, weights=weights)[0]


def company_name(
    rng: random.Random, fake: Faker, *, startup: bool
) -> tuple[str, str, Trade, tuple[str, str, str, str]]:
    """(name, legal form, trade, place): regional or family prefix, trade, legal form; a
    regional prefix also decides where the company is."""
    trade = rng.choice(TRADES)
    place = weighted_prefix(rng)
    if startup:
        base = f"{fake.last_name()} {rng.choice(STARTUP_NAMES)}"
        legal_form = "UG (haftungsbeschränkt)" if rng.random() < 0.6 else "GmbH"
        return f"{base} {legal_form}", legal_form, trade, place
    prefix = place[0] if rng.random() < 0.7 else fake.last_name()
    legal_form = rng.choices([f for f, _w in LEGAL_FORMS], weights=[w for _f, w in LEGAL_FORMS])[0]
    return f"{prefix} {trade.name} {legal_form}", legal_form, trade, place


def company_figures(rng: random.Random, *, startup: bool) -> tuple[int, Decimal, Decimal]:
    """Headcount, turnover and balance-sheet total that give a plausible EU size class."""
    if startup:
        low, high = 2, 9
    else:
        low, high = rng.choices([r for _w, r in SIZE_MIX], weights=[w for w, _r in SIZE_MIX])[0]
    employees = rng.randint(low, high)
    per_head = rng.randint(70, 150) * 1000
    turnover = Decimal(employees * per_head).quantize(Decimal("1000"))
    balance = (turnover * Decimal(rng.randint(35, 80)) / 100).quantize(Decimal("1000"))
    return employees, turnover, balance


def with_search_fields(organisation: Organisation) -> Organisation:
    """What Organisation.save() derives; bulk_create does not call save()."""
    organisation.sme_class = organisation.compute_sme_class()
    organisation.search_text = organisation.build_search_text()
    return organisation


def person(rng: random.Random, fake: Faker, *, domain: str, academic: bool = False) -> Person:
    """A contact person with a mail address at the organisation's domain."""
    first, last = fake.first_name(), fake.last_name()
    title = ""
    if academic and rng.random() < 0.6:
        title = rng.choice(("Dr.", "Prof. Dr.", "Dr.-Ing."))
    elif rng.random() < 0.05:
        title = "Dr."
    item = Person(
        title=title,
        first_name=first,
        last_name=last,
        email=f"{slug(first)}.{slug(last)}@{domain}",
        phone=fake.phone_number(),
        language="en" if rng.random() < 0.08 else "de",
    )
    item.search_text = item.build_search_text()
    return item


def random_day(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end]; `end` wins if the range is empty."""
    span = (end - start).days
    return end if span <= 0 else start + timedelta(days=rng.randint(0, span))
