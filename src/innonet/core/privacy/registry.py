"""The per-app contributors to one person's export and erasure.

Each app that stores personal data registers a `Contributor` from its own `privacy` module
(imported in its AppConfig.ready()). A contributor declares the registered fields it covers and
what erasure does to each; it finds the person by identity (the Person row, e-mail addresses,
phone numbers and names, linked by foreign key or not), returns its data as titled sections and
erases it inside the caller's transaction. A test fails when a registered field has no
contributor, so a new app cannot forget its part."""

from typing import ClassVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .export import Export, Section
from .identity import Identity

MAX_IDENTIFY_ROUNDS = 5


class Erasure(models.TextChoices):
    """What erasing a person does to one registered field."""

    REMOVED = "removed", _("removed")
    REDACTED = "redacted", _("mentions of the person removed")
    KEPT = "kept", _("kept for the figures, without identity")


class Contributor:
    """One app's part of a person's export and erasure; subclass it and decorate the class
    with `@privacy.contributor`."""

    name: ClassVar[str] = ""
    order: ClassVar[int] = 100  # lower runs first; the audit log runs last
    fields: ClassVar[dict[str, Erasure]] = {}

    def identify(self, identity: Identity) -> None:
        """Add what this app knows about who the person is (addresses, names, accounts)."""

    def collect(self, identity: Identity) -> list[Section]:
        """This app's data about the person, as titled sections of plain rows."""
        return []

    def erase(self, identity: Identity) -> dict[str, int]:
        """Remove the person's identity from this app's data; returns changed rows by kind."""
        return {}


_CONTRIBUTORS: dict[str, Contributor] = {}


def contributor(contributor_class: type[Contributor]) -> type[Contributor]:
    """Class decorator: register an app's contributor (once per name)."""
    if not contributor_class.name:
        raise ValueError(f"{contributor_class.__name__} needs a name")
    _CONTRIBUTORS[contributor_class.name] = contributor_class()
    return contributor_class


def contributors() -> list[Contributor]:
    """The registered contributors in the order they run."""
    return sorted(_CONTRIBUTORS.values(), key=lambda item: (item.order, item.name))


def coverage() -> dict[str, list[tuple[str, Erasure]]]:
    """For every covered field: which contributors cover it and what erasure does to it."""
    covered: dict[str, list[tuple[str, Erasure]]] = {}
    for item in contributors():
        for name, erasure in item.fields.items():
            covered.setdefault(name, []).append((item.name, erasure))
    return covered


def identify(identity: Identity) -> Identity:
    """Let every contributor add what it knows until nothing new turns up (an e-mail found
    on a registration may lead to a user account, the account to more registrations)."""
    for _round in range(MAX_IDENTIFY_ROUNDS):
        before = identity.snapshot()
        for item in contributors():
            item.identify(identity)
        if identity.snapshot() == before:
            break
    return identity


def collect(identity: Identity) -> Export:
    """Everything the apps hold about the person, in one collection."""
    identify(identity)
    sections: list[Section] = []
    for item in contributors():
        sections.extend(item.collect(identity))
    keys = [section.key for section in sections]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate export sections: {keys}")
    return Export(exported_at=timezone.now(), sections=sections)


def erase(identity: Identity) -> dict[str, dict[str, int]]:
    """Erase the person in every app, inside the caller's transaction; returns what changed."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("erasure must run inside the transaction of the person's erasure")
    identify(identity)
    changed: dict[str, dict[str, int]] = {}
    for item in contributors():
        counts = {key: count for key, count in item.erase(identity).items() if count}
        if counts:
            changed[item.name] = counts
    return changed
