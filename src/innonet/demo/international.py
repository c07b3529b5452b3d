"""The demo office's international work: a few contacts abroad and delegation visits over the
last two years, so the figures of the group "International" and the cluster label evidence
have something to show. Dates are relative to `today`; a second load adds nothing twice."""

from datetime import date, timedelta
from typing import Any

from innonet.core.models import Country
from innonet.networks.models import Network
from innonet.partners.models import InternationalActivity, Organisation

# (days ago, kind, direction, people, country codes, topic, organisations met by index)
ACTIVITIES = (
    (40, "contact", "", None, ("NL",), "Abstimmung mit dem Agri-Food-Cluster Wageningen", (0,)),
    (95, "delegation", "incoming", 14, ("DK",),
     "Delegation des Energieclusters Aarhus zu Besuch", (1, 2)),
    (160, "contact", "", None, ("PL", "CZ"), "Anfrage polnischer und tschechischer Zulieferer",
     ()),
    (230, "delegation", "outgoing", 5, ("NL", "BE"),
     "Unternehmerreise zur Agrotechnica nach Utrecht und Gent", (0, 3)),
    (410, "contact", "", None, ("FR",), "Gespräch mit dem Pôle de compétitivité Vegepolys", ()),
    (500, "delegation", "incoming", 9, ("SE",), "Besuch einer schwedischen Bioökonomie-Delegation",
     (2,)),
)  # fmt: skip


def write_international(*, today: date, networks: dict[str, Network], staff: Any) -> dict:
    """Store the demo's international activities, with their countries and organisations."""
    countries = {country.code: country for country in Country.objects.all()}
    organisations = list(Organisation.objects.order_by("pk")[:4])
    made = 0
    for days, kind, direction, people, codes, topic, met in ACTIVITIES:
        day = today - timedelta(days=days)
        if InternationalActivity.objects.filter(topic=topic, happened_on=day).exists():
            continue
        activity = InternationalActivity.objects.create(
            kind=kind, direction=direction, visitors=people, happened_on=day, topic=topic,
            network=networks.get("host"), staff=staff,
        )  # fmt: skip
        activity.countries.set([countries[code] for code in codes if code in countries])
        activity.organisations.set([organisations[i] for i in met if i < len(organisations)])
        made += 1
    return {"international_activities": made}
