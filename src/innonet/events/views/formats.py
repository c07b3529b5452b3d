"""The format catalogue: list with figures, detail, create and edit, adopt a partner's shared
format, and start a new event from a format. Views parse input, call a service, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views import View

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404
from innonet.networks import queries as network_queries
from innonet.networks.models import Network, Share

from .. import services
from ..filters import FormatFilterSet
from ..forms.formats import EventFromFormatForm, FormatAdoptForm, FormatForm
from ..models import Event, Format
from ..policies import manager_network
from ..queries import format_figures


def _network_param(request: HttpRequest) -> int | None:
    value = request.GET.get("network", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


class FormatListView(SignedInMixin, View):
    """All formats in use, by network, with how often each ran, participants and rating."""

    def get(self, request: HttpRequest) -> HttpResponse:
        formats = permissions.visible(request.user, Format.objects.active())
        filterset = FormatFilterSet(request.GET or None, queryset=formats, request=request)
        if filterset.is_bound and filterset.is_valid():
            formats = filterset.qs
        network = _network_param(request)
        figures = format_figures(formats)
        formats = formats.select_related("network", "adopted_from__network").annotate(
            adoption_count=Count("adoptions")
        )
        listed = list(formats.order_by(german_order("network__name"), german_order("name"), "pk"))
        groups: dict[Network, list[tuple[Format, Any]]] = {}
        for format in listed:
            groups.setdefault(format.network, []).append((format, figures.get(format.pk)))
        same_name = _same_names(listed)
        for format in listed:
            format.same_name_networks = [
                network for network in same_name.get(format.name.casefold(), [])
                if network != format.network
            ]  # fmt: skip
        context = {
            "groups": list(groups.items()),
            "duplicate_names": sorted(
                {format.name for format in listed if format.same_name_networks}, key=str.casefold
            ),
            "networks": Network.objects.filter(formats__is_active=True).distinct(),
            "network": network,
            "can_create": permissions.can_create(request.user, Format),
        }
        return render(request, "events/format_list.html", context)


def _same_names(formats: list[Format]) -> dict[str, list[Network]]:
    """Format names (case-insensitive) that more than one network uses, with those networks."""
    networks: dict[str, list[Network]] = {}
    for format in formats:
        networks.setdefault(format.name.casefold(), []).append(format.network)
    return {name: found for name, found in networks.items() if len(found) > 1}


def _may_adopt(user: Any, format: Format) -> bool:
    if not format.is_shared:
        return False
    if permissions.is_staff(user):
        return True
    network = manager_network(user)
    return network is not None and format.network_id in network_queries.granted(
        network, Share.FORMATS
    )


class FormatDetailView(SignedInMixin, View):
    """One format: what it is for, its checklist, the events that used it, its adoptions."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        format = get_visible_or_404(
            user, Format.objects.select_related("network", "adopted_from__network"), pk=pk
        )
        events = permissions.visible(user, Event.objects.filter(format=format))
        already = manager_network(user)
        context = {
            "format": format,
            "figures": format_figures(Format.objects.filter(pk=format.pk)).get(format.pk),
            "events": events.select_related("organiser").order_by("-starts_at")[:50],
            "adoptions": format.adoptions.select_related("network").order_by(
                german_order("network__name")
            ),
            "can_change": permissions.can_change(user, format),
            "can_create_event": permissions.can_create(user, Event),
            "may_adopt": _may_adopt(user, format),
            "already_adopted": already is not None
            and format.adoptions.filter(network_id=already).exists(),
            "adopt_form": FormatAdoptForm(format=format) if permissions.is_staff(user) else None,
        }
        return render(request, "events/format_detail.html", context)


class FormatFormView(SignedInMixin, View):
    """Create (staff, network managers) or edit (staff, the format's own network) a format."""

    template_name = "events/format_form.html"

    def get_format(self) -> Format | None:
        user = self.request.user
        if "pk" not in self.kwargs:
            if not permissions.can_create(user, Format):
                raise PermissionDenied
            return None
        format = get_visible_or_404(user, Format.objects.all(), pk=self.kwargs["pk"])
        if not permissions.can_change(user, format):
            raise PermissionDenied
        return format

    def render_form(self, form: FormatForm, format: Format | None) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "format": format})

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        format = self.get_format()
        initial = {"network": request.user.network_id} if format is None else None
        form = FormatForm(instance=format, initial=initial, user=request.user)
        return self.render_form(form, format)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        format = self.get_format()
        form = FormatForm(request.POST, instance=format, user=request.user)
        if not form.is_valid():
            return self.render_form(form, format)
        try:
            if format is None:
                saved = services.format_create(
                    data=form.data_for_service(), acting_user=request.user
                )
            else:
                fresh = Format.objects.get(pk=format.pk)
                saved = services.format_update(
                    fresh, data=form.data_for_service(), acting_user=request.user
                )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, format)
        messages.success(request, gettext("“%(name)s” was saved.") % {"name": saved.name})
        return redirect("events:format_detail", pk=saved.pk)


class FormatAdoptView(SignedInMixin, View):
    """POST: a copy of a shared format for the manager's network (staff choose the network)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        format = get_visible_or_404(user, Format.objects.all(), pk=pk)
        if permissions.is_staff(user):
            form = FormatAdoptForm(request.POST, format=format)
            if not form.is_valid():
                messages.error(request, gettext("Please choose the network that adopts it."))
                return redirect("events:format_detail", pk=format.pk)
            network = form.cleaned_data["network"]
        elif manager_network(user) is not None:
            network = user.network
        else:
            raise PermissionDenied
        try:
            copy = services.format_adopt(format, network=network, acting_user=user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("events:format_detail", pk=format.pk)
        messages.success(
            request,
            gettext("“%(name)s” is now a format of %(network)s.")
            % {"name": copy.name, "network": network.name},
        )
        return redirect("events:format_detail", pk=copy.pk)


class EventFromFormatView(SignedInMixin, View):
    """Ask for the start and the organiser, then create a draft and open it for editing."""

    template_name = "events/format_event_form.html"

    def get_format(self) -> Format:
        if not permissions.can_create(self.request.user, Event):
            raise PermissionDenied
        queryset = Format.objects.active().select_related("network")
        return get_visible_or_404(self.request.user, queryset, pk=self.kwargs["pk"])

    def render_form(self, form: EventFromFormatForm, format: Format) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "format": format})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        format = self.get_format()
        return self.render_form(EventFromFormatForm(user=request.user, format=format), format)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        format = self.get_format()
        form = EventFromFormatForm(request.POST, user=request.user, format=format)
        if not form.is_valid():
            return self.render_form(form, format)
        try:
            event = services.event_from_format(
                format,
                starts_at=form.cleaned_data["starts_at"],
                organiser=form.cleaned_data["organiser"],
                acting_user=request.user,
            )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, format)
        messages.success(
            request, gettext("A draft was created from the format. Please complete it.")
        )
        return redirect("events:event_update", pk=event.pk)
