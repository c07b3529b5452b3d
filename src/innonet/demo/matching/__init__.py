"""Demo matchmaking: about thirty cooperation profiles of the demo organisations, staff-rated
suggestions, and a dozen introductions with their outcome histories, three of which led to
demo projects (two more projects started from a profile).

Everything derives from the seed and the day. Profiles are saved one by one (their search text
and index documents come from `save`); histories, suggestions and contact-log entries are
written in bulk with the dates the services would have recorded.
"""

from datetime import date
from typing import Any

from innonet.matching.models import CooperationProfile

from ..matching_texts import PROFILES
from .introductions import (
    _link_profile_projects,
    _project_plans,
    _suggested_plans,
    _write_introductions,
)
from .profiles import Context, _profile, _suggestions

__all__ = ["write_matching"]


def write_matching(*, seed: int, today: date, staff: Any) -> dict:
    """Profiles, rated suggestions and introductions; nothing when profiles exist already."""
    if CooperationProfile.objects.exists():
        return {"profiles": CooperationProfile.objects.count()}
    ctx = Context.load(seed=seed, today=today, staff=staff)
    profiles = [p for item in PROFILES if (p := _profile(ctx, item)) is not None]
    suggestions = _suggestions(ctx, profiles)
    plans = _project_plans(ctx) + _suggested_plans(ctx, suggestions)
    introductions = _write_introductions(ctx, plans)
    from_introductions = sum(1 for plan in plans if plan.project is not None)
    return {
        "profiles": len(profiles),
        "suggestions": len(suggestions),
        "introductions": len(introductions),
        "projects_from_matchmaking": from_introductions + _link_profile_projects(profiles, today),
    }
