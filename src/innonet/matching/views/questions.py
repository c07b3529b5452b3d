"""The questions as pages: who can help with an idea, a consortium for it, who fits a
cooperation profile, whom an organisation should meet and whom to invite to an event; and the
office's good/bad ratings of the answers.

Every question is rate-limited per user. The answers come from `innonet.matching.queries`,
which also keeps out what the user may not see; views only parse, ask and render.
"""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import SignedInMixin, StaffRequiredMixin, get_visible_or_404
from innonet.events.models import Event
from innonet.partners.models import Organisation

from .. import queries
from ..forms.questions import ConsortiumForm, IdeaForm, RateForm
from ..models import CooperationProfile, Question, Rating
from ..services.suggestions import rate


def _prepare(matches: list[queries.Match]) -> list[queries.Match]:
    """The reasons as JSON for the rating forms (the office keeps why a match was made)."""
    for match in matches:
        match.reasons_json = json.dumps(match.reasons.as_dict(), ensure_ascii=False)
    return matches


def _rating(request: HttpRequest, question: str, source_key: str, **sources: Any) -> dict:
    """What every rating form of one answer posts besides the match itself."""
    return {
        "question": question,
        "source_key": source_key,
        "next": request.get_full_path(),
        **{name: getattr(obj, "pk", "") for name, obj in sources.items()},
    }


RATE_BUTTONS = (
    (Rating.GOOD, _("Good match"), "success"),
    (Rating.BAD, _("Bad match"), "danger"),
)


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    context.setdefault("can_rate", permissions.is_staff(request.user))
    context.setdefault("rate_buttons", RATE_BUTTONS)
    context.setdefault("is_member", permissions.role_of(request.user) == permissions.MEMBER)
    return render(request, template, context)


def _bound(request: HttpRequest, form_class: type) -> bool:
    return any(name in request.GET for name in form_class.base_fields)


@method_decorator(rate_limited("matching"), name="get")
class IdeaView(SignedInMixin, View):
    """GET: the idea form and, once asked, who can help (bookmarkable)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not _bound(request, IdeaForm):
            return _page(request, "matching/question_idea.html", form=IdeaForm())
        data = request.GET.copy()
        data.setdefault("limit", str(queries.DEFAULT_LIMIT))
        form = IdeaForm(data)
        answer = None
        if form.is_valid():
            data = form.cleaned_data
            answer = queries.who_can_help(
                request.user,
                **form.question(),
                partner_sought=data.get("partner_sought") or "",
                limit=data.get("limit") or queries.DEFAULT_LIMIT,
                partner_networks=bool(data.get("partner_networks")),
            )
            _prepare(answer.matches)
        rating = _rating(request, Question.IDEA, answer.source_key if answer else "")
        if answer is not None:
            rating["query_text"] = form.cleaned_data.get("text", "")
        return _page(
            request, "matching/question_idea.html", form=form, answer=answer, rating=rating
        )


@method_decorator(rate_limited("consortium", methods=("POST",)), name="post")
class ConsortiumView(SignedInMixin, View):
    """GET: the form; POST: a proposed consortium, or why none fits the constraints. POST
    because the idea, the size rules and two lists of organisations make a long request."""

    template_name = "matching/question_consortium.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _page(request, self.template_name, form=ConsortiumForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ConsortiumForm(request.POST, user=request.user)
        if not form.is_valid():
            return _page(request, self.template_name, form=form)
        constraints = form.question()
        answer = queries.consortium(request.user, **constraints)
        offered = [member.organisation for member in answer.members]
        # Offer the proposed members in the lists, to require or exclude them next time.
        form = ConsortiumForm(request.POST, user=request.user, offered=offered)
        form.is_valid()
        return _page(request, self.template_name, form=form, answer=answer, constraints=constraints)


@method_decorator(rate_limited("matching"), name="get")
class ProfileMatchesView(SignedInMixin, View):
    """Who fits a cooperation profile: organisations and counterpart profiles. For the office,
    the board and the profile's own organisation; others who see the profile get 403."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = CooperationProfile.objects.select_related("organisation")
        profile = get_visible_or_404(request.user, queryset, pk=pk)
        user = request.user
        own = (
            permissions.role_of(user) == permissions.MEMBER
            and user.organisation_id == profile.organisation_id
        )
        if not (own or permissions.reads_everything(user)):
            raise PermissionDenied
        answer, counterparts = queries.who_fits_profile(user, profile)
        rating = _rating(
            request,
            Question.PROFILE,
            answer.source_key,
            source_profile=profile,
            source_organisation=profile.organisation,
        )
        return _page(
            request,
            "matching/question_profile.html",
            profile=profile,
            answer=answer,
            matches=_prepare(answer.matches),
            counterparts=_prepare(counterparts),
            asking=profile.organisation,
            rating=rating,
        )


@method_decorator(rate_limited("matching"), name="get")
class OrganisationMatchesView(SignedInMixin, View):
    """Whom an organisation should meet: for the office, the board and its own members."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        queryset = Organisation.objects.prefetch_related("competences", "ris3_fields")
        organisation = get_visible_or_404(user, queryset, pk=pk)
        own = permissions.role_of(user) == permissions.MEMBER and user.organisation_id == pk
        if not (own or permissions.reads_everything(user)):
            raise PermissionDenied
        answer = queries.whom_to_meet(user, organisation)
        rating = _rating(
            request, Question.ORGANISATION, answer.source_key, source_organisation=organisation
        )
        return _page(
            request,
            "matching/question_organisation.html",
            organisation=organisation,
            answer=answer,
            matches=_prepare(answer.matches),
            asking=organisation,
            rating=rating,
        )


@method_decorator(rate_limited("matching"), name="get")
class EventMatchesView(SignedInMixin, View):
    """Whom to invite to an event: for whoever runs the event (the office, its networks)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = Event.objects.prefetch_related("competences", "ris3_fields")
        event = get_visible_or_404(request.user, queryset, pk=pk)
        if not permissions.can_change(request.user, event):
            raise PermissionDenied
        answer = queries.whom_to_invite(request.user, event)
        rating = _rating(request, Question.EVENT, answer.source_key, source_event=event)
        return _page(
            request,
            "matching/question_event.html",
            event=event,
            answer=answer,
            matches=_prepare(answer.matches),
            rating=rating,
        )


def _back(request: HttpRequest) -> str:
    """`next` if it is a page of this site, else the idea page."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("matching:idea")


class RateView(StaffRequiredMixin, View):
    """POST: the office rates a suggestion good or bad (or clears the rating); back to the
    answer, where the next question with the same key already uses it."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RateForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("The rating could not be saved: %(errors)s") % {
                "errors": " ".join(str(e) for errors in form.errors.values() for e in errors)
            })  # fmt: skip
            return redirect(_back(request))
        try:
            rate(request.user, **form.service_arguments())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, gettext("The rating was saved."))
        return redirect(_back(request))


__all__ = [
    "ConsortiumView",
    "EventMatchesView",
    "IdeaView",
    "OrganisationMatchesView",
    "ProfileMatchesView",
    "RateView",
]
