"""API throttling keys on the real client address; spoofed X-Forwarded-For cannot dodge it."""

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


@pytest.fixture
def five_per_minute(settings, monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "5/min", "user": "5/min"})
    yield
    cache.clear()


@pytest.mark.django_db
def test_spoofed_forwarded_for_does_not_reset_the_limit(client, five_per_minute):
    assert api_settings.NUM_PROXIES == 0
    answers = [
        client.get("/api/ris3-fields/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(20)
    ]
    assert answers.count(200) == 5
    assert answers.count(429) == 15
