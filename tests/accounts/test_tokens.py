"""API tokens through their page and through the API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.accounts import services
from innonet.accounts.models import ApiToken
from innonet.core.models import AuditEntry, Ris3Field

pytestmark = pytest.mark.django_db

TOKEN_PAGE = reverse("accounts:token_list")


def create_on_page(client, **data):
    payload = {"name": "Auswertung", "scope": "read", "days": 30, **data}
    return client.post(TOKEN_PAGE, payload)


def make_token(user, scope: str = "read", days: int = 30) -> tuple[ApiToken, str]:
    return services.api_token_create(user, name="Test", scope=scope, days=days, acting_user=user)


def bearer(plain: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_page_shows_the_key_once_and_stores_only_a_hash(client_for, member_user):
    client = client_for(member_user)
    response = create_on_page(client)
    assert response.status_code == 200
    token = ApiToken.objects.get(user=member_user)
    plain = response.context["plain"]
    assert plain in response.content.decode()
    assert plain not in client.get(TOKEN_PAGE).content.decode()

    secret = plain.split("_", 2)[2]  # inn_<key id>_<secret>; the secret may hold "_"
    for row in ApiToken.objects.values_list():
        assert not any(secret in str(value) for value in row)
    for entry in AuditEntry.objects.all():
        assert secret not in f"{entry.data} {entry.object_label}"
    assert token.secret_hash != secret


def test_token_authenticates_me(client, member_user):
    _, plain = make_token(member_user)
    response = client.get("/api/me/", **bearer(plain))
    assert response.status_code == 200
    assert response.json()["email"] == member_user.email


def test_read_only_token_cannot_write(client, staff_user):
    _, plain = make_token(staff_user, scope="read")
    response = client.post(
        "/api/ris3-fields/", {"name": "Nur Lesen", "slug": "nur-lesen"}, **bearer(plain)
    )
    assert response.status_code == 403
    assert not Ris3Field.objects.filter(slug="nur-lesen").exists()


def test_write_token_of_staff_can_write(client, staff_user):
    _, plain = make_token(staff_user, scope="write")
    response = client.post(
        "/api/ris3-fields/",
        {"name": "Quantentechnologie", "slug": "ignored-because-generated"},
        content_type="application/json",
        **bearer(plain),
    )
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "quantentechnologie"
    assert Ris3Field.objects.filter(slug="quantentechnologie").exists()


def test_revoked_token_is_refused(client, member_user):
    token, plain = make_token(member_user)
    services.api_token_revoke(token, acting_user=member_user)
    assert client.get("/api/me/", **bearer(plain)).status_code == 401


def test_expired_token_is_refused(client, member_user):
    token, plain = make_token(member_user)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/me/", **bearer(plain)).status_code == 401


def test_token_of_deactivated_user_is_refused(client, member_user):
    _, plain = make_token(member_user)
    member_user.is_active = False
    member_user.save(update_fields=["is_active"])
    assert client.get("/api/me/", **bearer(plain)).status_code == 401


@pytest.mark.parametrize("garbage", ["inn_", "inn_abc", "inn_abc_def", "x" * 500, "inn_ä_ö"])
def test_malformed_tokens_are_refused(client, garbage):
    assert client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {garbage}").status_code == 401


def test_token_with_wrong_secret_is_refused(client, member_user):
    _, plain = make_token(member_user)
    assert client.get("/api/me/", **bearer(plain[:-2] + "xx")).status_code == 401


@pytest.mark.parametrize("parameter", ["token", "access_token", "api_key", "key"])
def test_token_in_the_query_string_is_not_accepted(client, member_user, parameter):
    _, plain = make_token(member_user)
    response = client.get("/api/me/", {parameter: plain})
    assert response.status_code in (401, 403)
    assert member_user.email not in response.content.decode()


def test_user_cannot_revoke_another_users_token(client_for, member_user, other_member_user):
    token, _ = make_token(other_member_user)
    response = client_for(member_user).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_owner_revokes_own_token_on_the_page(client_for, member_user, client):
    token, plain = make_token(member_user)
    page = client_for(member_user)
    response = page.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/me/", **bearer(plain)).status_code == 401


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"days": 0}, "days"),
        ({"days": 1000}, "days"),
        ({"days": "viele"}, "days"),
        ({"scope": "admin"}, "scope"),
        ({"name": "x" * 101}, "name"),
    ],
)
def test_bad_form_input_creates_nothing(client_for, member_user, data, field):
    response = create_on_page(client_for(member_user), **data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field)
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_anonymous_cannot_open_the_token_page(client):
    response = client.get(TOKEN_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert create_on_page(client).status_code == 302
    assert not ApiToken.objects.exists()
