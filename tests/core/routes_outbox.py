"""Route x role rows for the outbox pages: staff only (with two-factor, like every page with
other people's data); sending again and (un)blocking only by POST."""

from innonet.core.models import MailStatus
from tests.access import LOGIN, STAFF_ONLY, Route, expect
from tests.factories import OutgoingMailFactory, SuppressedAddressFactory

POSTED = expect(LOGIN, 403, 403, 403, 403, 302)
GET_NOT_ALLOWED = expect(LOGIN, 403, 403, 403, 403, 405)


def objects(objs):
    return {
        "failed_mail": OutgoingMailFactory(status=MailStatus.FAILED, last_error="554 rejected"),
        "blocked_address": SuppressedAddressFactory(),
    }


def _mail(objs):
    return {"pk": objs["failed_mail"].pk}


def _blocked(objs):
    return {"pk": objs["blocked_address"].pk}


ROUTES = [
    Route("core:outbox_list", STAFF_ONLY),
    Route("core:outbox_detail", STAFF_ONLY, kwargs=_mail),
    Route("core:outbox_retry", POSTED, method="POST", kwargs=_mail),
    Route("core:outbox_retry", GET_NOT_ALLOWED, kwargs=_mail, note="changes data: POST only"),
    Route("core:suppressed_list", STAFF_ONLY),
    Route(
        "core:suppressed_list",
        POSTED,
        method="POST",
        data=lambda objs: {"address": "neu-gesperrt@beispiel.de", "reason": "Rückläufer"},
    ),
    Route("core:suppressed_delete", POSTED, method="POST", kwargs=_blocked),
    Route("core:suppressed_delete", GET_NOT_ALLOWED, kwargs=_blocked, note="POST only"),
]
