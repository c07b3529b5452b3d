"""The demo registry is shaped like the seed network, deterministic, and `--scale` works."""

from datetime import date, timedelta

import pytest
from django.db.models import Count

from innonet.accounts.models import User
from innonet.core.models import AuditEntry, District
from innonet.demo.services import demo_load
from innonet.networks.models import Network
from innonet.partners.models import (
    Affiliation,
    Consent,
    Interaction,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
    Unit,
)
from innonet.partners.services import members_on

from .conftest import demo_loaded_once

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


loaded = demo_loaded_once(seed=2026, today=TODAY)


def snapshot() -> dict:
    """Everything the demo writes except timestamps and database ids."""
    return {
        "organisations": list(
            Organisation.objects.order_by("name").values_list(
                "name", "kind", "legal_form", "employees", "annual_turnover", "sme_class",
                "district__slug", "city", "street", "website", "vat_id", "register_id",
                "description", "keywords", "search_text",
            )
        ),
        "competences": sorted(
            Organisation.competences.through.objects.values_list(
                "organisation__name", "competence__slug"
            )
        ),
        "ris3": sorted(
            Organisation.ris3_fields.through.objects.values_list(
                "organisation__name", "ris3field__slug"
            )
        ),
        "units": sorted(Unit.objects.values_list("organisation__name", "name", "kind")),
        "people": sorted(
            Affiliation.objects.values_list(
                "organisation__name", "person__first_name", "person__last_name",
                "person__email", "person__phone", "position", "is_main_contact", "started_on",
                "unit__name",
            )
        ),
        "changes": sorted(
            MembershipStatusChange.objects.values_list(
                "membership__organisation__name", "membership__network__slug", "status",
                "valid_from", "reason",
            )
        ),
        "interactions": sorted(
            Interaction.objects.values_list(
                "organisation__name", "kind", "happened_on", "topic", "person__email",
                "follow_up_on", "follow_up_done",
            ),
            key=str,
        ),
        "consents": sorted(
            Consent.objects.values_list(
                "person__email", "organisation__name", "purpose", "granted", "source"
            ),
            key=str,
        ),
    }  # fmt: skip


def test_107_partners_71_smes_and_36_institutions(loaded):
    assert Organisation.objects.count() == 107
    companies = Organisation.objects.filter(kind__in=["sme", "startup"])
    assert companies.count() == 71
    assert set(companies.values_list("sme_class", flat=True)) == {"micro", "small", "medium"}
    assert companies.filter(kind="startup").exists()
    institutions = Organisation.objects.filter(kind__in=Organisation.RESEARCH_KINDS)
    assert institutions.count() == 36
    assert set(institutions.values_list("kind", flat=True)) == {
        "university", "research", "education",
    }  # fmt: skip
    names = set(institutions.values_list("name", flat=True))
    assert {"Universität Osnabrück", "Hochschule Osnabrück"} <= names
    for organisation in Organisation.objects.all():
        assert organisation.sme_class == organisation.compute_sme_class()


def test_partners_are_in_the_seeded_districts_with_taxonomy_terms(loaded):
    assert not Organisation.objects.filter(district__isnull=True).exists()
    areas = set(District.objects.filter(organisation__isnull=False).values_list("area", flat=True))
    assert areas == {"core", "neighbour"}
    core = Organisation.objects.filter(district__area="core").count()
    assert core > 107 / 3, "the core region holds the largest share, as in the seed"
    bare = Organisation.objects.annotate(
        c=Count("competences"), r=Count("ris3_fields", distinct=True)
    )
    assert not bare.filter(c=0).exists()
    assert not bare.filter(r=0).exists()


def test_every_record_passes_the_platforms_own_validation(loaded):
    """What the demo writes in bulk, the forms and the API would accept (attack run, 12)."""
    for model in (Organisation, Person, Unit):
        for record in model.objects.all():
            record.full_clean(validate_unique=False, validate_constraints=False)


def test_people_units_and_main_contacts(loaded):
    per_org = Organisation.objects.annotate(n=Count("affiliations"))
    assert set(per_org.values_list("n", flat=True)) <= {1, 2, 3, 4}
    mains = Affiliation.objects.filter(is_main_contact=True)
    assert mains.count() == 107
    assert mains.values("organisation").distinct().count() == 107
    assert not Organisation.objects.filter(
        kind__in=["university", "research"], units__isnull=True
    ).exists()
    assert Unit.objects.filter(kind="department", organisation__kind="sme").exists()
    assert Person.objects.filter(email__endswith=".example").count() == Person.objects.count()


def test_memberships_have_dated_histories(loaded):
    host = Network.objects.get(kind=Network.Kind.HOST)
    memberships = Membership.objects.filter(network=host)
    assert memberships.count() == 107
    statuses = set(memberships.values_list("status", flat=True))
    assert {"active", "paused", "ended", "prospect", "applied"} <= statuses
    years = {c.valid_from.year for c in MembershipStatusChange.objects.all()}
    assert min(years) == 2015 or min(years) <= 2016
    for membership in Membership.objects.prefetch_related("changes"):
        changes = list(membership.changes.all())
        assert changes, membership
        assert [c.valid_from for c in changes] == sorted(c.valid_from for c in changes)
        assert changes[-1].status == membership.status
        assert changes[-1].valid_from <= TODAY
    active = memberships.filter(status="active").count()
    assert members_on(host, TODAY).count() == active
    agri = Network.objects.get(slug="agrotech-weser-ems")
    assert Membership.objects.filter(network=agri, status="active").exists()


def test_interactions_and_consents(loaded):
    interactions = Interaction.objects.all()
    assert interactions.count() > 100
    assert all(TODAY - timedelta(days=730) <= i.happened_on <= TODAY for i in interactions)
    assert set(interactions.values_list("kind", flat=True)) >= {
        "consultation", "visit", "call", "introduction",
    }  # fmt: skip
    assert set(interactions.values_list("staff__email", flat=True)) == {"stab@innonet.example"}
    assert Interaction.objects.open_follow_ups().exists()
    public = Consent.objects.filter(purpose="public_profile", granted=True)
    assert public.values("organisation").distinct().count() == 40
    assert Consent.objects.filter(purpose="newsletter", granted=True).count() > 20


def test_member_login_belongs_to_an_sme_with_a_public_profile(loaded):
    member = User.objects.get(email="mitglied@innonet.example")
    assert member.organisation.name == "Hasetal Datentechnik GmbH"
    assert member.organisation.sme_class in ("micro", "small", "medium")
    assert Organisation.objects.search("hasetal datentechnik").filter(pk=member.organisation_id)


def test_loading_again_duplicates_nothing(loaded):
    before = snapshot()
    counts = demo_load(seed=2026, today=TODAY)
    assert counts["organisations"] == 0
    assert snapshot() == before
    assert AuditEntry.objects.filter(action="demo.data.loaded").count() == 2


def test_the_demo_writes_one_audit_entry_not_one_per_record(loaded):
    assert AuditEntry.objects.filter(action="demo.data.loaded").count() == 1
    assert not AuditEntry.objects.filter(action__startswith="partners.").exists()
