"""`next=` and language-switch redirects never leave the site (item 15)."""

import pytest
from django.urls import reverse

OFF_SITE = ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_login_next_stays_on_site(client, member_user, password, target):
    response = client.post(
        f"{reverse('account_login')}?next={target}",
        {"login": member_user.email, "password": password, "next": target},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert not response["Location"].startswith("javascript:")


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_stays_on_site(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
