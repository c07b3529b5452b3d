import pytest


@pytest.mark.django_db
def test_start_page_answers_in_german(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "de"


@pytest.mark.django_db
def test_staff_start_page(staff_client):
    response = staff_client.get("/")
    assert response.status_code == 200
    assert "reporting/home_staff.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_browser_language_does_not_override_german_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"


@pytest.mark.django_db
def test_chosen_language_is_kept(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/")["Content-Language"] == "en"
