"""Large generated registries for benchmarks: N organisations with about ten people each.

Rows are built from name pools drawn once from the seeded Faker (calling Faker per row would
dominate the run) and written with bulk inserts in batches, one transaction per batch, so
progress shows and memory stays flat. Same seed and count, same data.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from faker import Faker

from innonet.networks.models import Network
from innonet.partners.models import (
    Affiliation,
    Interaction,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
)

from . import builders
from .names import COMPANY_POSITIONS, INTERACTION_TOPICS, LEGAL_FORMS, TRADES
from .registry import Taxonomy

POOL_SIZE = 500


class _Pools:
    """Names and terms drawn once; rows then pick from them with the seeded random."""

    def __init__(self, rng: random.Random, fake: Faker, taxonomy: Taxonomy) -> None:
        self.rng = rng
        self.first_names = [fake.first_name() for _i in range(POOL_SIZE)]
        self.last_names = [fake.last_name() for _i in range(POOL_SIZE)]
        self.streets = [fake.street_name() for _i in range(POOL_SIZE)]
        self.districts = taxonomy.districts
        self.competences = taxonomy.competences
        self.ris3 = taxonomy.ris3
        self.germany = taxonomy.germany


# A third are research and education institutions, as in the seed network (36 of 107); by
# number, not drawn, so the rest of the generated data stays what it was.
RESEARCH_BY_NUMBER = (
    Organisation.Kind.UNIVERSITY,
    Organisation.Kind.RESEARCH,
    Organisation.Kind.EDUCATION,
)


def _kind(number: int) -> str:
    if number % 3 == 1:
        return RESEARCH_BY_NUMBER[number // 3 % 3]
    return Organisation.Kind.STARTUP if number % 20 == 0 else Organisation.Kind.SME


def _organisation(pools: _Pools, number: int) -> tuple[Organisation, list[int], list[int]]:
    rng = pools.rng
    trade = rng.choice(TRADES)
    prefix, district, city, postcode = builders.weighted_prefix(rng)
    if rng.random() < 0.5:
        prefix = rng.choice(pools.last_names)
    legal_form = rng.choices([f for f, _w in LEGAL_FORMS], weights=[w for _f, w in LEGAL_FORMS])[0]
    name = f"{prefix} {trade.name} {legal_form}"
    domain = f"{builders.domain_label(f'{prefix} {trade.name}')}-{number}.example"
    employees, turnover, balance = builders.company_figures(rng, startup=False)
    organisation = Organisation(
        name=name,
        legal_form=legal_form,
        kind=_kind(number),
        employees=employees,
        annual_turnover=turnover,
        balance_sheet_total=balance,
        street=f"{rng.choice(pools.streets)} {rng.randint(1, 120)}",
        postcode=postcode,
        city=city,
        district=pools.districts.get(district),
        country=pools.germany,
        website=f"https://www.{domain}",
        email=f"info@{domain}",
        description=f"{prefix} {trade.name} bietet {trade.offer}.",
        keywords=trade.name,
        # Most show their profile to the members, as in the small demo (by number, not drawn).
        member_visibility="hidden" if number % 9 == 4 else "shown",
    )
    builders.with_search_fields(organisation)
    competences = [pools.competences[s].pk for s in trade.competences if s in pools.competences]
    ris3 = [pools.ris3[s].pk for s in trade.ris3 if s in pools.ris3]
    return organisation, competences, ris3


def _people(pools: _Pools, organisation: Organisation) -> list[Affiliation]:
    rng = pools.rng
    domain = organisation.email.partition("@")[2]
    affiliations = []
    for number in range(rng.randint(5, 15)):
        first, last = rng.choice(pools.first_names), rng.choice(pools.last_names)
        person = Person(
            first_name=first,
            last_name=last,
            email=f"{builders.slug(first)}.{builders.slug(last)}.{number}@{domain}",
            phone=f"+49 541 {rng.randint(100000, 9999999)}",
        )
        person.search_text = person.build_search_text()
        affiliations.append(
            Affiliation(
                person=person,
                organisation=organisation,
                position=rng.choice(COMPANY_POSITIONS),
                is_main_contact=number == 0,
            )
        )
    return affiliations


def _membership(pools: _Pools, organisation: Organisation, host: Network, today: date):
    rng = pools.rng
    membership = Membership(organisation=organisation, network=host, status="active")
    start = today - timedelta(days=rng.randint(60, 4000))
    changes = [
        MembershipStatusChange(membership=membership, status="applied", valid_from=start),
        MembershipStatusChange(
            membership=membership, status="active", valid_from=start + timedelta(days=30)
        ),
    ]
    return membership, changes


@transaction.atomic
def _write_batch(rows: list[dict[str, Any]], staff: Any) -> None:
    organisations = [row["organisation"] for row in rows]
    Organisation.objects.bulk_create(organisations)
    Organisation.history.bulk_history_create(organisations, default_change_reason="demo")
    through = Organisation.competences.through
    through.objects.bulk_create(
        [through(organisation_id=r["organisation"].pk, competence_id=c) for r in rows
         for c in r["competences"]]
    )  # fmt: skip
    through = Organisation.ris3_fields.through
    through.objects.bulk_create(
        [through(organisation_id=r["organisation"].pk, ris3field_id=f) for r in rows
         for f in r["ris3"]]
    )  # fmt: skip
    affiliations = [a for row in rows for a in row["affiliations"]]
    people = [a.person for a in affiliations]
    Person.objects.bulk_create(people, batch_size=2000)
    Person.history.bulk_history_create(people, batch_size=2000, default_change_reason="demo")
    Affiliation.objects.bulk_create(affiliations, batch_size=2000)
    Membership.objects.bulk_create([row["membership"][0] for row in rows])
    MembershipStatusChange.objects.bulk_create([c for row in rows for c in row["membership"][1]])
    interactions = [i for row in rows for i in row["interactions"]]
    for interaction in interactions:
        interaction.staff = staff
    Interaction.objects.bulk_create(interactions)


def write_scale(
    count: int,
    *,
    seed: int,
    today: date,
    host: Network,
    staff: Any,
    progress: Callable[[str], None],
    batch_size: int = 500,
) -> dict[str, int]:
    """Write `count` generated organisations with people, memberships and a few interactions."""
    fake = Faker("de_DE")
    fake.seed_instance(seed)
    pools = _Pools(random.Random(seed), fake, Taxonomy.load())  # noqa: S311 - demo data
    totals = {"organisations": 0, "people": 0, "interactions": 0}
    for start in range(0, count, batch_size):
        rows = []
        for number in range(start, min(start + batch_size, count)):
            organisation, competences, ris3 = _organisation(pools, number)
            interactions = [
                Interaction(
                    kind="call",
                    happened_on=today - timedelta(days=pools.rng.randint(0, 730)),
                    organisation=organisation,
                    topic=pools.rng.choice(INTERACTION_TOPICS["call"]),
                )
                for _i in range(pools.rng.randint(0, 2))
            ]
            rows.append({
                "organisation": organisation, "competences": competences, "ris3": ris3,
                "affiliations": _people(pools, organisation),
                "membership": _membership(pools, organisation, host, today),
                "interactions": interactions,
            })  # fmt: skip
        _write_batch(rows, staff)
        totals["organisations"] += len(rows)
        totals["people"] += sum(len(row["affiliations"]) for row in rows)
        totals["interactions"] += sum(len(row["interactions"]) for row in rows)
        progress(
            _("Organisations: %(done)s of %(total)s")
            % {"done": totals["organisations"], "total": count}
        )
    return totals
