"""The admin site: only staff with a verified second factor get in, for every model."""

import pytest
from django.contrib import admin
from django.urls import reverse

ROLES = ("anonymous", "member", "member_b", "network_manager", "board")


def admin_urls() -> list[str]:
    urls = ["admin:index"]
    for model in admin.site._registry:
        urls.append(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return urls


@pytest.mark.parametrize("url_name", admin_urls())
def test_admin_only_for_staff(url_name, role_users, client_for):
    url = reverse(url_name)
    for role in ROLES:
        response = client_for(role_users.get(role))
        answer = response.get(url)
        assert answer.status_code == 302, (url_name, role, answer.status_code)
        if role == "anonymous":
            final = response.get(url, follow=True)
            assert final.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert client_for(role_users["staff"]).get(url).status_code == 200


def test_admin_without_second_factor_is_refused(staff_user, client):
    client.force_login(staff_user)  # signed in, but no MFA record in the session
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:index") not in response["Location"]
