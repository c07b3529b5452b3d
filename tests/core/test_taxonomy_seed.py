"""The seeded vocabularies come back after a flush (transactional tests, `innonet flush`),
but terms in a table the office keeps are never re-added."""

import pytest
from django.core.management import call_command

from innonet.core.models import Country, Ris3Field

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_flush_leaves_the_seeded_taxonomies_in_place():
    call_command("flush", "--no-input")
    assert Country.objects.filter(code="DE").exists()
    assert Ris3Field.objects.exists()


def test_a_table_with_rows_is_not_refilled():
    Ris3Field.objects.exclude(pk=Ris3Field.objects.order_by("pk").first().pk).delete()
    call_command("migrate", "--no-input", verbosity=0)
    assert Ris3Field.objects.count() == 1
