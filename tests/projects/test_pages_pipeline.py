"""The pipeline pages as users see them: list with filters, sorting and export, the board,
create and edit with the conflict message, stage moves with their messages. Confidential
projects never show to those who may not see them."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innonet.core import choice_cache
from innonet.core.models import AuditEntry
from innonet.projects import services
from innonet.projects.models import InnovationProject, StageChange
from tests.factories import (
    EventFactory,
    InteractionFactory,
    OrganisationFactory,
    Ris3FieldFactory,
    UserFactory,
)

from .factories import PartnerFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db
LIST = reverse("projects:project_list")
BOARD = reverse("projects:project_board")


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


@pytest.fixture
def levels(role_users):
    """Org A (the member's organisation) in a project at each level; one of org B."""
    org_a = role_users["member"].organisation
    made = {}
    for level in ("staff", "partners", "network"):
        made[level] = ProjectFactory(title=f"Vorhaben {level}", confidentiality=level)
        PartnerFactory(project=made[level], organisation=org_a)
    made["b"] = ProjectFactory(title="Vorhaben anderer", confidentiality="partners")
    PartnerFactory(project=made["b"], organisation=role_users["member_b"].organisation)
    return made


def new_project(staff, **data) -> InnovationProject:
    return services.project_create(data={"title": "Agrarsensorik", **data}, acting_user=staff)


def shown_titles(response) -> set[str]:
    content = response.content.decode()
    return {t for t in ("staff", "partners", "network", "anderer") if f"Vorhaben {t}" in content}


# list, board, export: confidentiality -------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("staff", {"staff", "partners", "network", "anderer"}),
        ("board", {"staff", "partners", "network", "anderer"}),
        ("member", {"partners", "network"}),
        ("member_b", {"anderer"}),
        ("network_manager", {"network"}),
    ],
)
@pytest.mark.parametrize("url", [LIST, BOARD])
def test_list_and_board_show_only_visible_projects(
    client_for, role_users, levels, role, expected, url
):
    response = client_for(role_users[role]).get(url)
    assert response.status_code == 200
    assert shown_titles(response) == expected


def test_search_does_not_reveal_staff_only_projects(client_for, role_users, levels):
    response = client_for(role_users["member"]).get(LIST, {"q": "vorhaben staff"})
    assert "Vorhaben staff" not in response.content.decode()


def test_list_filters_by_stage_programme_and_field(staff_client, staff):
    programme = ProgrammeFactory()
    field = Ris3FieldFactory()
    kept = new_project(staff, title="Passt", programme=programme, ris3_fields=[field])
    services.project_move(kept, to_stage="sounding", acting_user=staff)
    new_project(staff, title="Andere Phase", programme=programme, ris3_fields=[field])
    new_project(staff, title="Ohne Programm")
    response = staff_client.get(
        LIST, {"stage": "sounding", "programme": programme.pk, "ris3_field": field.pk}
    )
    content = response.content.decode()
    assert "Passt" in content and "Andere Phase" not in content and "Ohne Programm" not in content


def test_list_sorts_by_title_both_ways(staff_client, staff):
    for title in ("Beta", "Alpha", "Gamma"):
        new_project(staff, title=title)
    ascending = staff_client.get(LIST, {"sort": "title"}).content.decode()
    assert ascending.index("Alpha") < ascending.index("Beta") < ascending.index("Gamma")
    descending = staff_client.get(LIST, {"sort": "-title"}).content.decode()
    assert descending.index("Gamma") < descending.index("Beta") < descending.index("Alpha")


@pytest.mark.parametrize(
    "query", [{"owner": "99999999999999999999999"}, {"stage": "gibtsnicht"}, {"sort": "evil"}]
)
def test_bad_filter_values_are_no_server_error(staff_client, query):
    assert staff_client.get(LIST, query).status_code == 200
    assert staff_client.get(BOARD, query).status_code == 200


def test_export_csv_has_the_filtered_rows_escaped_and_audited(client_for, role_users, staff):
    new_project(staff, title="=HYPERLINK(1)", next_step="Skizze")
    new_project(staff, title="Nicht im Filter")
    url = reverse("projects:project_export", kwargs={"fmt": "csv"})
    response = client_for(role_users["board"]).get(url, {"q": "hyperlink"})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert AuditEntry.objects.filter(action="projects.project.exported").count() == 1


def test_export_xlsx_writes_text_cells(staff_client, staff):
    project = new_project(staff, title="+SUMME(A1)")
    PartnerFactory(project=project, requested_amount=Decimal("1000.50"))
    url = reverse("projects:project_export", kwargs={"fmt": "xlsx"})
    sheet = load_workbook(io.BytesIO(staff_client.get(url).content)).active
    row = [cell.value for cell in sheet[2]]
    assert row[1] == "+SUMME(A1)" and sheet.cell(2, 2).data_type == "s"
    assert 1000.5 in row  # amounts are numbers, not text


def test_export_xlsx_amounts_dates_and_counts_are_typed_cells(staff_client, staff):
    """Read back the real export: a spreadsheet can sum the amounts and filter the rows."""
    first = new_project(staff, title="Erstes Projekt", next_step_due=date(2027, 5, 3))
    PartnerFactory(project=first, requested_amount=Decimal("1000.50"))
    PartnerFactory(project=first, requested_amount=Decimal("99.25"))
    second = new_project(staff, title="Zweites Projekt")
    PartnerFactory(project=second, requested_amount=Decimal("0.25"))
    url = reverse("projects:project_export", kwargs={"fmt": "xlsx"})
    sheet = load_workbook(io.BytesIO(staff_client.get(url).content)).active
    header = [cell.value for cell in sheet[1]]
    requested = header.index("beantragt (EUR)") + 1
    partners = header.index("Partner") + 1
    due = header.index("nächster Schritt fällig") + 1
    cells = [sheet.cell(row, requested) for row in range(2, sheet.max_row + 1)]
    assert {cell.data_type for cell in cells} == {"n"}
    assert {cell.number_format for cell in cells} == {"#,##0.00"}
    assert sum(Decimal(str(cell.value)) for cell in cells) == Decimal("1100.00")
    assert {sheet.cell(row, partners).data_type for row in (2, 3)} == {"n"}
    due_cells = [sheet.cell(row, due) for row in (2, 3) if sheet.cell(row, due).value]
    assert due_cells and due_cells[0].is_date
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}3"


def test_board_export_is_not_open_to_members(client_for, role_users):
    url = reverse("projects:project_export", kwargs={"fmt": "csv"})
    assert client_for(role_users["member"]).get(url).status_code == 403


# board -----------------------------------------------------------------------------------------


def test_board_shows_card_facts_and_move_forms_for_staff(staff_client, staff):
    programme = ProgrammeFactory(name="ZIM")
    project = new_project(
        staff, programme=programme, next_step="Skizze schreiben", next_step_due=date(2030, 5, 1)
    )
    PartnerFactory(project=project)
    content = staff_client.get(BOARD).content.decode()
    assert "Skizze schreiben" in content and "ZIM" in content
    assert reverse("projects:project_move", kwargs={"pk": project.pk}) in content
    assert 'value="sounding"' in content and "data-needs-reason" in content
    assert "projects/board.js" in content


def test_board_has_no_move_forms_for_readers(client_for, role_users, staff):
    project = new_project(staff)
    content = client_for(role_users["board"]).get(BOARD).content.decode()
    assert project.title in content
    assert reverse("projects:project_move", kwargs={"pk": project.pk}) not in content


def test_board_filters_by_owner(staff_client, staff):
    other = UserFactory(role="staff")
    new_project(staff, title="Meins")
    new_project(staff, title="Fremdes", owner=other)
    content = staff_client.get(BOARD, {"owner": other.pk}).content.decode()
    assert "Fremdes" in content and "Meins" not in content


def test_board_and_list_queries_do_not_grow_with_projects(
    staff_client, staff, django_assert_max_num_queries
):
    def fill(n):
        for i in range(n):
            project = ProjectFactory(title=f"Karte {i}", owner=staff, programme=ProgrammeFactory())
            PartnerFactory(project=project)
            project.ris3_fields.add(Ris3FieldFactory())

    fill(2)
    for url in (BOARD, LIST):
        choice_cache.forget_all()  # both counts read the drop-downs afresh (new programmes)
        with django_assert_max_num_queries(30) as few:
            staff_client.get(url)
        counted = len(few.captured_queries)
        fill(8)
        choice_cache.forget_all()
        with django_assert_max_num_queries(counted):
            staff_client.get(url)


# create and edit ----------------------------------------------------------------------------


def test_create_prefills_from_an_introduction(staff_client, staff):

    interaction = InteractionFactory(
        kind="introduction",
        happened_on=date(2025, 3, 1),
        organisation=OrganisationFactory(),
        topic="Vorstellung Sensorik trifft Hochschule",
        staff=staff,
    )
    url = reverse("projects:project_create")
    page = staff_client.get(url, {"origin_interaction": interaction.pk}).content.decode()
    assert 'value="Vorstellung Sensorik trifft Hochschule"' in page
    assert f'value="{interaction.pk}"' in page
    response = staff_client.post(
        url,
        {
            "title": "Sensorik trifft Hochschule",
            "confidentiality": "staff",
            "origin_interaction": interaction.pk,
        },
    )
    project = InnovationProject.objects.get()
    assert response.status_code == 302 and project.origin_interaction == interaction
    assert project.owner == staff and project.stage == "idea"


def test_create_prefills_from_an_event(staff_client):
    event = EventFactory(title="Hofgespräch Wasserstoff")
    url = reverse("projects:project_create")
    page = staff_client.get(url, {"origin_event": event.pk}).content.decode()
    assert 'value="Hofgespräch Wasserstoff"' in page
    assert f'<option value="{event.pk}" selected>' in page


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1", "999999"])
def test_tampered_origin_ids_are_form_errors(staff_client, value):
    url = reverse("projects:project_create")
    for field in ("origin_interaction", "origin_event"):
        response = staff_client.post(url, {"title": "X", "confidentiality": "staff", field: value})
        assert response.status_code == 200 and response.context["form"].errors[field]
    assert not InnovationProject.objects.exists()


def test_a_member_cannot_be_made_owner(staff_client, role_users):
    url = reverse("projects:project_create")
    response = staff_client.post(
        url, {"title": "X", "confidentiality": "staff", "owner": role_users["member"].pk}
    )
    assert response.status_code == 200 and response.context["form"].errors["owner"]
    assert not InnovationProject.objects.exists()


def test_mass_assignment_of_stage_and_version_is_ignored(staff_client, staff):
    project = new_project(staff)
    url = reverse("projects:project_update", kwargs={"pk": project.pk})
    staff_client.post(
        url,
        {"title": "Neu", "confidentiality": "staff", "version": 1, "stage": "granted", "id": 99},
    )
    project.refresh_from_db()
    assert (project.title, project.stage, project.pk) == ("Neu", "idea", project.pk)


def test_edit_on_a_stale_version_shows_the_conflict_with_current_data(staff_client, staff):
    project = new_project(staff, next_step="alt")
    services.project_update(
        project, data={"next_step": "vom Kollegen"}, expected_version=1, acting_user=staff
    )
    url = reverse("projects:project_update", kwargs={"pk": project.pk})
    response = staff_client.post(
        url,
        {"title": "Agrarsensorik", "confidentiality": "staff", "next_step": "meins", "version": 1},
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "inzwischen von jemand anderem geändert" in content
    assert "vom Kollegen" in content and "meins" in content
    project.refresh_from_db()
    assert project.next_step == "vom Kollegen" and project.version == 2


# stage moves ----------------------------------------------------------------------------------


def move(client, project, **data):
    url = reverse("projects:project_move", kwargs={"pk": project.pk})
    return client.post(url, {"version": project.version, **data}, follow=True)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_legal_move_is_recorded_with_who_and_why(staff_client, staff):
    project = new_project(staff)
    response = move(staff_client, project, to_stage="sounding", reason="Erstgespräch gut")
    project.refresh_from_db()
    assert project.stage == "sounding"
    change = StageChange.objects.filter(project=project).last()
    assert (change.changed_by, change.reason) == (staff, "Erstgespräch gut")
    assert "Erstgespräch gut" in response.content.decode()


def test_an_illegal_jump_shows_a_message_and_changes_nothing(staff_client, staff):
    project = new_project(staff)
    response = move(staff_client, project, to_stage="granted")
    project.refresh_from_db()
    assert project.stage == "idea" and project.stage_changes.count() == 1
    assert "granted" in messages_of(response) or "erteilt" in messages_of(response)


def test_a_drop_without_reason_is_refused(staff_client, staff):
    project = new_project(staff)
    response = move(staff_client, project, to_stage="dropped")
    project.refresh_from_db()
    assert project.stage == "idea" and messages_of(response)


def test_submission_gate_and_staff_override(staff_client, staff):
    project = new_project(staff, programme=ProgrammeFactory(requires_sme=True))
    for stage in ("sounding", "consortium", "preparation"):
        project = services.project_move(project, to_stage=stage, acting_user=staff)
    response = move(staff_client, project, to_stage="submitted")
    project.refresh_from_db()
    assert project.stage == "preparation" and "KMU" in messages_of(response)
    move(staff_client, project, to_stage="submitted", force="on", reason="Ausnahme genehmigt")
    project.refresh_from_db()
    assert project.stage == "submitted" and project.stage_changes.last().forced


def test_a_move_on_a_stale_version_is_refused_with_the_current_stage(staff_client, staff):
    project = new_project(staff)
    services.project_move(project, to_stage="sounding", acting_user=staff)
    url = reverse("projects:project_move", kwargs={"pk": project.pk})
    response = staff_client.post(url, {"version": 1, "to_stage": "sounding"}, follow=True)
    project.refresh_from_db()
    assert project.stage_changes.count() == 2
    text = messages_of(response)
    assert "sounding" in text or "Sondierung" in text


def test_a_move_returns_to_the_board_but_never_off_site(staff_client, staff):
    project = new_project(staff)
    url = reverse("projects:project_move", kwargs={"pk": project.pk})
    response = staff_client.post(url, {"to_stage": "sounding", "version": 1, "next": BOARD})
    assert response["Location"] == BOARD
    response = staff_client.post(
        url, {"to_stage": "idea", "reason": "zurück", "version": 2, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("projects:project_detail", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    "data", [{"to_stage": "granted\x00"}, {"to_stage": "sounding", "version": "1e309"}, {}]
)
def test_bad_move_input_is_a_message(staff_client, staff, data):
    project = new_project(staff)
    url = reverse("projects:project_move", kwargs={"pk": project.pk})
    response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200 and messages_of(response)
    project.refresh_from_db()
    assert project.stage == "idea"


def test_the_project_page_shows_history_partners_and_the_check(staff_client, staff):
    project = new_project(staff, programme=ProgrammeFactory(requires_research=True))
    PartnerFactory(project=project, role="lead", requested_amount=Decimal("1000.00"))
    services.project_move(project, to_stage="sounding", reason="gut", acting_user=staff)
    response = staff_client.get(reverse("projects:project_detail", kwargs={"pk": project.pk}))
    content = response.content.decode()
    assert "gut" in content and "1.000,00" in content
    assert response.context["check"].ok is False
    assert [m["value"] for m in response.context["moves"]] == ["consortium", "idea", "dropped"]
