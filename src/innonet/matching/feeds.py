"""What apps above matching feed into it. They register from their `ready()`, so matching
imports none of them (projects uses matching, not the reverse):

- earlier cooperation: groups of organisations that worked together (one per project) and each
  organisation's track record (the number of such groups), for the engine's documents;
- next steps on an introduction's page (a project idea started from it)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Introduction


@dataclass(frozen=True)
class CooperationFeed:
    """`groups(wanted)` yields sets of organisation ids that worked together (only sets with one
    of `wanted`, when given); `activity(ids)` counts them per organisation (all when None)."""

    groups: Callable[[set[int] | None], Iterable[set[int]]]
    activity: Callable[[Iterable[int] | None], dict[int, int]]


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str


NextStepOffer = Callable[[Any, "Introduction"], NextStep | None]

_cooperation: list[CooperationFeed] = []
_next_steps: list[NextStepOffer] = []


def add_cooperation(feed: CooperationFeed) -> None:
    if feed not in _cooperation:
        _cooperation.append(feed)


def cooperation_feeds() -> list[CooperationFeed]:
    return list(_cooperation)


def add_next_step(offer: NextStepOffer) -> NextStepOffer:
    """Register a function that offers `user` a step on from an introduction, or None."""
    if offer not in _next_steps:
        _next_steps.append(offer)
    return offer


def next_steps(user: Any, introduction: "Introduction") -> list[NextStep]:
    """The steps on from this introduction that the registered apps offer this user."""
    return [step for offer in _next_steps if (step := offer(user, introduction)) is not None]
