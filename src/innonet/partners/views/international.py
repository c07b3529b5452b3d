"""The office's international work: list, detail, record and edit international contacts and
delegation visits. Staff write, the board reads (the policy), partners never see them."""

from typing import Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View
from django_filters.views import FilterView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error, style_filter_form
from innonet.core.views.mixins import ReadersRequiredMixin, StaffRequiredMixin, get_visible_or_404

from .. import services
from ..filters.international import InternationalActivityFilterSet
from ..forms.international import InternationalActivityForm
from ..models import InternationalActivity

SORTS = {"date": ("happened_on", "pk"), "-date": ("-happened_on", "-pk")}


def _activities(user: Any) -> QuerySet:
    queryset = (
        InternationalActivity.objects.select_related("network", "staff")
        .prefetch_related("countries")
        .annotate(organisation_count=Count("organisations", distinct=True))
    )
    return permissions.visible(user, queryset)


class InternationalListView(ReadersRequiredMixin, FilterView):
    """International contacts and delegation visits, newest first; filter by kind, direction,
    country and dates."""

    filterset_class = InternationalActivityFilterSet
    paginate_by = 25
    template_name = "partners/international_list.html"

    def sort_key(self) -> str:
        sort = self.request.GET.get("sort", "")
        return sort if sort in SORTS else "-date"

    def get_queryset(self) -> QuerySet:
        return _activities(self.request.user).order_by(*SORTS[self.sort_key()])

    def get_filterset(self, filterset_class: type) -> InternationalActivityFilterSet:
        filterset = super().get_filterset(filterset_class)
        style_filter_form(filterset.form)
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            sort=self.sort_key(),
            can_create=permissions.can_create(self.request.user, InternationalActivity),
        )
        return context


class InternationalDetailView(ReadersRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        activity = get_visible_or_404(request.user, _activities(request.user), pk=pk)
        context = {
            "activity": activity,
            "organisations": activity.organisations.only("pk", "name").order_by("name"),
            "can_change": permissions.can_change(request.user, activity),
        }
        return render(request, "partners/international_detail.html", context)


class InternationalFormView(StaffRequiredMixin, View):
    """Record a new international activity (no pk) or change one."""

    def get_activity(self) -> InternationalActivity | None:
        if "pk" not in self.kwargs:
            return None
        return get_visible_or_404(
            self.request.user, InternationalActivity.objects.all(), pk=self.kwargs["pk"]
        )

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        activity = self.get_activity()
        initial = {"happened_on": timezone.localdate()} if activity is None else None
        if activity is None and request.GET.get("kind") in InternationalActivity.Kind.values:
            initial["kind"] = request.GET["kind"]
        return self.render(InternationalActivityForm(instance=activity, initial=initial), activity)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        activity = self.get_activity()
        form = InternationalActivityForm(request.POST, instance=activity)
        if form.is_valid():
            try:
                if activity is None:
                    saved = services.international_record(
                        data=form.cleaned_data, acting_user=request.user
                    )
                else:
                    saved = services.international_update(
                        activity, data=form.cleaned_data, acting_user=request.user
                    )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The international activity was saved."))
                return redirect("partners:international_detail", pk=saved.pk)
        return self.render(form, activity, status=400)

    def render(
        self, form: InternationalActivityForm, activity: InternationalActivity | None, status=200
    ) -> HttpResponse:
        context = {"form": form, "activity": activity}
        return render(self.request, "partners/international_form.html", context, status=status)
