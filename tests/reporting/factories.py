"""Factories of the reporting tests."""

from decimal import Decimal

import factory

from innonet.reporting.models import IndicatorTarget


class TargetFactory(factory.django.DjangoModelFactory):
    """The office's target of 100 partners for 2025, for all networks."""

    class Meta:
        model = IndicatorTarget

    indicator = "partners"
    year = 2025
    value = Decimal("100")
