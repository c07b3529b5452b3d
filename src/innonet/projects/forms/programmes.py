"""Forms of funding programmes (with their funding rates) and calls (with their deadlines).

They validate input only; the services check names, consortium rules and deadlines, and the
view puts a DomainError on the right field."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin

from ..models import FundingCall, FundingProgramme
from ..models.programmes import PARTNER_KIND_CHOICES
from ..services import Deadline
from ..services.programmes import CALL_FIELDS, PROGRAMME_FIELDS

RATE_PREFIX = "rate_"
MAX_DEADLINES = 10


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date and time picker; values are local time in the site's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ProgrammeForm(StyledFormMixin, forms.ModelForm):
    """A programme's description, its consortium rules and a funding rate per partner kind."""

    min_partners = forms.IntegerField(
        label=_("minimum number of partners"), min_value=1, max_value=100
    )
    max_partners = forms.IntegerField(
        label=_("maximum number of partners"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    min_countries = forms.IntegerField(
        label=_("minimum number of countries"), min_value=1, max_value=50
    )

    class Meta:
        model = FundingProgramme
        fields = list(PROGRAMME_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {}
        if self.instance.pk:
            current = {rate.partner_kind: rate.rate for rate in self.instance.rates.all()}
        for kind, label in PARTNER_KIND_CHOICES:
            self.fields[RATE_PREFIX + kind] = forms.DecimalField(
                label=_("funding rate for %(kind)s (%%)") % {"kind": label},
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                initial=current.get(kind),
                help_text=_("Empty: no rate for this kind of partner."),
            )
        for field in self.fields.values():
            field.label = capfirst(field.label)
        for name, field in self.fields.items():
            if name.startswith(RATE_PREFIX):
                field.widget.attrs["class"] = "form-control"

    def _post_clean(self) -> None:
        """The service checks the model rules (and a name that exists in another case)."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS if name in self.fields}

    def rates_for_service(self) -> dict[str, Decimal | None]:
        return {
            kind: self.cleaned_data.get(RATE_PREFIX + kind) for kind, _label in PARTNER_KIND_CHOICES
        }


class CallForm(StyledFormMixin, forms.ModelForm):
    """A call's title, topics, link and opening date; the deadlines come in a formset."""

    opens_on = forms.DateField(
        label=_("opens on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = FundingCall
        fields = list(CALL_FIELDS)
        widgets = {"topics": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "topics": _("The subjects the call funds; used to find organisations and ideas.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def _post_clean(self) -> None:
        """The service validates the call."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CALL_FIELDS if name in self.fields}


class DeadlineForm(StyledFormMixin, forms.Form):
    """One dated step of a call; a row left empty is ignored."""

    label = forms.CharField(
        label=_("Deadline label"),
        max_length=120,
        required=False,
        help_text=_("e.g. outline, full proposal"),
    )
    due_at = forms.DateTimeField(label=_("Due"), required=False, widget=DateTimeLocalInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        label, due_at = data.get("label", "").strip(), data.get("due_at")
        if self.errors:
            return data
        if label and due_at is None:
            raise ValidationError(_("Give the deadline a date and time."))
        if due_at is not None and not label:
            raise ValidationError(_("Give the deadline a label."))
        return data


class BaseDeadlineFormSet(forms.BaseFormSet):
    def deadlines(self) -> list[Deadline]:
        """The filled rows, in the order given."""
        found = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("label", "").strip() and data.get("due_at") is not None:
                found.append(Deadline(data["label"].strip(), data["due_at"]))
        return found


DeadlineFormSet = forms.formset_factory(
    DeadlineForm,
    formset=BaseDeadlineFormSet,
    extra=2,
    max_num=MAX_DEADLINES,
    validate_max=True,
    absolute_max=MAX_DEADLINES,
)


def deadline_formset(call: FundingCall | None, data: Any = None) -> BaseDeadlineFormSet:
    """The deadline rows of a call (with two empty rows to add more)."""
    initial = []
    if call is not None:
        initial = [{"label": d.label, "due_at": d.due_at} for d in call.deadlines.all()]
    return DeadlineFormSet(data=data, initial=initial, prefix="deadlines")
