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
    assert "core/home_staff.html" in [t.name for t in response.templates]
