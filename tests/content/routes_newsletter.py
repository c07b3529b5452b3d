"""Route x role rows for the newsletter: the public sign-up and the signed links (the token
decides, not the role; a tampered token answers 400 for everyone) and the office's pages."""

from innonet.content.models import IssueStatus, SubscriptionStatus
from innonet.content.newsletter import links
from tests.access import LOGIN, PUBLIC, STAFF_ONLY, Route, expect, same
from tests.content.newsletter_factories import IssueFactory, SubscriptionFactory

STAFF_REDIRECT = expect(LOGIN, 403, 403, 403, 403, 302)
TAMPERED = {"token": "eyJzIjoxfQ:tampered:signature"}


def objects(objs):
    pending = SubscriptionFactory(status=SubscriptionStatus.PENDING, confirmed_at=None)
    active = SubscriptionFactory()
    return {
        "nl_subscription": active,
        "nl_confirm": links.make_token(pending, links.CONFIRM),
        "nl_manage": links.make_token(active, links.MANAGE),
        "nl_draft": IssueFactory(),
        "nl_sent": IssueFactory(status=IssueStatus.SENT),
    }


def _token(key):
    return lambda objs: {"token": objs[key]}


def _pk(key):
    return lambda objs: {"pk": objs[key].pk}


def _subscribe(objs):
    return {"email": "neu@beispiel.de", "language": "de", "consent": "on"}


def _preferences(objs):
    return {"name": "Leserin", "language": "en", "topics": ["news"]}


def _issue(objs):
    return {"subject": "Neuigkeiten aus dem Netzwerk", "introduction": "Hallo"}


ROUTES = [
    Route("content:subscription_create", PUBLIC),
    Route("content:subscription_create", same(302), method="POST", data=_subscribe),
    Route("content:subscription_requested", PUBLIC),
    Route("content:subscription_confirm", PUBLIC, kwargs=_token("nl_confirm")),
    Route("content:subscription_confirm", PUBLIC, method="POST", kwargs=_token("nl_confirm")),
    Route("content:subscription_confirm", same(400), kwargs=lambda objs: TAMPERED),
    Route(
        "content:subscription_confirm",
        same(400),
        method="POST",
        kwargs=_token("nl_manage"),
        note="a manage link does not confirm",
    ),
    Route("content:subscription_manage", PUBLIC, kwargs=_token("nl_manage")),
    Route(
        "content:subscription_manage",
        PUBLIC,
        method="POST",
        kwargs=_token("nl_manage"),
        data=_preferences,
    ),
    Route("content:subscription_manage", same(400), kwargs=lambda objs: TAMPERED),
    Route("content:subscription_unsubscribe", PUBLIC, kwargs=_token("nl_manage")),
    Route("content:subscription_unsubscribe", PUBLIC, method="POST", kwargs=_token("nl_manage")),
    Route(
        "content:subscription_unsubscribe",
        same(400),
        method="POST",
        kwargs=lambda objs: TAMPERED,
        data=lambda objs: {"List-Unsubscribe": "One-Click"},
    ),
    Route("content:subscription_list", STAFF_ONLY),
    Route("content:subscription_detail", STAFF_ONLY, kwargs=_pk("nl_subscription")),
    Route(
        "content:subscription_detail",
        STAFF_REDIRECT,
        method="POST",
        kwargs=_pk("nl_subscription"),
    ),
    Route("content:issue_list", STAFF_ONLY),
    Route("content:issue_create", STAFF_ONLY),
    Route("content:issue_create", STAFF_REDIRECT, method="POST", data=_issue),
    Route("content:issue_recipient_count", STAFF_ONLY),
    Route("content:issue_detail", STAFF_ONLY, kwargs=_pk("nl_draft")),
    Route("content:issue_update", STAFF_ONLY, kwargs=_pk("nl_draft")),
    Route("content:issue_update", STAFF_REDIRECT, kwargs=_pk("nl_sent"), note="sent: read only"),
    Route(
        "content:issue_update", STAFF_REDIRECT, method="POST", kwargs=_pk("nl_draft"), data=_issue
    ),
    Route("content:issue_progress", STAFF_ONLY, kwargs=_pk("nl_sent")),
    Route("content:issue_preview", STAFF_ONLY, kwargs=_pk("nl_draft")),
    Route("content:issue_test_send", STAFF_REDIRECT, method="POST", kwargs=_pk("nl_draft")),
    Route("content:issue_schedule", STAFF_REDIRECT, method="POST", kwargs=_pk("nl_draft")),
    Route("content:issue_unschedule", STAFF_REDIRECT, method="POST", kwargs=_pk("nl_draft")),
]
