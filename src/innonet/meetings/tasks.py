"""Background work of the meeting marketplace: building the plan."""

from typing import Any

from django.utils.translation import gettext

from innonet.core.tasking import on_interrupted, retrying

from .models import Marketplace, PlanState
from .services.plan import plan_build


# Building is safe to repeat (it reads the requests afresh and keeps what is placed), so a run
# whose worker died runs again; its own errors are shown on the page and not retried.
@retrying(retry_on=())
def build_plan(*, marketplace_id: int, keep_existing: bool = True) -> int:
    try:
        result = plan_build(marketplace_id, keep_existing=keep_existing)
    except Exception as error:
        Marketplace.objects.filter(pk=marketplace_id).update(
            plan_state=PlanState.FAILED, plan_message=str(error)[:500]
        )
        raise
    return result.placed + result.kept


@on_interrupted(build_plan)
def release_plan(kwargs: dict[str, Any], *, retried: bool) -> None:
    """The last allowed run lost its worker: the page offers the button again."""
    if not retried:
        Marketplace.objects.filter(pk=kwargs.get("marketplace_id")).update(
            plan_state=PlanState.FAILED,
            plan_message=gettext("The background worker stopped while building the plan."),
        )
