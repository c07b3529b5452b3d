"""Forms of introductions: plan one (the office), record an outcome, ask for one (a member).
The rules themselves live in services.introductions; the list's FilterSet in filters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_order
from innonet.core.forms import StyledFormMixin
from innonet.core.versioning.forms import VersionedFormMixin
from innonet.partners.models import Organisation, Person

from ..models import CooperationProfile, Introduction, IntroductionStatus
from ..services.introductions import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    IntroductionError,
    clean_topic,
    current_affiliates,
    main_contact,
    manual_moves,
    validate_suggestion_link,
)

SIDES = ("first", "second")


def _pk(value: Any) -> int | None:
    """A primary key from a query parameter or posted value; None for anything else."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 12 else None


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj} <{obj.email}>" if obj.email else str(obj)


class IntroductionForm(StyledFormMixin, forms.Form):
    """Plan an introduction. The contacts offered are the people currently working at the
    chosen organisations; "Show contacts" refreshes them after changing an organisation."""

    first_organisation = forms.ModelChoiceField(
        label=_("First organisation"), queryset=Organisation.objects.none()
    )
    first_person = ContactChoiceField(
        label=_("Contact at the first organisation"),
        queryset=Person.objects.none(),
        required=False,
    )
    second_organisation = forms.ModelChoiceField(
        label=_("Second organisation"), queryset=Organisation.objects.none()
    )
    second_person = ContactChoiceField(
        label=_("Contact at the second organisation"),
        queryset=Person.objects.none(),
        required=False,
    )
    topic = forms.CharField(label=_("Topic"), max_length=TOPIC_MAX_LENGTH)
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the two should talk; it goes into the introduction mail."),
    )
    source_key = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)
    document_id = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    score = forms.FloatField(required=False, widget=forms.HiddenInput)
    interest_request = forms.IntegerField(
        required=False, min_value=1, max_value=10**12, widget=forms.HiddenInput
    )
    # Set by the "Plan anyway" button after the pair's earlier introductions were shown.
    allow_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.only("pk", "name").order_by(german_order("name"), "pk")
        for side in SIDES:
            self.fields[f"{side}_organisation"].queryset = organisations
            chosen = self._chosen(f"{side}_organisation")
            people = current_affiliates(Organisation(pk=chosen) if chosen else None)
            field = self.fields[f"{side}_person"]
            field.queryset = people.order_by(
                german_order("last_name"), german_order("first_name"), "pk"
            )
            field.empty_label = _("nobody yet")
            if not chosen:
                field.help_text = _("Choose the organisation first, then “Show contacts”.")
        self.profile: CooperationProfile | None = None

    def _chosen(self, name: str) -> int | None:
        source = self.data if self.is_bound else self.initial
        return _pk(source.get(name))

    def clean_topic(self) -> str:
        try:
            return clean_topic(self.cleaned_data.get("topic", ""))
        except IntroductionError as error:
            raise forms.ValidationError(error.message) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("first_organisation"), data.get("second_organisation")
        if first and second and first.pk == second.pk:
            self.add_error(
                "second_organisation",
                _("An introduction brings two different organisations together."),
            )
        source_key, document_id = data.get("source_key", ""), data.get("document_id", "")
        if source_key or document_id:
            score = data.get("score")
            try:
                validate_suggestion_link(source_key, document_id, 0.0 if score is None else score)
            except IntroductionError as error:
                raise forms.ValidationError(error.message) from error
        if any(name in self.errors for name in ("source_key", "document_id", "score")):
            raise forms.ValidationError(_("The link to the suggestion is not valid."))
        self.profile = self._profile(source_key, first, second)
        return data

    @staticmethod
    def _profile(
        source_key: str, first: Organisation | None, second: Organisation | None
    ) -> CooperationProfile | None:
        """The profile asked about (`p:<pk>`) when it belongs to one of the two sides."""
        if not source_key.startswith("p:") or not first or not second:
            return None
        return CooperationProfile.objects.filter(
            pk=_pk(source_key[2:]) or 0, organisation__in=(first.pk, second.pk)
        ).first()

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {
            name: data.get(name)
            for name in (
                "first_organisation", "second_organisation", "first_person", "second_person",
                "topic", "message",
            )
        }  # fmt: skip
        fields["profile"] = self.profile
        fields["interest_request"] = data.get("interest_request")
        fields["allow_duplicate"] = bool(data.get("allow_duplicate"))
        return fields

    def suggestion_link(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("source_key"):
            return None
        score = data.get("score")
        return {
            "source_key": data["source_key"],
            "document_id": data["document_id"],
            "score": 0.0 if score is None else score,
        }


def initial_from_query(params: Any) -> dict[str, Any]:
    """Prefill from a result's "Introduce" link: `first`, `second` (organisation ids),
    `source_key`, `document_id`, `score`. Unusable values are left out, never an error."""
    initial: dict[str, Any] = {}
    for side, key in (("first", "first"), ("second", "second")):
        pk = _pk(params.get(key))
        if pk and Organisation.objects.filter(pk=pk).exists():
            initial[f"{side}_organisation"] = pk
    source_key = str(params.get("source_key", ""))[:80]
    document_id = str(params.get("document_id", ""))[:40]
    try:
        score = float(str(params.get("score", ""))[:40] or 0)
        validate_suggestion_link(source_key, document_id, score)
    except (ValueError, IntroductionError):
        return _with_contacts(initial)
    initial.update(source_key=source_key, document_id=document_id, score=score)
    prefix, _sep, key_pk = source_key.partition(":")
    asking = Organisation.objects.filter(pk=_pk(key_pk) or 0) if prefix == "o" else None
    if asking is not None and "first_organisation" not in initial and asking.exists():
        initial["first_organisation"] = _pk(key_pk)
    if prefix == "p":
        profile = CooperationProfile.objects.filter(pk=_pk(key_pk) or 0).first()
        if profile is not None:
            initial.setdefault("first_organisation", profile.organisation_id)
            initial["topic"] = profile.title
    return _with_contacts(initial)


def _with_contacts(initial: dict[str, Any]) -> dict[str, Any]:
    """Each chosen organisation's main contact, preselected."""
    for side in SIDES:
        pk = initial.get(f"{side}_organisation")
        if pk and not initial.get(f"{side}_person"):
            person = main_contact(Organisation(pk=pk))
            initial[f"{side}_person"] = person.pk if person else None
    return initial


class OutcomeForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """What came of an introduction; only the moves allowed from its status are offered."""

    status = forms.ChoiceField(label=_("Outcome"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("For example when they met, or why it did not work out."),
    )
    version_required = True

    def __init__(self, *args: Any, introduction: Introduction, **kwargs: Any) -> None:
        self.introduction = introduction
        super().__init__(*args, **kwargs)
        labels = dict(IntroductionStatus.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in manual_moves(introduction)]

    def versioned_record(self) -> Introduction:
        return self.introduction


class RequestCloseForm(StyledFormMixin, forms.Form):
    """The office closes a member's request without an introduction, saying why."""

    note = forms.CharField(
        label=_("Why is the request closed?"),
        max_length=NOTE_MAX_LENGTH,
        help_text=_("For example: already in touch, or the profile has been filled."),
    )


class RequestForm(forms.Form):
    """A member's optional words to the office with "I am interested"."""

    message = forms.CharField(required=False, max_length=MESSAGE_MAX_LENGTH)


SORTS = {
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
    "topic": ("topic", "pk"),
    "-topic": ("-topic", "-pk"),
    "status": ("status", "pk"),
    "-status": ("-status", "-pk"),
    "introduced": ("introduced_on", "pk"),
    "-introduced": ("-introduced_on", "-pk"),
}
