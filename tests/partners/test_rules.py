"""The SME rule of Recommendation 2003/361/EC at its thresholds."""

from decimal import Decimal

import pytest

from innonet.partners.rules import SmeClass, sme_class

M = Decimal("1000000")


@pytest.mark.parametrize(
    ("employees", "turnover", "balance", "expected"),
    [
        (None, 1 * M, 1 * M, SmeClass.UNKNOWN),
        (0, None, None, SmeClass.MICRO),
        (9, 2 * M, None, SmeClass.MICRO),
        (9, None, 2 * M, SmeClass.MICRO),
        (9, 2 * M + 1, 2 * M + 1, SmeClass.SMALL),  # both financial ceilings exceeded
        (9, 5 * M, 2 * M, SmeClass.MICRO),  # the better financial criterion counts
        (10, 1 * M, 1 * M, SmeClass.SMALL),  # headcount must be below 10
        (49, 10 * M, 99 * M, SmeClass.SMALL),
        (50, 1 * M, 1 * M, SmeClass.MEDIUM),
        (249, 50 * M, 100 * M, SmeClass.MEDIUM),
        (249, 60 * M, 43 * M, SmeClass.MEDIUM),
        (249, 50 * M + 1, 43 * M + 1, SmeClass.LARGE),
        (250, 1 * M, 1 * M, SmeClass.LARGE),
        (250, None, None, SmeClass.LARGE),
        (5, Decimal("0"), None, SmeClass.MICRO),
    ],
)
def test_sme_class_at_thresholds(employees, turnover, balance, expected):
    assert sme_class(employees, turnover, balance) == expected
