"""Record panels: boxes that a higher app adds to a lower app's record page.

The organisation page belongs to `partners`, but what `reporting` knows about an organisation
reads events, matching and projects, which `partners` must not import. So the higher app
registers a panel for the record's model in its `AppConfig.ready()`, and the record's template
asks for whatever is registered with `{% record_panels object %}` (`innonet_panels` tags).
A panel shows only to its roles and only when the user may see the record itself
(core.permissions); its context function may still return None to show nothing.

    panels.register(
        "partners.organisation",
        template_name="reporting/engagement_panel.html",
        context=engagement_panel_context,  # (user, record) -> dict | None
        roles=(permissions.STAFF, permissions.BOARD),
    )
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from . import permissions

__all__ = ["Panel", "PanelContext", "panels_for", "register", "unregister"]

PanelContext = Callable[[Any, models.Model], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    """One registered panel: for which model, drawn by which template, with which data, for
    whom; panels of one model are shown by ascending `order`, then in registration order."""

    model: str
    template_name: str
    context: PanelContext
    roles: frozenset[str]
    order: int = 100


_PANELS: list[Panel] = []


def _label(model_label: str) -> str:
    return model_label.lower()


def register(
    model_label: str,
    *,
    template_name: str,
    context: PanelContext,
    roles: Collection[str],
    order: int = 100,
) -> Panel:
    """Add a panel to the pages of `model_label` ("app_label.model"); registering the same
    template for the same model again replaces the earlier panel (ready() may run twice)."""
    unknown = set(roles) - set(permissions.ROLES)
    if unknown:
        raise ValueError(f"unknown roles for a panel: {sorted(unknown)}")
    panel = Panel(_label(model_label), template_name, context, frozenset(roles), order)
    _PANELS[:] = [
        known
        for known in _PANELS
        if (known.model, known.template_name) != (panel.model, panel.template_name)
    ]
    _PANELS.append(panel)
    return panel


def unregister(panel: Panel) -> None:
    """Take a panel away again (tests that register their own)."""
    _PANELS[:] = [known for known in _PANELS if known != panel]


def panels_for(user: Any, record: models.Model) -> list[Panel]:
    """The panels of the record's model that this user's role may see, if the user may see
    the record at all."""
    label = _label(record._meta.label)
    role = permissions.role_of(user)
    candidates = [panel for panel in _PANELS if panel.model == label and role in panel.roles]
    if not candidates or not permissions.can_view(user, record):
        return []
    return sorted(candidates, key=lambda panel: panel.order)
