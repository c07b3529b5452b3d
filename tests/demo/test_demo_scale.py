"""Loading the demo again, with another seed, or scaled up: the tests that load it themselves."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from innonet.accounts.models import User
from innonet.core.search import searchable
from innonet.demo.services import demo_load, demo_load_scale
from innonet.partners.models import Membership, Organisation, Person

from .test_demo_matching import SEED as MATCHING_SEED
from .test_demo_matching import matchmaking_snapshot as matching_snapshot
from .test_demo_registry import TODAY, snapshot

pytestmark = pytest.mark.django_db


def test_same_seed_and_day_give_identical_data_another_seed_does_not():
    snapshots = []
    for seed in (42, 42, 43):
        with transaction.atomic():
            demo_load(seed=seed, today=TODAY)
            snapshots.append(snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert snapshots[0]["organisations"] != snapshots[2]["organisations"]
    assert snapshots[0]["people"] != snapshots[2]["people"]


def test_scale_builds_n_organisations_with_about_ten_people_each():
    out = io.StringIO()
    call_command("demo", "--scale", "40", "--seed", "3", stdout=out)
    generated = Organisation.objects.exclude(name="Hasetal Datentechnik GmbH")
    assert generated.count() == 40
    people = Person.objects.count()
    assert 40 * 5 <= people <= 40 * 15
    assert 6 <= people / 40 <= 14
    for organisation in generated:
        expected = searchable(
            organisation.name, organisation.legal_form, organisation.city,
            organisation.keywords, organisation.description,
        )  # fmt: skip
        assert organisation.search_text == expected
        assert organisation.sme_class == organisation.compute_sme_class()
    for person in Person.objects.all()[:50]:
        assert person.search_text == searchable(person.first_name, person.last_name, person.email)
    assert Membership.objects.filter(status="active").count() == 40
    assert "40" in out.getvalue()
    assert Organisation.history.count() >= 40
    # The logins work on scale data too.
    assert User.objects.get(email="mitglied@innonet.example").organisation is not None
    for organisation in generated:
        organisation.full_clean(validate_unique=False, validate_constraints=False)


def test_scale_is_deterministic():
    runs = []
    for _attempt in range(2):
        with transaction.atomic():
            demo_load_scale(15, seed=9, today=TODAY)
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]


@pytest.mark.parametrize("value", ["0", "-5"])
def test_scale_must_be_positive(value):
    with pytest.raises(CommandError):
        call_command("demo", "--scale", value, stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_the_same_seed_gives_the_same_matchmaking_data_and_a_reload_adds_nothing():
    snapshots = []
    for _attempt in range(2):
        with transaction.atomic():
            demo_load(seed=MATCHING_SEED)
            snapshots.append(matching_snapshot())
            demo_load(seed=MATCHING_SEED)
            assert matching_snapshot() == snapshots[-1]
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
