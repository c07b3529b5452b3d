"""Organisation logos: upload checks (RELIABILITY.md item 19) and the checked logo view."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from innonet.core.uploads import MAX_IMAGE_BYTES
from innonet.partners.models import ConsentPurpose, Organisation
from tests.factories import ConsentFactory, OrganisationFactory, PersonFactory

GENERATED = re.compile(r"^logos/[0-9a-f]{32}\.(png|jpg|webp)$")


def image_bytes(fmt: str, size: tuple[int, int] = (40, 20), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color=0 if mode == "1" else (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def edit_url(organisation) -> str:
    return reverse("partners:organisation_update", args=[organisation.pk])


def logo_url(organisation) -> str:
    return reverse("partners:organisation_logo", args=[organisation.pk])


def staff_post(client, organisation, **extra):
    data = {"name": organisation.name, "kind": organisation.kind, "version": organisation.version}
    data.update(extra)
    return client.post(edit_url(organisation), data)


def stored_logos() -> set[str]:
    try:
        return set(default_storage.listdir("logos")[1])
    except FileNotFoundError:
        return set()


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [("Firmenlogo.png", "PNG", "image/png"), ("foto.JPEG", "JPEG", "image/jpeg")],
)
def test_valid_logo_is_stored_under_a_generated_name_and_served(
    staff_client, name, fmt, content_type
):
    organisation = OrganisationFactory()
    content = image_bytes(fmt)
    response = staff_post(staff_client, organisation, logo=upload(name, content))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert GENERATED.match(organisation.logo.name), organisation.logo.name
    assert "Firmenlogo" not in organisation.logo.name and "foto" not in organisation.logo.name

    served = staff_client.get(logo_url(organisation))
    assert served.status_code == 200
    assert served.content == content
    assert served["Content-Type"] == content_type
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in served["Content-Security-Policy"]
    assert served["Content-Disposition"].startswith("attachment")

    detail = staff_client.get(reverse("partners:organisation_detail", args=[organisation.pk]))
    assert f'src="{logo_url(organisation)}"' in detail.content.decode()
    assert "/media/" not in detail.content.decode()


def test_member_uploads_own_logo_and_staff_removes_it(client_for, member_user, staff_client):
    organisation = member_user.organisation
    client = client_for(member_user)
    response = client.post(
        edit_url(organisation),
        {"version": organisation.version, "logo": upload("logo.webp", image_bytes("WEBP"))},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".webp")
    assert client.get(logo_url(organisation))["Content-Type"] == "image/webp"

    form_page = staff_client.get(edit_url(organisation)).content.decode()
    assert 'enctype="multipart/form-data"' in form_page
    assert logo_url(organisation) in form_page
    response = staff_post(staff_client, organisation, **{"logo-clear": "on"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert not organisation.logo
    assert staff_client.get(logo_url(organisation)).status_code == 404


def _text(content: str) -> bytes:
    return content.encode()


def logo_error(response) -> tuple[str, str]:
    """(code, message) of the logo field's first error."""
    error = response.context["form"].errors.as_data()["logo"][0]
    message = error.message % error.params if error.params else error.message
    return error.code, str(message)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("notiz.png", _text("just some text, no image"), "invalid_image"),
        (
            "bild.svg",
            _text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
            "invalid_extension",
        ),
        ("seite.html", _text("<html><script>alert(1)</script></html>"), "invalid_extension"),
        ("seite.png", _text("<html><script>alert(1)</script></html>"), "invalid_image"),
        ("umbenannt.jpg", image_bytes("PNG"), "extension_mismatch"),
        ("animiert.gif", image_bytes("GIF"), "invalid_extension"),
        ("bombe.png", image_bytes("PNG", size=(6000, 6000), mode="1"), "too_many_pixels"),
    ],
    ids=["text-as-png", "svg", "html", "html-as-png", "png-as-jpg", "gif", "bomb"],
)
def test_bad_uploads_are_rejected_with_a_clear_error(staff_client, name, content, code):
    organisation = OrganisationFactory(city="Vechta")
    version = organisation.version
    before = stored_logos()
    response = staff_post(staff_client, organisation, city="Lingen", logo=upload(name, content))
    assert response.status_code == 200
    assert logo_error(response)[0] == code
    assert escape(logo_error(response)[1]) in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo
    assert (organisation.city, organisation.version) == ("Vechta", version)
    assert stored_logos() == before


def test_too_large_file_is_a_form_error_and_nothing_is_saved(staff_client):
    organisation = OrganisationFactory()
    big = image_bytes("PNG") + b"\0" * (MAX_IMAGE_BYTES + 1)
    before = stored_logos()
    response = staff_post(staff_client, organisation, logo=upload("gross.png", big))
    assert response.status_code == 200
    code, message = logo_error(response)
    assert code == "file_too_large"
    assert "2,0" in message or "2.0" in message
    organisation.refresh_from_db()
    assert not organisation.logo
    assert stored_logos() == before


def test_member_cannot_upload_to_another_organisation(client_for, other_member_user):
    target = OrganisationFactory()
    before = stored_logos()
    client = client_for(other_member_user)
    response = client.post(
        edit_url(target),
        {"version": target.version, "logo": upload("logo.png", image_bytes("PNG"))},
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert not target.logo
    assert stored_logos() == before


def _with_logo(organisation: Organisation) -> Organisation:
    organisation.logo = upload("logo.png", image_bytes("PNG"))
    organisation.save()
    return organisation


def test_logo_of_an_invisible_organisation_is_not_served(
    client_for, member_user, other_member_user
):
    hidden = _with_logo(member_user.organisation)
    assert client_for(other_member_user).get(logo_url(hidden)).status_code == 404
    assert client_for(None).get(logo_url(hidden)).status_code == 404
    assert client_for(member_user).get(logo_url(hidden)).status_code == 200


def test_public_profile_shows_the_logo_only_with_consent(db, client):
    organisation = _with_logo(OrganisationFactory())
    assert client.get(logo_url(organisation)).status_code == 404
    person = PersonFactory(first_name="Paula", last_name="Profil", email="")
    ConsentFactory(
        person=person,
        organisation=organisation,
        purpose=ConsentPurpose.PUBLIC_PROFILE,
        granted=True,
        source="Formular",
        text_version="2025-01",
    )
    page = client.get(reverse("partners:organisation_public", args=[organisation.pk]))
    assert f'src="{logo_url(organisation)}"' in page.content.decode()
    served = client.get(logo_url(organisation))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
