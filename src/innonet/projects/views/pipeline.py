"""The pipeline pages: list with export, board, a project's page, create and
edit, stage moves. Everything a user reaches is scoped by `policies.visible_projects`, so a
confidential project never shows up where it may not. Views parse input, call one service or
query, and render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import View

from innonet.core import permissions
from innonet.core.collation import german_text
from innonet.core.errors import DomainError
from innonet.core.filters import page_filters
from innonet.core.forms import form_error, style_filter_form
from innonet.core.ratelimit import rate_limited
from innonet.core.versioning import ConflictError
from innonet.core.versioning.forms import differences
from innonet.core.views.mixins import ReadersRequiredMixin, SignedInMixin
from innonet.core.views.sorting import sort_key, sort_queryset
from innonet.events.models import Event
from innonet.matching.models import CooperationProfile, Introduction
from innonet.partners.models import Interaction

from .. import exports, services
from ..filters import BOARD_FILTERS, ProjectFilterSet
from ..forms.projects import ProjectForm, ProjectMoveForm, is_db_id
from ..models import InnovationProject, ProjectPartner
from ..models.projects import STAGE_CHOICES
from ..policies import visible_projects
from ..rules import Stage
from .common import project_to_change
from .detail import ProjectDetailView, stage_moves

__all__ = [
    "ProjectBoardView",
    "ProjectDetailView",
    "ProjectExportView",
    "ProjectFormView",
    "ProjectListView",
    "ProjectMoveView",
]

PAGE_SIZE = 25
BOARD_CARDS_PER_STAGE = 12
STAGE_LABELS = dict(STAGE_CHOICES)
SORT_COLUMNS = {
    "title": (german_text("title"), "pk"),
    "stage": ("stage", german_text("title"), "pk"),
    "owner": (german_text("owner__full_name"), "owner__email", german_text("title"), "pk"),
    "due": ("next_step_due", german_text("title"), "pk"),
    "changed": ("updated_at", "pk"),
}
DEFAULT_SORT = "-changed"


def _partner_count() -> Subquery:
    partners = (
        ProjectPartner.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(partners)


def project_list(request: HttpRequest) -> ProjectFilterSet:
    """The filter over the projects this user sees, sorted as asked."""
    queryset = visible_projects(request.user).select_related("owner", "programme")
    queryset = sort_queryset(
        queryset.annotate(partner_count=_partner_count()),
        SORT_COLUMNS,
        sort_key(request, SORT_COLUMNS, DEFAULT_SORT),
    )
    return ProjectFilterSet(request.GET or None, queryset=queryset, request=request)


class ProjectListView(SignedInMixin, View):
    """Search, filter, sort and page through the projects the user may see."""

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = project_list(request)
        style_filter_form(filterset.form)
        valid = not filterset.is_bound or filterset.is_valid()
        rows = filterset.qs if filterset.is_bound and valid else filterset.queryset
        if not valid:
            rows = rows.none()
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        sort = sort_key(request, SORT_COLUMNS, DEFAULT_SORT)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter": filterset,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "projects": page.object_list,
            "sort": sort,
            "export_query": query.urlencode(),
            "can_create": permissions.can_create(request.user, InnovationProject),
            "can_export": permissions.reads_everything(request.user),
            "today": timezone.localdate(),
        }
        return render(request, "projects/project_list.html", context)


class ProjectExportView(ReadersRequiredMixin, View):
    """The filtered list as CSV or XLSX; staff and board only, every export audited."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        filterset = project_list(request)
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponseBadRequest(
                gettext("The filter is not valid; please correct it on the list page.")
            )
        rows = filterset.qs if filterset.is_bound else filterset.queryset
        return exports.project_export(rows, fmt=fmt, acting_user=request.user).response()


# -- board -----------------------------------------------------------------------------------


def _board_cards(queryset: QuerySet) -> list[InnovationProject]:
    """At most BOARD_CARDS_PER_STAGE cards per stage (soonest next step first), in one query
    whatever the number of projects."""
    ranked = queryset.annotate(
        partner_count=_partner_count(),
        rank=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("next_step_due").asc(nulls_last=True), F("updated_at").desc()],
        ),
    ).select_related("owner", "programme")
    return list(ranked.filter(rank__lte=BOARD_CARDS_PER_STAGE).order_by("stage", "rank"))


class ProjectBoardView(SignedInMixin, View):
    """A column per stage with a card per project; staff move cards with a button or by
    dragging them (the same form, posted by a small script)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = ProjectFilterSet(
            request.GET or None, queryset=visible_projects(request.user), request=request
        )
        page_filters(filterset.form, BOARD_FILTERS)
        valid = not filterset.is_bound or filterset.is_valid()
        projects = filterset.qs if filterset.is_bound and valid else filterset.queryset
        if not valid:
            projects = projects.none()
        counts = dict(projects.order_by().values_list("stage").annotate(n=Count("pk")))
        cards: dict[str, list] = {stage: [] for stage in Stage}
        for project in _board_cards(projects):
            cards[project.stage].append(project)
        can_move = permissions.is_staff(request.user)
        columns = [
            {
                "stage": str(stage),
                "label": STAGE_LABELS[stage],
                "count": counts.get(stage, 0),
                "cards": cards[stage],
                "hidden": max(counts.get(stage, 0) - len(cards[stage]), 0),
                "moves": stage_moves(stage) if can_move else [],
            }
            for stage in Stage
        ]
        context = {
            "filter": filterset,
            "columns": columns,
            "can_move": can_move,
            "next_url": request.get_full_path(),
            "today": timezone.localdate(),
        }
        return render(request, "projects/board.html", context)


# -- create, edit, move ----------------------------------------------------------------------


def _visible_pk(request: HttpRequest, name: str, queryset: QuerySet) -> Any:
    """The row `?<name>=<id>` names if the user may see it, else None."""
    value = request.GET.get(name, "")
    if not is_db_id(value):
        return None
    return permissions.visible(request.user, queryset).filter(pk=value).first()


def _origin_initial(request: HttpRequest) -> dict[str, Any]:
    """`?origin_interaction=`, `?origin_event=`, `?origin_introduction=` or `?origin_profile=`
    with an id: prefill title and origin from a contact, an event, an introduction (whose two
    organisations are named in a hint) or a cooperation profile the user may see; anything
    else is ignored."""
    interaction = _visible_pk(request, "origin_interaction", Interaction.objects.all())
    if interaction is not None:
        return {"origin_interaction": interaction.pk, "title": interaction.topic}
    event = _visible_pk(request, "origin_event", Event.objects.all())
    if event is not None:
        return {"origin_event": event.pk, "title": event.title}
    introduction = _visible_pk(
        request,
        "origin_introduction",
        Introduction.objects.select_related("first_organisation", "second_organisation"),
    )
    if introduction is not None:
        messages.info(
            request,
            gettext(
                "The introduction brought together %(first)s and %(second)s; add them as "
                "partners once the idea is saved."
            )
            % {
                "first": introduction.first_organisation.name,
                "second": introduction.second_organisation.name,
            },
        )
        return {"origin_introduction": introduction.pk, "title": introduction.topic}
    profile = _visible_pk(request, "origin_profile", CooperationProfile.objects.all())
    if profile is not None:
        return {"origin_profile": profile.pk, "title": profile.title}
    return {}


class ProjectFormView(SignedInMixin, View):
    """Create a project (as an idea) or edit one, with optimistic locking on edits."""

    template_name = "projects/project_form.html"

    def get_project(self) -> InnovationProject | None:
        if "pk" in self.kwargs:
            return project_to_change(self.request, self.kwargs["pk"])
        if not permissions.can_create(self.request.user, InnovationProject):
            raise PermissionDenied
        return None

    def render_form(self, form: ProjectForm, project: Any, **extra: Any) -> HttpResponse:
        context = {"form": form, "project": project, **extra}
        status = 409 if "conflict" in extra else 200
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        project = self.get_project()
        initial = None
        if project is None:
            initial = {"owner": request.user.pk, **_origin_initial(request)}
        form = ProjectForm(instance=project, initial=initial, user=request.user)
        return self.render_form(form, project)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        project = self.get_project()
        form = ProjectForm(request.POST, instance=project, user=request.user)
        if not form.is_valid():
            return self.render_form(form, project)
        try:
            if project is None:
                data = form.data_for_service()
                if data.get("owner") is None:
                    data.pop("owner", None)  # the staff member creating it owns it
                saved = services.project_create(data=data, acting_user=request.user)
            else:
                saved = services.project_update(
                    project,
                    data=form.data_for_service(),
                    expected_version=form.cleaned_data.get("version"),
                    acting_user=request.user,
                )
        except ConflictError as error:
            current = error.current
            return self.render_form(
                ProjectForm(instance=current, user=request.user),
                current,
                conflict=error.message,
                differences=differences(form, current),
            )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, project)
        messages.success(request, gettext("“%(title)s” was saved.") % {"title": saved.title})
        return redirect("projects:project_detail", pk=saved.pk)


def _back(request: HttpRequest, project: InnovationProject) -> str:
    """Where a move returns to: `next` if it is a page of this site, else the project."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("projects:project_detail", kwargs={"pk": project.pk})


class ProjectMoveView(SignedInMixin, View):
    """POST: move a project to another stage (from its page or the board). Illegal jumps,
    missing reasons, failed gates and stale versions come back as messages."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = project_to_change(request, pk)
        form = ProjectMoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Please choose a valid stage."))
            return HttpResponseRedirect(_back(request, project))
        data = form.cleaned_data
        try:
            moved = services.project_move(
                project,
                to_stage=data["to_stage"],
                reason=data["reason"],
                force=data["force"],
                expected_version=data["version"],
                acting_user=request.user,
            )
        except ConflictError as error:
            current = error.current
            messages.error(
                request,
                f"{error.message} "
                + gettext("It is now at the stage “%(stage)s”.")
                % {"stage": current.get_stage_display()},
            )
        except DomainError as error:
            messages.error(
                request,
                gettext("“%(title)s” was not moved: %(reason)s")
                % {"title": project.title, "reason": error.message},
            )
        else:
            messages.success(
                request,
                gettext("“%(title)s” is now at the stage “%(stage)s”.")
                % {"title": moved.title, "stage": moved.get_stage_display()},
            )
        return HttpResponseRedirect(_back(request, project))
