"""The API's part of a person's export and erasure: stored answers to repeated writes (kept a
day) that belong to the person's account or name them. Erasure deletes them: they are only a
replay cache, and a retry after the erasure must not bring the person's data back."""

from django.db.models import Q
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import Erasure, Identity, Section

from .models import IdempotencyKey

KEYS = ("method", "path", "status_code", "created_at")


def _answers(identity: Identity):
    named = privacy.mentioning(IdempotencyKey.objects.all(), ["response_body"], identity)
    found = Q(user_id__in=identity.user_ids) | Q(pk__in=named.values("pk"))
    return IdempotencyKey.objects.filter(found).order_by("created_at", "pk")


@privacy.contributor
class ApiData(privacy.Contributor):
    """Stored API answers of the person's account or naming the person."""

    name = "api"
    order = 60
    fields = {"api.IdempotencyKey.response_body": Erasure.REMOVED}

    def collect(self, identity: Identity) -> list[Section]:
        labels = privacy.field_labels(IdempotencyKey, *KEYS, "response_body")
        rows = [
            privacy.row(
                answer,
                **{key: getattr(answer, key) for key in KEYS},
                response_body=answer.response_body,
            )
            for answer in _answers(identity)
        ]
        return [Section("api_answers", _("Stored answers of the API"), labels, rows)]

    def erase(self, identity: Identity) -> dict[str, int]:
        return {"api_answers": _answers(identity).delete()[0]}
