"""The funnel page: figures over the projects the user may see, a server-rendered chart with
a text alternative, budget sums per stage."""

from decimal import Decimal

import pytest
from django.urls import reverse

from innonet.projects import services
from innonet.projects.models import InnovationProject
from tests.projects.factories import PartnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
URL = reverse("reporting:project_funnel")


def granted_project(staff, title, amount, *, confidentiality="staff"):
    project = services.project_create(
        data={
            "title": title,
            "programme": ProgrammeFactory(),
            "confidentiality": confidentiality,
            "origin_note": "Netzwerktreffen",
        },
        acting_user=staff,
    )
    partner = PartnerFactory(project=project, role="lead", requested_amount=amount)
    for stage in ("sounding", "consortium", "preparation", "submitted"):
        project = services.project_move(project, to_stage=stage, acting_user=staff)
    services.partner_update(partner, data={"granted_amount": amount}, acting_user=staff)
    return services.project_move(project, to_stage="granted", acting_user=staff), partner


def test_figures_chart_and_budgets(staff_client, role_users):
    granted_project(role_users["staff"], "Gewonnen", Decimal("250000.00"))
    services.project_create(data={"title": "Idee"}, acting_user=role_users["staff"])
    response = staff_client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["success_percent"] == 100
    assert response.context["origin_percent"] == 50
    assert "<svg" in content and "<desc" in content and "250.000" in content
    granted = next(row for row in response.context["stages"] if row["stage"] == "granted")
    assert granted["count"] == 1 and granted["budget"].granted == Decimal("250000.00")


def test_figures_count_only_visible_projects(client_for, role_users):
    staff = role_users["staff"]
    granted_project(staff, "Geheim", Decimal("999999.00"))
    _, partner = granted_project(staff, "Sichtbar", Decimal("1000.00"), confidentiality="partners")
    partner.organisation = role_users["member"].organisation
    partner.save()
    response = client_for(role_users["member"]).get(URL)
    content = response.content.decode()
    assert response.context["funnel"].total == 1
    assert "999.999" not in content and "999999" not in content
    assert InnovationProject.objects.count() == 2


def test_empty_funnel_has_no_chart(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200 and "<svg" not in response.content.decode()
