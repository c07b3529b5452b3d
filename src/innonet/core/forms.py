"""Form helpers: Bootstrap classes on every widget, so templates stay plain, and the fields
that several apps' forms share."""

import functools
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import choice_cache
from .errors import DomainError
from .models import Competence, Country, District, Ris3Field
from .services import normalise_country_code

# What Django and django-filter show as the empty choice of a drop-down unless told otherwise.
DASHES = "---------"


class _ChoicesInOneQuery(forms.models.ModelChoiceIterator):
    """Django reads a drop-down's rows through `iterator()`, which on PostgreSQL is a
    server-side cursor (DECLARE, FETCH, CLOSE: 1-2 ms more per drop-down, five on a list's
    filter form). Choice lists are short: one plain query reads them, and the rows of small
    reference tables are kept between requests (`core.choice_cache`)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in choice_cache.rows(self.queryset):
            yield self.choice(obj)


@functools.cache
def _in_one_query(iterator: type) -> type:
    if issubclass(iterator, _ChoicesInOneQuery):
        return iterator
    if iterator is forms.models.ModelChoiceIterator:
        return _ChoicesInOneQuery
    # A subclass (django-filter's adds a "none" choice) keeps its own steps around ours.
    return type(f"{iterator.__name__}InOneQuery", (iterator, _ChoicesInOneQuery), {})


def label_empty_choices(form: forms.BaseForm, *, in_filter: bool) -> None:
    """Give the empty choice of every drop-down a word instead of Django's dashes: "all" in a
    filter; "please choose" for a required field and "not specified" for an optional one.
    Model drop-downs read their rows in one query."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = _in_one_query(field.iterator)
            field.widget.choices = field.choices
    for field in form.fields.values():
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            continue
        if in_filter:
            label = _("all")
        elif field.required:
            label = _("please choose")
        else:
            label = _("not specified")
        if hasattr(field, "empty_label"):  # model choices and django-filter's choice fields
            if field.empty_label is not None and str(field.empty_label) == DASHES:
                field.empty_label = label
                # A form's copy of a field shares the widget's choices with the class's field.
                field.widget.choices = field.choices
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0][0] in ("", None) and str(choices[0][1]) == DASHES:
                field.choices = [(choices[0][0], label), *choices[1:]]


class StyledFormMixin:
    """Adds Bootstrap's classes to the widgets of any form, and words to empty choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_empty_choices(self, in_filter=False)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def form_error(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal as an error on the field it names, else above the whole form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def style_filter_form(form: forms.Form) -> None:
    """Bootstrap classes for the widgets of a filter form on a page (a FilterSet's `form`)."""
    label_empty_choices(form, in_filter=True)
    for field in form.fields.values():
        is_select = isinstance(field.widget, forms.Select)
        field.widget.attrs["class"] = "form-select" if is_select else "form-control"


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rejects ids that are no database integers before querying: a huge number would
    otherwise overflow the database driver (SQLite) instead of being a form error."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            text = str(pk)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:40]},
                )
        return super()._check_values(value)


class TaxonomyTermForm(StyledFormMixin, forms.ModelForm):
    """Field-level checks only; name uniqueness and the other rules live in core.services."""

    def validate_unique(self) -> None:
        """The service checks names ignoring case and reports it clearly; skip Django's check."""


class Ris3FieldForm(TaxonomyTermForm):
    class Meta:
        model = Ris3Field
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CompetenceForm(TaxonomyTermForm):
    class Meta:
        model = Competence
        fields = ["name", "parent", "synonyms", "description"]
        widgets = {
            "synonyms": forms.Textarea(attrs={"rows": 5}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active competences, plus the current parent even if it has been retired since.
        parents = Competence.objects.filter(
            models.Q(is_active=True) | models.Q(pk=self.instance.parent_id)
        )
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class DistrictForm(TaxonomyTermForm):
    class Meta:
        model = District
        fields = ["name", "state", "area", "official_key", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CountryForm(TaxonomyTermForm):
    class Meta:
        model = Country
        fields = ["code", "name", "name_en", "is_eu"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The ISO code identifies the country; it is shown but not changed.
            self.fields["code"].disabled = True

    def clean_code(self) -> str:
        try:
            return normalise_country_code(self.cleaned_data.get("code", ""))
        except DomainError as error:
            raise forms.ValidationError(error.message) from error


class DateInput(forms.DateInput):
    """The browser's date picker; it only understands ISO dates, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
