"""Loading the demo takes one to two seconds; modules whose tests only read it load it once."""

import pytest
from django.db import transaction

from innonet.demo.services import demo_load


def demo_loaded_once(**options):
    """A module-scoped fixture: the demo loaded with `options` before the module's first test
    and rolled back after its last, as Django's setUpTestData does. Each test runs in a
    savepoint inside it, so what one test writes is gone before the next. Every test of such
    a module must expect the demo in the database."""

    @pytest.fixture(scope="module")
    def loaded(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            counts = demo_load(**options)
            yield counts
            transaction.set_rollback(True)

    return loaded
