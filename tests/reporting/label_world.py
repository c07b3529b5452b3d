"""The hand-built network of tests/reporting/world.py with international work added, for the
international indicators and the cluster label evidence. The right answers are counted by
hand in the tests.

Added to world.py:
- H (SME, 30 employees, the Netherlands), member of the host network since 1 June 2024,
  checked in at event 2 (15 September 2025);
- international contacts: Denmark (3 February 2025, for the host network); Sweden and Norway
  (10 June 2025, no network, with A); Denmark again on 31 December 2024 and 15 January 2026
  (outside the year);
- delegation visits: from the Netherlands, 12 people, 1 October 2025, host network, meeting D
  and A; to Poland, 4 people, 20 November 2025, for the sector network.
"""

from datetime import date

import pytest

from innonet.core.models import Country
from innonet.partners.services import international_record
from tests.factories import OrganisationFactory
from tests.reporting.world import attend, member


def _record(day, kind, codes, *, network=None, organisations=(), **fields):
    data = {
        "kind": kind, "happened_on": day, "topic": f"{kind} {day.isoformat()}",
        "countries": [Country.objects.get(code=code) for code in codes],
        "organisations": list(organisations), "network": network, **fields,
    }  # fmt: skip
    return international_record(data=data, acting_user=None)


@pytest.fixture
def label_world(world):
    org, host, sector = world["org"], world["host"], world["sector"]
    netherlands = Country.objects.get(code="NL")
    org["H"] = OrganisationFactory(name="H", kind="sme", employees=30, country=netherlands)
    member(org["H"], host, ("active", date(2024, 6, 1)))
    attend(world["ev2"], org["H"])
    activities = {
        "dk": _record(date(2025, 2, 3), "contact", ["DK"], network=host),
        "nordic": _record(date(2025, 6, 10), "contact", ["SE", "NO"], organisations=[org["A"]]),
        "before": _record(date(2024, 12, 31), "contact", ["DK"], network=host),
        "after": _record(date(2026, 1, 15), "contact", ["DK"], network=host),
        "incoming": _record(
            date(2025, 10, 1), "delegation", ["NL"], network=host, direction="incoming",
            visitors=12, organisations=[org["D"], org["A"]],
        ),
        "outgoing": _record(
            date(2025, 11, 20), "delegation", ["PL"], network=sector, direction="outgoing",
            visitors=4,
        ),
    }  # fmt: skip
    return {**world, "activities": activities}
