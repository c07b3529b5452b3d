"""The consortium: partners with roles and budgets. One partner per organisation and unit,
at most one lead, budgets that add up."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.partners.models import Organisation, Unit

from ..models import FundingRate, InnovationProject, ProjectPartner
from ..rules import PartnerRole, budget_problems, partner_kind
from .common import clean_or_raise, decimal_or_raise

BUDGET_FIELDS = ("requested_amount", "granted_amount", "funding_rate")


def default_rate(project: InnovationProject, organisation: Organisation) -> Decimal | None:
    """The programme's funding rate for this kind of partner, if the programme sets one."""
    if project.programme_id is None:
        return None
    kind = partner_kind(organisation.kind, organisation.sme_class)
    rate = FundingRate.objects.filter(programme_id=project.programme_id, partner_kind=kind)
    return rate.values_list("rate", flat=True).first()


def fill_default_rates(project: InnovationProject) -> None:
    """Give partners without a rate the (new) programme's rate for their kind."""
    for partner in project.partners.filter(funding_rate__isnull=True).select_related(
        "organisation"
    ):
        rate = default_rate(project, partner.organisation)
        if rate is not None:
            partner.funding_rate = rate
            partner.save(update_fields=["funding_rate", "updated_at"])


def _lock(project: InnovationProject) -> InnovationProject:
    """Partner writes of one project queue behind each other (single lead, duplicates)."""
    return InnovationProject.objects.select_for_update().get(pk=project.pk)


def _check_unit(organisation: Organisation, unit: Unit | None) -> None:
    if unit is not None and unit.organisation_id != organisation.pk:
        raise DomainError(
            _("The unit %(unit)s does not belong to %(organisation)s.")
            % {"unit": unit.name, "organisation": organisation.name},
            field="unit",
        )


def _check_duplicate(partner: ProjectPartner) -> None:
    clash = ProjectPartner.objects.filter(
        project_id=partner.project_id,
        organisation_id=partner.organisation_id,
        unit=partner.unit,  # None: the whole organisation (IS NULL)
    ).exclude(pk=partner.pk)
    if clash.exists():
        name = partner.unit.name if partner.unit is not None else partner.organisation.name
        raise DomainError(
            _("%(name)s is already a partner of this project.") % {"name": name},
            field="unit" if partner.unit_id else "organisation",
        )


def _check_lead(partner: ProjectPartner) -> None:
    if partner.role != PartnerRole.LEAD:
        return
    other = ProjectPartner.objects.filter(project_id=partner.project_id, role=PartnerRole.LEAD)
    lead = other.exclude(pk=partner.pk).select_related("organisation").first()
    if lead is not None:
        raise DomainError(
            _("%(name)s already leads this project; a project has one lead.")
            % {"name": lead.organisation.name},
            field="role",
        )


def _set_budget(partner: ProjectPartner, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in BUDGET_FIELDS:
        if name in data:
            value = decimal_or_raise(data[name], name)
            if name == "requested_amount" and value is None:
                value = Decimal("0.00")
            if getattr(partner, name) != value:
                setattr(partner, name, value)
                changed.append(name)
    problems = budget_problems(
        partner.requested_amount, partner.granted_amount, partner.funding_rate
    )
    if problems:
        raise DomainError(problems[0].message, field=problems[0].field)
    return changed


def _save(partner: ProjectPartner) -> None:
    _check_duplicate(partner)
    _check_lead(partner)
    clean_or_raise(partner, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError as error:  # the checks above ran under the project lock
        raise DomainError(_("This partner entry clashes with another one.")) from error


@transaction.atomic
def partner_add(
    project: InnovationProject,
    *,
    organisation: Organisation,
    unit: Unit | None = None,
    role: str = PartnerRole.PARTNER,
    budget: Mapping[str, Any] | None = None,
    acting_user: User | None,
) -> ProjectPartner:
    """Add an organisation (or one of its units) to the consortium. Without a funding rate
    the programme's rate for the partner's kind is used."""
    project = _lock(project)
    _check_unit(organisation, unit)
    partner = ProjectPartner(project=project, organisation=organisation, unit=unit, role=role)
    _set_budget(partner, budget or {})
    if partner.funding_rate is None:
        partner.funding_rate = default_rate(project, organisation)
    _save(partner)
    audit.record(
        project,
        "projects.partner.added",
        user=acting_user,
        data={"partner": partner.pk, "organisation": organisation.pk, "role": role},
    )
    return partner


@transaction.atomic
def partner_update(
    partner: ProjectPartner, *, data: Mapping[str, Any], acting_user: User | None
) -> ProjectPartner:
    """Change a partner's role, unit or budget; the organisation itself stays."""
    _lock(partner.project)
    partner = ProjectPartner.objects.select_related("organisation").get(pk=partner.pk)
    changed = []
    if "role" in data and data["role"] != partner.role:
        partner.role = data["role"]
        changed.append("role")
    if "unit" in data and getattr(data["unit"], "pk", None) != partner.unit_id:
        _check_unit(partner.organisation, data["unit"])
        partner.unit = data["unit"]
        changed.append("unit")
    changed += _set_budget(partner, data)
    _save(partner)
    audit.record(
        partner.project,
        "projects.partner.updated",
        user=acting_user,
        data={"partner": partner.pk, "fields": changed},
    )
    return partner


@transaction.atomic
def partner_remove(partner: ProjectPartner, *, acting_user: User | None) -> InnovationProject:
    """Take a partner out of the consortium; the audit entry keeps who it was."""
    project = _lock(partner.project)
    audit.record(
        project,
        "projects.partner.removed",
        user=acting_user,
        data={"organisation": partner.organisation_id, "unit": partner.unit_id},
    )
    ProjectPartner.objects.filter(pk=partner.pk).delete()
    return project
