"""Accounts' part of a person's export and erasure: a user account with one of the person's
e-mail addresses is theirs. Erasure closes it for good and leaves an anonymous, inactive row,
so what the account did (projects, notes, audit entries) keeps its author without a name."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import Erasure, Identity, Section

from .models import ApiToken, User

ACCOUNT_KEYS = ("email", "full_name", "language", "role", "date_joined", "last_login")


def _accounts(identity: Identity):
    by_address = EmailAddress.objects.filter(email__in=identity.emails).values("user_id")
    found = Q(email__in=identity.emails) | Q(pk__in=by_address) | Q(pk__in=identity.user_ids)
    return User.objects.filter(found).order_by("pk")


def _account_row(user: User) -> dict:
    addresses = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return privacy.row(
        user,
        **{key: getattr(user, key) for key in ACCOUNT_KEYS},
        is_active=user.is_active,
        organisation=user.organisation,
        addresses=sorted(addresses),
        two_factor=Authenticator.objects.filter(user=user).exists(),
        api_tokens=[str(token) for token in ApiToken.objects.filter(user=user)],
    )


def _end_sessions(user_ids: set[int]) -> int:
    """Delete the accounts' open sessions (their data names the signed-in address)."""
    ended = 0
    wanted = {str(pk) for pk in user_ids}
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) in wanted:
            session.delete()
            ended += 1
    return ended


@privacy.contributor
class AccountData(privacy.Contributor):
    """The person's user account, found by any of their e-mail addresses."""

    name = "accounts"
    order = 20
    fields = {
        "accounts.User.email": Erasure.REMOVED,
        "accounts.User.full_name": Erasure.REMOVED,
        "accounts.User.language": Erasure.KEPT,
        "accounts.User.last_login": Erasure.REMOVED,
    }

    def identify(self, identity: Identity) -> None:
        for user in _accounts(identity):
            identity.user_ids.add(user.pk)
            identity.add_email(user.email)
            first, _space, last = user.full_name.strip().rpartition(" ")
            identity.add_name(first, last)
            for address in EmailAddress.objects.filter(user=user):
                identity.add_email(address.email)
        identity.add_records(User, identity.user_ids)

    def collect(self, identity: Identity) -> list[Section]:
        labels = privacy.field_labels(User, *ACCOUNT_KEYS, "is_active", "organisation")
        labels |= {
            "addresses": _("e-mail addresses for signing in"),
            "two_factor": _("two-factor authentication"),
            "api_tokens": _("API tokens"),
        }
        users = User.objects.filter(pk__in=identity.user_ids).select_related("organisation")
        return [Section("user_account", _("User account"), labels, [*map(_account_row, users)])]

    def erase(self, identity: Identity) -> dict[str, int]:
        users = list(User.objects.filter(pk__in=identity.user_ids))
        for user in users:
            user.email = f"erased-{user.pk}@invalid"
            user.full_name = ""
            user.is_active = False
            user.last_login = None
            user.set_unusable_password()
            user.save()
        owned = {"user__in": users}
        return {
            "accounts": len(users),
            "sessions": _end_sessions(identity.user_ids),
            "addresses": EmailAddress.objects.filter(**owned).delete()[0],
            "two_factor": Authenticator.objects.filter(**owned).delete()[0],
            "api_tokens": ApiToken.objects.filter(**owned, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            ),
        }
