"""Cooperation profiles, the suggestions people acted on, introductions and the index state."""

from .index_state import IndexChange, IndexState
from .introductions import (
    Introduction,
    IntroductionOutcome,
    IntroductionStatus,
    Question,
    Rating,
    Suggestion,
)
from .profiles import (
    COUNTERPARTS,
    CooperationProfile,
    CooperationType,
    DevelopmentStage,
    IpStatus,
    PartnerSought,
    ProfileKind,
    ProfileStatus,
    Visibility,
)
from .requests import InterestRequest, InterestRequestStatus
from .responses import ProfileResponse, ProfileResponseStatus

__all__ = [
    "COUNTERPARTS",
    "CooperationProfile",
    "CooperationType",
    "DevelopmentStage",
    "IndexChange",
    "IndexState",
    "InterestRequest",
    "InterestRequestStatus",
    "Introduction",
    "IntroductionOutcome",
    "IntroductionStatus",
    "IpStatus",
    "PartnerSought",
    "ProfileKind",
    "ProfileResponse",
    "ProfileResponseStatus",
    "ProfileStatus",
    "Question",
    "Rating",
    "Suggestion",
    "Visibility",
]
