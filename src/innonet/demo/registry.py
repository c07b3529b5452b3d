"""The demo partner registry shaped like the seed network: 71 SMEs and 36 research, transfer
and education institutions, with units, people, memberships, consents and interactions.

`plan_partners` builds everything in memory from the seed; `write_partners` stores it with a
handful of bulk inserts, so the default demo loads in a few seconds.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from faker import Faker

from innonet.core.models import Competence, Country, District, Ris3Field
from innonet.networks.models import Network
from innonet.partners.models import (
    Affiliation,
    Consent,
    ConsentPurpose,
    Interaction,
    Membership,
    MembershipStatusChange,
    MemberVisibility,
    Organisation,
    Person,
    Unit,
)

from . import builders
from .names import (
    COMPANY_POSITIONS,
    DEPARTMENTS,
    GROUP_PREFIXES,
    INSTITUTION_POSITIONS,
    INSTITUTIONS,
    INTERACTION_NOTES,
    INTERACTION_TOPICS,
    TRADES,
    Institution,
)

SME_COUNT = 71
STARTUP_COUNT = 9
PUBLIC_PROFILES = 40
FIRST_YEAR = 2015
REGISTER_COURTS = {
    "landkreis-vechta": "Oldenburg",
    "landkreis-cloppenburg": "Oldenburg",
    "landkreis-diepholz": "Walsrode",
    "kreis-steinfurt": "Steinfurt",
    "kreis-warendorf": "Münster",
    "kreis-guetersloh": "Gütersloh",
    "kreis-herford": "Bad Oeynhausen",
    "kreis-minden-luebbecke": "Bad Oeynhausen",
}
SECTOR_FIELDS = {
    "agrar": "agrarsystemtechnik-biooekonomie",
    "energie": "energie",
    "maritim": "maritime-wirtschaft",
}


@dataclass
class Taxonomy:
    """The seeded terms the demo refers to, looked up once by slug."""

    competences: dict[str, Competence]
    ris3: dict[str, Ris3Field]
    districts: dict[str, District]
    germany: Country | None

    @classmethod
    def load(cls) -> "Taxonomy":
        return cls(
            competences={c.slug: c for c in Competence.objects.all()},
            ris3={r.slug: r for r in Ris3Field.objects.all()},
            districts={d.slug: d for d in District.objects.all()},
            germany=Country.objects.filter(code="DE").first(),
        )

    def competence_ids(self, slugs: tuple[str, ...] | list[str]) -> list[int]:
        return [self.competences[s].pk for s in dict.fromkeys(slugs) if s in self.competences]

    def ris3_ids(self, slugs: tuple[str, ...] | list[str]) -> list[int]:
        return [self.ris3[s].pk for s in dict.fromkeys(slugs) if s in self.ris3]


@dataclass
class Partner:
    """One organisation with everything that hangs off it, not yet saved."""

    organisation: Organisation
    competence_slugs: list[str]
    ris3_slugs: list[str]
    units: list[tuple[Unit, list[str]]] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    memberships: list[tuple[Membership, list[MembershipStatusChange]]] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)


@dataclass
class Context:
    rng: random.Random
    fake: Faker
    today: date
    taxonomy: Taxonomy
    networks: dict[str, Network]


def _new_organisation(ctx: Context, *, name: str, kind: str, district: str, city: str,
                      legal_form: str, description: str) -> Organisation:  # fmt: skip
    domain = builders.domain_label(name.replace(legal_form, "")) + ".example"
    return Organisation(
        name=name,
        legal_form=legal_form,
        kind=kind,
        district=ctx.taxonomy.districts.get(district),
        country=ctx.taxonomy.germany,
        city=city,
        street=ctx.fake.street_address(),
        postcode=ctx.fake.postcode(),
        website=f"https://www.{domain}",
        email=f"info@{domain}",
        phone=ctx.fake.phone_number(),
        description=description,
    )


def _company(ctx: Context, index: int, taken: set[str]) -> Partner:
    rng = ctx.rng
    startup = index == 1 or (index >= SME_COUNT - STARTUP_COUNT + 1)
    if index == 0:
        name, legal_form, trade = "Hasetal Datentechnik GmbH", "GmbH", TRADES[0]
        prefix = ("Hasetal", "stadt-osnabrueck", "Osnabrück", "49074")
    elif index == 1:
        name, legal_form, trade = "Feldblick Robotics UG", "UG (haftungsbeschränkt)", TRADES[8]
        prefix = ("Feldblick", "landkreis-emsland", "Lingen (Ems)", "49808")
    else:
        name, legal_form, trade, prefix = builders.company_name(rng, ctx.fake, startup=startup)
        while name in taken:
            name, legal_form, trade, prefix = builders.company_name(rng, ctx.fake, startup=startup)
    taken.add(name)
    employees, turnover, balance = builders.company_figures(rng, startup=startup)
    founded = rng.randint(2019, 2024) if startup else rng.randint(1985, 2018)
    short = name.replace(legal_form, "").strip()
    description = (
        f"{short} bietet {trade.offer}. Gegründet {founded}, {employees} Beschäftigte "
        f"am Standort {prefix[2]}."
    )
    organisation = _new_organisation(
        ctx, name=name, kind="startup" if startup else "sme", district=prefix[1],
        city=prefix[2], legal_form=legal_form, description=description,
    )  # fmt: skip
    organisation.postcode = prefix[3]
    organisation.employees, organisation.annual_turnover = employees, turnover
    organisation.balance_sheet_total = balance
    court = REGISTER_COURTS.get(prefix[1], "Osnabrück")
    register = "HRA" if legal_form in ("e.K.", "KG") else "HRB"
    organisation.register_id = f"{register} {rng.randint(100000, 219999)}, Amtsgericht {court}"
    organisation.vat_id = f"DE{rng.randint(100000000, 999999999)}"
    extra = rng.sample(("Mittelstand", "Open Source", "Handwerk", "Landwirtschaft", "SAP",
                        "Logistik", "Schulungen", "24/7-Support"), 2)  # fmt: skip
    organisation.keywords = ", ".join([trade.name, *extra])
    partner = Partner(organisation, list(trade.competences), list(trade.ris3))
    if employees >= 20 and rng.random() < 0.4:
        for department in rng.sample(DEPARTMENTS, rng.randint(1, 3)):
            unit = Unit(organisation=organisation, name=department, kind=Unit.Kind.DEPARTMENT,
                        description=f"Abteilung {department} der {short}.")  # fmt: skip
            partner.units.append((unit, list(trade.competences[:1])))
    return partner


def _institution(ctx: Context, item: Institution) -> Partner:
    rng, taxonomy = ctx.rng, ctx.taxonomy
    topics = [taxonomy.competences[s].name for s in item.competences if s in taxonomy.competences]
    topic_text = ", ".join(topics) or "Digitalisierung"
    descriptions = {
        "university": f"Lehre und Forschung mit Schwerpunkten in {topic_text}; Partner für "
        "Kooperationsprojekte, Abschlussarbeiten und Transfer.",
        "research": f"Anwendungsnahe Forschung zu {topic_text} in Verbundprojekten mit "
        "Unternehmen der Region.",
        "education": f"Aus- und Weiterbildung zu {topic_text} für Fachkräfte und "
        "Auszubildende der Region.",
    }
    organisation = _new_organisation(
        ctx, name=item.name, kind=item.kind, district=item.district, city=item.city,
        legal_form=item.legal_form, description=descriptions[item.kind],
    )  # fmt: skip
    organisation.keywords = ", ".join(("Forschung", "Transfer") if item.kind != "education"
                                      else ("Weiterbildung", "Fachkräfte"))  # fmt: skip
    partner = Partner(organisation, list(item.competences), list(item.ris3))
    groups = {"university": (3, 5), "research": (2, 4), "education": (0, 2)}[item.kind]
    count = min(rng.randint(*groups), len(item.competences))
    for competence in rng.sample(item.competences, count):
        if competence not in taxonomy.competences:
            continue
        name = f"{rng.choice(GROUP_PREFIXES)} {taxonomy.competences[competence].name}"
        kind = Unit.Kind.RESEARCH_GROUP if item.kind != "education" else Unit.Kind.DEPARTMENT
        unit = Unit(organisation=organisation, name=name, kind=kind,
                    description=f"{name} an der Einrichtung {item.name}.")  # fmt: skip
        partner.units.append((unit, [competence]))
    return partner


def _people(ctx: Context, partner: Partner) -> None:
    rng, organisation = ctx.rng, partner.organisation
    domain = organisation.email.partition("@")[2]
    academic = organisation.is_research
    positions = INSTITUTION_POSITIONS if academic else COMPANY_POSITIONS
    emails: set[str] = set()
    for number in range(rng.choices((1, 2, 3, 4), weights=(20, 35, 30, 15))[0]):
        contact = builders.person(rng, ctx.fake, domain=domain, academic=academic)
        if contact.email in emails:
            continue
        emails.add(contact.email)
        unit = None
        if partner.units and number > 0 and rng.random() < 0.6:
            unit = rng.choice(partner.units)[0]
        affiliation = Affiliation(
            person=contact, organisation=organisation, unit=unit,
            position=positions[0] if number == 0 else rng.choice(positions[1:]),
            is_main_contact=number == 0,
            started_on=builders.random_day(rng, date(2010, 1, 1), ctx.today - timedelta(days=60)),
        )  # fmt: skip
        partner.affiliations.append(affiliation)


def _history(ctx: Context, membership: Membership, start: date, steps: list[tuple[str, str]]):
    """Status changes from `start` on, 2-16 weeks apart, none after today."""
    changes, day = [], start
    for status, reason in steps:
        if day > ctx.today:
            break
        changes.append(MembershipStatusChange(membership=membership, status=status,
                                              valid_from=day, reason=reason))  # fmt: skip
        day += timedelta(days=ctx.rng.randint(14, 110))
    membership.status = changes[-1].status
    return membership, changes


HOST_PATHS = {
    "active": [("prospect", "Erstgespräch"), ("applied", "Mitgliedsantrag eingegangen"),
               ("active", "Aufnahme durch den Vorstand")],
    "prospect": [("prospect", "Interesse beim Netzwerktreffen bekundet")],
    "applied": [("prospect", "Erstgespräch"), ("applied", "Mitgliedsantrag eingegangen")],
}  # fmt: skip


def _memberships(ctx: Context, partners: list[Partner]) -> None:
    rng, today = ctx.rng, ctx.today
    special = rng.sample(range(2, len(partners)), 14)
    fates = dict.fromkeys(special[:4], "paused") | dict.fromkeys(special[4:8], "ended")
    fates |= dict.fromkeys(special[8:11], "prospect") | dict.fromkeys(special[11:], "applied")
    for index, partner in enumerate(partners):
        organisation = partner.organisation
        fate = fates.get(index, "active")
        if organisation.is_research:
            kind = Membership.Type.PARTNER if rng.random() < 0.5 else Membership.Type.ASSOCIATE
        else:
            sponsor = (organisation.employees or 0) >= 100 and rng.random() < 0.3
            kind = Membership.Type.SPONSOR if sponsor else Membership.Type.FULL
        membership = Membership(organisation=organisation, network=ctx.networks["host"],
                                membership_type=kind)  # fmt: skip
        if fate in ("prospect", "applied"):
            start = today - timedelta(days=rng.randint(20, 150))
        else:
            year = rng.randint(FIRST_YEAR, today.year - 1)
            start = builders.random_day(rng, date(year, 1, 1), date(year, 12, 31))
        steps = list(HOST_PATHS.get(fate, HOST_PATHS["active"]))
        if fate == "paused":
            steps.append(("paused", "Ruhende Mitgliedschaft wegen Umstrukturierung"))
        elif fate == "ended":
            steps.append(("ended", rng.choice(("Kündigung zum Jahresende", "Geschäftsaufgabe"))))
        partner.memberships.append(_history(ctx, membership, start, steps))
        _sector_memberships(ctx, partner)


def _sector_memberships(ctx: Context, partner: Partner) -> None:
    for key, ris3 in SECTOR_FIELDS.items():
        if ris3 not in partner.ris3_slugs or ctx.rng.random() > 0.6:
            continue
        membership = Membership(organisation=partner.organisation, network=ctx.networks[key],
                                membership_type=Membership.Type.PARTNER)  # fmt: skip
        year = ctx.rng.randint(2018, ctx.today.year)
        start = builders.random_day(ctx.rng, date(year, 1, 1), ctx.today - timedelta(days=30))
        steps = [("applied", "Beitritt über das Partnernetzwerk"), ("active", "Aufgenommen")]
        partner.memberships.append(_history(ctx, membership, start, steps))


def _consents(ctx: Context, partners: list[Partner]) -> None:
    rng = ctx.rng
    public = {0, *rng.sample(range(1, len(partners)), PUBLIC_PROFILES - 1)}
    for index, partner in enumerate(partners):
        main = partner.affiliations[0].person
        if index in public:
            partner.consents.append(Consent(
                person=main, organisation=partner.organisation,
                purpose=ConsentPurpose.PUBLIC_PROFILE, granted=True,
                source="Mitgliedsantrag, Abschnitt Profilfreigabe", text_version="profil-2024-01",
            ))  # fmt: skip
        for affiliation in partner.affiliations:
            if rng.random() < 0.35:
                newsletter = {"person": affiliation.person, "purpose": ConsentPurpose.NEWSLETTER,
                              "text_version": "newsletter-2023-05"}  # fmt: skip
                partner.consents.append(Consent(
                    granted=True, source="Newsletter-Anmeldung (Double-Opt-in bestätigt)",
                    **newsletter,
                ))  # fmt: skip
                if rng.random() < 0.1:
                    partner.consents.append(Consent(
                        granted=False, source="Abmeldelink im Newsletter", **newsletter
                    ))  # fmt: skip


def _directory(partners: list[Partner]) -> None:
    """Most partners show their profile to the members, one in nine does not (chosen by
    position, so the seeded random sequence of the rest stays as it was)."""
    for index, partner in enumerate(partners):
        hidden = index % 9 == 4
        partner.organisation.member_visibility = (
            MemberVisibility.HIDDEN if hidden else MemberVisibility.SHOWN
        )


def _interactions(ctx: Context, partners: list[Partner]) -> None:
    rng, today = ctx.rng, ctx.today
    kinds = list(INTERACTION_TOPICS)
    for partner in partners:
        for _i in range(rng.choices((0, 1, 2, 3, 4, 5), weights=(10, 25, 25, 20, 12, 8))[0]):
            kind = rng.choices(kinds, weights=(30, 20, 30, 10, 10))[0]
            happened = today - timedelta(days=rng.randint(0, 730))
            follow_up = None
            if rng.random() < 0.25:
                follow_up = happened + timedelta(days=rng.randint(7, 60))
            contact = rng.choice(partner.affiliations).person if rng.random() < 0.7 else None
            partner.interactions.append(Interaction(
                kind=kind, happened_on=happened, organisation=partner.organisation,
                person=contact, topic=rng.choice(INTERACTION_TOPICS[kind]),
                notes=rng.choice(INTERACTION_NOTES), follow_up_on=follow_up,
                follow_up_done=bool(follow_up and follow_up < today and rng.random() < 0.7),
            ))  # fmt: skip


def plan_partners(
    *, seed: int, today: date, taxonomy: Taxonomy, networks: dict[str, Network]
) -> list[Partner]:
    """The 107 demo partners and everything attached, built only from the seed and `today`."""
    fake = Faker("de_DE")
    fake.seed_instance(seed)
    ctx = Context(random.Random(seed), fake, today, taxonomy, networks)  # noqa: S311 - demo data
    taken: set[str] = {item.name for item in INSTITUTIONS}
    partners = [_company(ctx, index, taken) for index in range(SME_COUNT)]
    partners += [_institution(ctx, item) for item in INSTITUTIONS]
    for partner in partners:
        builders.with_search_fields(partner.organisation)
        _people(ctx, partner)
    _memberships(ctx, partners)
    _consents(ctx, partners)
    _directory(partners)
    _interactions(ctx, partners)
    return partners


def write_partners(partners: list[Partner], *, taxonomy: Taxonomy, staff: Any) -> dict[str, int]:
    """Store the planned partners; those whose name already exists are left alone."""
    existing = set(
        Organisation.objects.filter(name__in=[p.organisation.name for p in partners]).values_list(
            "name", flat=True
        )
    )
    partners = [p for p in partners if p.organisation.name not in existing]
    organisations = [p.organisation for p in partners]
    _bulk_with_history(Organisation, organisations)
    units = [unit for p in partners for unit, _c in p.units]
    _bulk_with_history(Unit, units)
    _link(Organisation.competences.through, "organisation_id", "competence_id",
          [(p.organisation.pk, i) for p in partners
           for i in taxonomy.competence_ids(p.competence_slugs)])  # fmt: skip
    _link(
        Organisation.ris3_fields.through,
        "organisation_id",
        "ris3field_id",
        [(p.organisation.pk, i) for p in partners for i in taxonomy.ris3_ids(p.ris3_slugs)],
    )
    _link(Unit.competences.through, "unit_id", "competence_id",
          [(u.pk, i) for p in partners for u, slugs in p.units
           for i in taxonomy.competence_ids(slugs)])  # fmt: skip
    people = [a.person for p in partners for a in p.affiliations]
    _bulk_with_history(Person, people)
    Affiliation.objects.bulk_create([a for p in partners for a in p.affiliations])
    memberships = [pair for p in partners for pair in p.memberships]
    Membership.objects.bulk_create([m for m, _changes in memberships])
    MembershipStatusChange.objects.bulk_create([c for _m, cs in memberships for c in cs])
    consents = Consent.objects.bulk_create([c for p in partners for c in p.consents])
    interactions = [i for p in partners for i in p.interactions]
    for interaction in interactions:
        interaction.staff = staff
    Interaction.objects.bulk_create(interactions)
    return {
        "organisations": len(organisations),
        "units": len(units),
        "people": len(people),
        "memberships": len(memberships),
        "consents": len(consents),
        "interactions": len(interactions),
    }


def _bulk_with_history(model: type, objects: list, *, batch_size: int = 1000) -> None:
    """Insert rows and their first history entry (bulk_create skips simple-history)."""
    model.objects.bulk_create(objects, batch_size=batch_size)
    model.history.bulk_history_create(objects, batch_size=batch_size, default_change_reason="demo")


def _link(through: type, left: str, right: str, pairs: list[tuple[int, int]]) -> None:
    through.objects.bulk_create([through(**{left: a, right: b}) for a, b in pairs], batch_size=2000)
