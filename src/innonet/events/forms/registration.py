"""The public registration form, its colleague rows, and the feedback form of the mail link."""

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin
from innonet.core.validators import check_email_address, check_plain_text

from ..models import AskedField, Event
from ..services import Attendee
from ..services.registrations import MAX_COLLEAGUES

EMAIL_INVALID = {"invalid": _("Please enter a valid e-mail address.")}
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Form field -> the AskedField that switches it on.
ASKED = {
    "organisation_name": AskedField.ORGANISATION,
    "position": AskedField.POSITION,
    "phone": AskedField.PHONE,
    "dietary_requirements": AskedField.DIETARY,
    "remarks": AskedField.REMARKS,
}
# Empty colleague rows shown at first, and added per "more rows" click without JavaScript.
COLLEAGUE_ROWS = 2
MORE_ROWS = 3


class PlainTextMixin:
    """Every text field refuses control characters; one-line fields refuse line breaks.
    Fields with errors get Bootstrap's `is-invalid` so the page marks them in red."""

    multiline_fields: tuple[str, ...] = ("remarks",)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name != "email":
                try:
                    cleaned[name] = check_plain_text(
                        value, multiline=name in self.multiline_fields
                    ).strip()
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class RegistrationForm(PlainTextMixin, StyledFormMixin, forms.Form):
    """Name, address, the questions this event asks, language and consent."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages=EMAIL_INVALID,
        help_text=_("We send the confirmation link to this address."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    dietary_requirements = forms.CharField(
        label=_("Dietary requirements"), max_length=300, required=False
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(label=_("Language of our mails"), choices=LANGUAGES, initial="de")
    consent = forms.BooleanField(
        label=_("I agree to the conditions of participation above."),
        error_messages={"required": _("Please agree to the conditions of participation.")},
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = set(event.asked_fields or [])
        for name, asked_field in ASKED.items():
            if asked_field not in asked:
                del self.fields[name]
        current = (translation.get_language() or "de")[:2]
        self.fields["language"].initial = current if current in dict(LANGUAGES) else "de"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if "organisation_name" in self.fields:
            self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        if "phone" in self.fields:
            self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_email(self) -> str:
        return check_email_address(self.cleaned_data["email"])

    def attendee(self) -> Attendee:
        data = self.cleaned_data
        return Attendee(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            organisation_name=data.get("organisation_name", ""),
            position=data.get("position", ""),
            phone=data.get("phone", ""),
            dietary_requirements=data.get("dietary_requirements", ""),
            remarks=data.get("remarks", ""),
            language=data["language"],
        )


class ColleagueForm(PlainTextMixin, StyledFormMixin, forms.Form):
    """One colleague of the same organisation; an empty row is skipped."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, error_messages=EMAIL_INVALID
    )

    def clean_email(self) -> str:
        return check_email_address(self.cleaned_data["email"])


class BaseColleagueFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            email = form.cleaned_data.get("email")
            if email and email in seen:
                raise forms.ValidationError(_("Each person needs their own e-mail address."))
            if email:
                seen.add(email)

    def attendees(self, *, language: str) -> list[Attendee]:
        return [
            Attendee(
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                language=language,
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def colleague_formset(rows: int = COLLEAGUE_ROWS) -> type[BaseColleagueFormSet]:
    """A formset class with `rows` extra empty rows, never more than MAX_COLLEAGUES in all."""
    return forms.formset_factory(
        ColleagueForm,
        formset=BaseColleagueFormSet,
        extra=max(0, min(rows, MAX_COLLEAGUES)),
        max_num=MAX_COLLEAGUES,
        absolute_max=MAX_COLLEAGUES,
        validate_max=True,
    )


class FeedbackForm(PlainTextMixin, StyledFormMixin, forms.Form):
    """A rating from 1 to 5 and an optional comment."""

    multiline_fields = ("comment",)
    rating = forms.TypedChoiceField(
        label=_("How would you rate the event?"),
        choices=[
            (5, _("5: excellent")),
            (4, _("4: good")),
            (3, _("3: fair")),
            (2, _("2: poor")),
            (1, _("1: very poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was useful, what should we do differently?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs["class"] = "form-check-input"
