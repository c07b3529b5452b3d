"""Taxonomy pages: the board reads them, network staff create, edit, retire and reactivate terms."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views import View
from django_filters.views import FilterView

from innonet.core import filters, permissions, services
from innonet.core.errors import DomainError
from innonet.core.forms import (
    CompetenceForm,
    CountryForm,
    DistrictForm,
    Ris3FieldForm,
    form_error,
)
from innonet.core.models import Competence, Country, District, Ris3Field

from ..collation import german_order
from .mixins import ReadersRequiredMixin, StaffRequiredMixin, get_visible_or_404


@dataclass(frozen=True)
class TaxonomyKind:
    """One editable taxonomy: its URL segment, model, form, FilterSet and list columns."""

    slug: str
    model: type[models.Model]
    form_class: type[forms.ModelForm]
    filterset_class: type[django_filters.FilterSet]
    columns: tuple[str, ...]
    related: tuple[str, ...] = ()
    sort_fields: tuple[str, ...] = ("name",)

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def singular(self) -> str:
        return str(self.model._meta.verbose_name)

    def column_labels(self) -> list[str]:
        return [str(self.model._meta.get_field(name).verbose_name) for name in self.columns]


KINDS: dict[str, TaxonomyKind] = {
    kind.slug: kind
    for kind in (
        TaxonomyKind(
            "ris3-fields",
            Ris3Field,
            Ris3FieldForm,
            filters.Ris3FieldFilterSet,
            columns=("description",),
        ),
        TaxonomyKind(
            "competences",
            Competence,
            CompetenceForm,
            filters.CompetenceFilterSet,
            columns=("parent", "synonyms"),
            related=("parent",),
        ),
        TaxonomyKind(
            "districts",
            District,
            DistrictForm,
            filters.DistrictFilterSet,
            columns=("state", "area", "official_key"),
        ),
        TaxonomyKind(
            "countries",
            Country,
            CountryForm,
            filters.CountryFilterSet,
            columns=("code", "name_en", "is_eu"),
            sort_fields=("name", "code"),
        ),
    )
}


def _cell(term: models.Model, name: str) -> str:
    """A list cell as plain text (the template escapes it)."""
    field = term._meta.get_field(name)
    value = getattr(term, name)
    if field.choices:
        return str(getattr(term, f"get_{name}_display")())
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if name == "synonyms":
        return ", ".join(term.synonym_list)
    return "" if value is None else str(value)


class TaxonomyKindMixin:
    """Resolves the `kind` URL segment; the URL converter already limits it to KINDS."""

    kind: TaxonomyKind

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        kind = KINDS.get(kwargs.get("kind", ""))
        if kind is None:
            raise Http404
        self.kind = kind

    def list_url(self) -> str:
        return reverse("core:taxonomy_list", kwargs={"kind": self.kind.slug})


class TaxonomyIndexView(ReadersRequiredMixin, View):
    """The four taxonomies with how many terms each holds and how many are in use."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = []
        for kind in KINDS.values():
            counts = kind.model.objects.aggregate(
                total=Count("pk"), active=Count("pk", filter=Q(is_active=True))
            )
            rows.append({"kind": kind, **counts})
        return render(request, "core/taxonomy_index.html", {"rows": rows})


class TaxonomyListView(ReadersRequiredMixin, TaxonomyKindMixin, FilterView):
    """Searchable, filterable, sortable and paginated list of one taxonomy."""

    paginate_by = 25
    template_name = "core/taxonomy_list.html"

    def get_filterset_class(self) -> type[django_filters.FilterSet]:
        return self.kind.filterset_class

    def sort_key(self) -> str:
        requested = self.request.GET.get("sort", "")
        allowed = {*self.kind.sort_fields, *(f"-{f}" for f in self.kind.sort_fields)}
        return requested if requested in allowed else "name"

    def get_queryset(self) -> models.QuerySet:
        queryset = self.kind.model.objects.select_related(*self.kind.related)
        sort = self.sort_key()
        ordering = german_order(sort) if sort.lstrip("-") == "name" else sort
        return permissions.visible(self.request.user, queryset).order_by(ordering, "pk")

    def get_filterset(self, filterset_class: type) -> django_filters.FilterSet:
        filterset = super().get_filterset(filterset_class)
        filterset.form.order_fields(["q", "is_active"])
        filterset.form.fields["is_active"].widget.choices = [
            ("unknown", gettext("all")),
            ("true", gettext("in use")),
            ("false", gettext("retired")),
        ]
        for field in filterset.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sort = self.sort_key()
        context.update(
            kind=self.kind,
            sort=sort,
            column_labels=self.kind.column_labels(),
            rows=[
                (term, [_cell(term, c) for c in self.kind.columns])
                for term in context["object_list"]
            ],
            can_edit=permissions.can_create(self.request.user, self.kind.model),
        )
        return context


class TaxonomyFormView(StaffRequiredMixin, TaxonomyKindMixin, View):
    """Create (no pk) or edit a term; the service validates and writes, errors go to the form."""

    template_name = "core/taxonomy_form.html"

    def get_term(self) -> models.Model | None:
        if "pk" not in self.kwargs:
            if not permissions.can_create(self.request.user, self.kind.model):
                raise PermissionDenied
            return None
        term = get_visible_or_404(
            self.request.user, self.kind.model.objects.all(), pk=self.kwargs["pk"]
        )
        if not permissions.can_change(self.request.user, term):
            raise PermissionDenied
        return term

    def render_form(self, form: forms.ModelForm, term: models.Model | None) -> HttpResponse:
        context = {"kind": self.kind, "form": form, "term": term, "list_url": self.list_url()}
        return render(self.request, self.template_name, context, status=200)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        term = self.get_term()
        return self.render_form(self.kind.form_class(instance=term), term)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        term = self.get_term()
        form = self.kind.form_class(request.POST, instance=term)
        if form.is_valid():
            saved = self._save(form, term)
            if saved is not None:
                messages.success(request, gettext("“%(name)s” was saved.") % {"name": saved})
                return redirect(self.list_url())
        return self.render_form(form, term)

    def _save(self, form: forms.ModelForm, term: models.Model | None) -> models.Model | None:
        write: Callable[..., models.Model]
        try:
            if term is None:
                write = services.taxonomy_term_create
                return write(self.kind.model, data=form.cleaned_data, acting_user=self.request.user)
            write = services.taxonomy_term_update
            return write(term, data=form.cleaned_data, acting_user=self.request.user)
        except DomainError as error:
            form_error(form, error)
            return None


class TaxonomyToggleView(StaffRequiredMixin, TaxonomyKindMixin, View):
    """Retire (`active=0`) or reactivate (`active=1`) a term; terms are never deleted here."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        term = get_visible_or_404(request.user, self.kind.model.objects.all(), pk=kwargs["pk"])
        if not permissions.can_change(request.user, term):
            raise PermissionDenied
        active = request.POST.get("active")
        if active not in ("0", "1"):
            return HttpResponseBadRequest(gettext("Please choose retire or reactivate."))
        term = services.taxonomy_term_set_active(
            term, active=active == "1", acting_user=request.user
        )
        if term.is_active:
            message = gettext("“%(name)s” is in use again.")
        else:
            message = gettext("“%(name)s” was retired; records that use it keep it.")
        messages.success(request, message % {"name": term})
        return redirect(self.list_url())
