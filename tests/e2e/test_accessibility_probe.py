"""The axe-core check itself: it runs under the page's strict CSP and it does find problems."""

import pytest

from tests.factories import UserFactory

from .test_login_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_runs_under_the_strict_csp_and_the_start_page_passes(page, audit):
    page.goto("/")
    audit()
    assert page.evaluate("typeof window.axe") == "object"
    csp = page.evaluate("document.querySelector('meta[http-equiv]')")
    assert csp is None  # the policy comes as a header, unchanged by the check


def test_axe_reports_a_serious_finding(page, audit):
    member = UserFactory(role="member")
    sign_in(page, member.email)
    page.wait_for_url(lambda url: "/accounts/" not in url)
    # An image without a text alternative is a critical finding in axe-core.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        audit()
