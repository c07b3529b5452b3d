"""Route x role rows for the signed links in participants' mails: the token decides, not the
role; a tampered token answers 400 for everyone."""

from datetime import timedelta

from django.utils import timezone

from innonet.events import links
from innonet.events.models import EventStatus, RegistrationStatus
from tests.access import Route, same
from tests.factories import EventFactory, RegistrationFactory


def objects(objs):
    unconfirmed = RegistrationFactory(
        event=EventFactory(), status=RegistrationStatus.UNCONFIRMED, confirmed_at=None
    )
    started = timezone.now() - timedelta(days=2)
    past = EventFactory(
        status=EventStatus.FINISHED, starts_at=started, ends_at=started + timedelta(hours=2)
    )
    attendee = RegistrationFactory(event=past)
    return {
        "ln_confirm": links.make_token(unconfirmed, links.CONFIRM),
        "ln_cancel": links.make_token(unconfirmed, links.CANCEL),
        "ln_feedback": links.make_token(attendee, links.FEEDBACK),
    }


def _token(key):
    return lambda objs: {"token": objs[key]}


TAMPERED = {"token": "eyJyIjoxfQ:tampered:signature"}

ROUTES = [
    Route("events:registration_confirm", same(200), kwargs=_token("ln_confirm")),
    Route("events:registration_confirm", same(200), method="POST", kwargs=_token("ln_confirm")),
    Route("events:registration_confirm", same(400), kwargs=lambda objs: TAMPERED),
    Route(
        "events:registration_confirm",
        same(400),
        method="POST",
        kwargs=lambda objs: {"token": objs["ln_cancel"]},
        note="a cancel link does not confirm",
    ),
    Route("events:registration_cancel", same(200), kwargs=_token("ln_cancel")),
    Route("events:registration_cancel", same(200), method="POST", kwargs=_token("ln_cancel")),
    Route("events:registration_cancel", same(400), kwargs=lambda objs: TAMPERED),
    Route("events:feedback", same(200), kwargs=_token("ln_feedback")),
    Route(
        "events:feedback",
        same(200),
        method="POST",
        kwargs=_token("ln_feedback"),
        data=lambda objs: {"rating": "4", "comment": "Sehr hilfreich"},
    ),
    Route("events:feedback", same(400), kwargs=lambda objs: TAMPERED),
]
