"""The types of cooperation on a profile (the EEN field new to the profile): set through the
form and the API by those who may change the profile, shown on its page, and refused when
unknown or repeated, with nothing saved."""

import pytest
from django.conf import settings
from django.urls import reverse

from innonet.matching.models import CooperationProfile, CooperationType
from tests.events.test_api import Api
from tests.factories import host_network

from .factories import ProfileFactory
from .test_profiles_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def host(db):
    return host_network()


def test_a_member_sets_them_in_the_form_and_the_page_shows_them(client_for, member_user):
    client = client_for(member_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = form_data(cooperation_types=[CooperationType.LICENCE, CooperationType.JOINT_VENTURE])
    response = client.post(reverse("matching:profile_create"), data)
    profile = CooperationProfile.objects.get()
    assert response.status_code == 302
    assert profile.cooperation_types == ["licence", "joint_venture"]
    page = client.get(reverse("matching:profile_detail", kwargs={"pk": profile.pk}))
    assert "Licence agreement, joint venture agreement" in page.content.decode()


def test_an_unknown_type_in_the_form_is_a_form_error(client_for, member_user):
    response = client_for(member_user).post(
        reverse("matching:profile_create"), form_data(cooperation_types=["barter"])
    )
    assert response.status_code == 200
    assert "cooperation_types" in response.context["form"].errors
    assert not CooperationProfile.objects.exists()


@pytest.mark.parametrize(
    "value",
    [
        ["barter"],
        ["licence", "licence"],
        "licence",
        [1],
        None,
        [[["licence"]]],
        [{"id": 1}],
        ["\ud800"],
        [10**30],
        ["licence"] * 16,
    ],
)
def test_the_api_refuses_unknown_or_repeated_types(member_user, value):
    profile = ProfileFactory(organisation=member_user.organisation)
    url = reverse("cooperation-profile-detail", kwargs={"pk": profile.pk})
    response = Api(member_user).patch(url, {"cooperation_types": value, "version": 1})
    assert response.status_code == 400, response.content
    profile.refresh_from_db()
    assert profile.cooperation_types == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 200), ("member_b", 404), ("board", 403), ("network_manager", 404), ("staff", 200)],
)
def test_who_may_change_them_through_the_api(role_users, role, status):
    profile = ProfileFactory(organisation=role_users["member"].organisation)
    url = reverse("cooperation-profile-detail", kwargs={"pk": profile.pk})
    response = Api(role_users[role]).patch(url, {"cooperation_types": ["services"], "version": 1})
    assert response.status_code == status, response.content
    profile.refresh_from_db()
    assert profile.cooperation_types == (["services"] if status == 200 else [])
