"""What people read: tab titles without markup, each language in its own name, no doubled legal
form, words instead of dashes as empty choices, one word for cancelling a registration and a
salutation that fits "Sie"."""

import re
from html import unescape
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from innonet.core.forms import StyledFormMixin, label_empty_choices, style_filter_form
from innonet.core.models import District
from innonet.partners.models import Organisation
from tests.factories import EventFactory, OrganisationFactory

TITLE_BLOCK = re.compile(r"{%\s*block title\s*%}(.*?){%\s*endblock", re.S)


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


def title_of(response) -> str:
    [title] = re.findall(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return title


def test_no_template_puts_markup_or_includes_into_its_title_block():
    offenders = []
    for path in Path(settings.BASE_DIR).rglob("templates/**/*.html"):
        for block in TITLE_BLOCK.findall(path.read_text(encoding="utf-8")):
            if "<" in block or "{% include" in block or "\n" in block.strip():
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


@pytest.mark.django_db
def test_the_partner_network_managers_start_page_has_a_plain_title(client_for, manager_user):
    response = client_for(manager_user).get(reverse("reporting:home"))
    assert response.status_code == 200
    title = title_of(response)
    assert "<" not in title and "&lt;" not in title
    assert title.startswith(manager_user.network.name)


@pytest.mark.django_db
def test_the_language_switcher_names_each_language_in_itself(client):
    page = client.get("/").content.decode()
    options = dict(re.findall(r'<option value="(\w+)" lang="\w+"[^>]*>([^<]+)</option>', page))
    assert options == {"de": "Deutsch", "en": "English"}
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Englisch" not in page and "German" not in page


@pytest.mark.parametrize(
    ("name", "legal_form", "shown"),
    [
        ("Hasetal Datentechnik GmbH", "GmbH", ""),
        ("Feldblick Robotics UG", "UG (haftungsbeschränkt)", ""),
        ("Müller Maschinenbau GmbH & Co. KG", "GmbH & Co. KG", ""),
        ("Schulte e.K.", "e.K.", ""),
        ("Transferagentur Nordwest", "GmbH", "GmbH"),
        ("Agrar GmbHplus", "GmbH", "GmbH"),
        ("Hochschule Osnabrück", "", ""),
    ],
)
def test_the_legal_form_is_shown_only_when_the_name_lacks_it(name, legal_form, shown):
    assert Organisation(name=name, legal_form=legal_form).legal_form_not_in_name == shown


@pytest.mark.django_db
def test_the_organisation_page_does_not_double_the_legal_form(staff_client):
    organisation = OrganisationFactory(name="Hasetal Datentechnik GmbH", legal_form="GmbH")
    page = staff_client.get(reverse("partners:organisation_detail", args=[organisation.pk]))
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.content.decode(), re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", heading).split())
    assert text == "Hasetal Datentechnik GmbH"


class OrganisationFilters(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    district = django_filters.ModelChoiceFilter(queryset=District.objects.all())

    class Meta:
        model = Organisation
        fields = ["kind", "district"]


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "district"]


def empty_choice(field) -> str:
    first_value, first_label = next(iter(field.choices))
    assert first_value in ("", None)
    return str(first_label)


@pytest.mark.django_db
def test_empty_choices_say_all_in_filters_and_please_choose_or_not_specified_in_forms():
    filters = OrganisationFilters(data={}).form
    style_filter_form(filters)
    assert empty_choice(filters.fields["kind"]) == "alle"
    assert empty_choice(filters.fields["district"]) == "alle"
    assert ">alle</option>" in str(filters["kind"]) and "---------" not in str(filters)

    form = OrganisationForm()
    assert form.fields["district"].required is False
    assert empty_choice(form.fields["district"]) == "keine Angabe"
    assert ">keine Angabe</option>" in str(form["district"])
    form.fields["kind"].choices = [("", "---------"), *Organisation.Kind.choices]
    label_empty_choices(form, in_filter=False)
    assert empty_choice(form.fields["kind"]) == "\u2013 bitte wählen \u2013"


@pytest.mark.django_db
def test_no_page_of_the_registry_shows_dashes_as_a_choice(staff_client):
    organisation = OrganisationFactory()
    for url in (
        reverse("partners:organisation_list"),
        reverse("partners:organisation_update", args=[organisation.pk]),
        reverse("events:event_create"),
        reverse("matching:profile_create"),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert ">---------<" not in response.content.decode(), url


@pytest.mark.django_db
def test_registration_mails_say_stornieren_and_greet_with_the_full_name(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    form = {
        "first_name": "Jörg",
        "last_name": "Weiß",
        "email": "joerg.weiss@agrar-os.de",
        "language": "de",
        "consent": "on",
        "colleagues-TOTAL_FORMS": "0",
        "colleagues-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:event_register", args=[event.pk]), form)
    [message] = mail.outbox
    assert message.body.startswith("Guten Tag Jörg Weiß,")
    html = unescape(message.alternatives[0][0])
    assert "Guten Tag Jörg Weiß," in html
    assert de("Cancel registration") == "Anmeldung stornieren"


def test_cancelling_a_registration_is_always_stornieren():
    """An event is "abgesagt"; a registration is "storniert" (pages, mails and consent texts),
    and "Abbrechen" is only for leaving a form."""
    from tests.core.test_i18n import load_catalogue

    slips = []
    for entry in load_catalogue().translated_entries():
        text = entry.msgstr
        if "sagen Sie" in text or ("Anmeldung" in text and re.search(r"\bab(zu)?sagen\b", text)):
            slips.append(text)
    assert slips == []
