"""The governance section of the cluster label evidence: the facts the installation holds
about how the network is run (who runs it, partner networks, targets, reporting)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import Role, User
from innonet.networks.models import Network

from ...indicators import INDICATORS, Period
from ...indicators.facts import Facts
from ...models import IndicatorTarget, IssuedReport, ReportKind
from ..labels import display
from .tables import COUNT, TEXT, Figures, table


def _moment(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _facts_rows(period: Period, network: Network | None) -> list[list[Any]]:
    active = User.objects.filter(is_active=True)
    managers = active.filter(role=Role.NETWORK_MANAGER)
    if network is not None:
        managers = managers.filter(network=network)
    partner_networks = Network.objects.exclude(kind=Network.Kind.HOST)
    if network is not None:
        partner_networks = partner_networks.exclude(pk=network.pk)
    reports = IssuedReport.objects.filter(
        kind=ReportKind.FUNDER, status=IssuedReport.Status.DONE,
        issued_at__gte=_moment(period.start), issued_at__lt=_moment(period.end + timedelta(1)),
    )  # fmt: skip
    if network is not None:
        reports = reports.filter(network=network)
    rows: list[list[Any]] = []
    if network is not None:
        rows.append([_("Network"), network.name])
        rows.append([_("Kind of network"), str(network.get_kind_display())])
        fields = ", ".join(network.ris3_fields.order_by("name").values_list("name", flat=True))
        rows.append([_("RIS3 fields of the network"), fields or "\u2013"])
    else:
        rows.append([_("Networks"), Network.objects.count()])
    rows += [
        [_("Partner networks on this installation"), partner_networks.count()],
        [_("Staff of the office (active accounts)"), active.filter(role=Role.STAFF).count()],
        [_("Board members (active accounts)"), active.filter(role=Role.BOARD).count()],
        [_("Partner-network managers (active accounts)"), managers.count()],
        [_("Funder's reports issued in the period"), reports.count()],
    ]
    return rows


def _target_rows(figures: Figures, period: Period, network: Network | None) -> list[list[Any]]:
    targets = IndicatorTarget.objects.filter(year=period.end.year, network=network)
    rows = []
    for code, target in targets.order_by("indicator").values_list("indicator", "value"):
        indicator = INDICATORS.get(code)
        if indicator is None:
            continue
        value = figures.result(code).value
        shown_target = target / 100 if indicator.unit == "share" else target
        reached = value is not None and value >= shown_target
        rows.append([
            str(indicator.label), display(shown_target, indicator.unit),
            display(value, indicator.unit), _("yes") if reached else _("no"),
        ])  # fmt: skip
    return rows


def governance_section(
    facts: Facts, period: Period, figures: Figures, network: Network | None
) -> dict[str, Any]:
    return {
        "key": "governance",
        "title": _("Governance"),
        "intro": _("What the installation records about how the network is run: its scope, "
                   "the people who run it, its partner networks, the office's yearly targets "
                   "and its reporting to the funder. Strategy documents, the budget and the "
                   "steering bodies' minutes are not kept here and are added by hand."),
        "figures": [],
        "tables": [
            table("facts", _("Governance facts"), [(_("Fact"), TEXT), (_("Value"), COUNT)],
                  _facts_rows(period, network)),
            table("targets",
                  _("Targets of %(year)s and the period's values") % {"year": period.end.year},
                  [(_("Indicator"), TEXT), (_("Target"), TEXT), (_("Value"), TEXT),
                   (_("Reached"), TEXT)],
                  _target_rows(figures, period, network),
                  note=_("Targets are set per calendar year; for a shorter period the value is "
                         "that of the period.")),
        ],
    }  # fmt: skip
