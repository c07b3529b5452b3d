"""Project services: stage history, gates, partners and budgets, optimistic locking, uploads,
programmes and calls. Bad input gets a clear message and changes nothing."""

import io
import re
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.core.versioning import ConflictError
from innonet.projects import queries, services
from innonet.projects.models import (
    CallDeadline,
    FundingCall,
    InnovationProject,
    ProjectDocument,
    ProjectPartner,
)
from innonet.projects.services import Deadline
from tests.factories import CountryFactory, OrganisationFactory, UnitFactory
from tests.projects.factories import FundingRateFactory

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


def new_project(staff, **data) -> InnovationProject:
    return services.project_create(data={"title": "Agrarsensorik", **data}, acting_user=staff)


def move(project, stage, user, reason="", **extra) -> InnovationProject:
    return services.project_move(project, to_stage=stage, reason=reason, acting_user=user, **extra)


def consortium(project, staff, *, lead_country="DE"):
    """An SME lead and a university partner from another country."""
    lead = OrganisationFactory(kind="sme", employees=20, country=CountryFactory(code=lead_country))
    nl = CountryFactory(code="NL", name="Niederlande", name_en="Netherlands")
    university = OrganisationFactory(kind="university", country=nl)
    services.partner_add(
        project,
        organisation=lead,
        role="lead",
        budget={"requested_amount": D("100000.00")},
        acting_user=staff,
    )
    services.partner_add(
        project,
        organisation=university,
        budget={"requested_amount": D("50000.00")},
        acting_user=staff,
    )
    return lead, university


def to_preparation(project, staff) -> InnovationProject:
    for stage in ("sounding", "consortium", "preparation"):
        project = move(project, stage, staff)
    return project


# stages -------------------------------------------------------------------------------------


def test_creation_is_the_first_history_entry(staff):
    project = new_project(staff)
    assert project.stage == "idea" and project.owner == staff and project.version == 1
    (entry,) = project.stage_changes.all()
    assert (entry.from_stage, entry.to_stage, entry.changed_by) == ("", "idea", staff)
    assert AuditEntry.objects.filter(action="projects.project.created").count() == 1


def test_every_move_is_recorded_with_who_when_and_why(staff):
    project = new_project(staff)
    before = timezone.now()
    project = move(project, "sounding", staff, reason="Erstgespräch mit zwei Firmen")
    project = move(project, "idea", staff, reason="Noch zu unscharf")
    entries = list(project.stage_changes.order_by("changed_at", "id"))
    assert [(e.from_stage, e.to_stage) for e in entries] == [
        ("", "idea"),
        ("idea", "sounding"),
        ("sounding", "idea"),
    ]
    last = entries[-1]
    assert last.changed_by == staff and last.reason == "Noch zu unscharf"
    assert last.changed_at >= before
    assert project.version == 3
    assert AuditEntry.objects.filter(action="projects.project.moved").count() == 2


def test_an_illegal_jump_is_refused_and_changes_nothing(staff):
    project = new_project(staff)
    with pytest.raises(DomainError) as error:
        move(project, "granted", staff)
    assert error.value.field == "stage" and error.value.message
    project.refresh_from_db()
    assert project.stage == "idea" and project.version == 1
    assert project.stage_changes.count() == 1


@pytest.mark.parametrize("stage", ["unknown", "", "idea"])
def test_unknown_or_same_stage_is_refused(staff, stage):
    project = new_project(staff)
    with pytest.raises(DomainError):
        move(project, stage, staff)
    assert project.stage_changes.count() == 1


def test_dropping_needs_a_reason(staff):
    project = new_project(staff)
    with pytest.raises(DomainError) as error:
        move(project, "dropped", staff, reason="   ")
    assert error.value.field == "reason"
    assert move(project, "dropped", staff, reason="Kein Partner gefunden").stage == "dropped"
    assert move(project, "idea", staff, reason="Neuer Partner in Sicht").stage == "idea"


def test_submission_needs_a_programme_and_a_fitting_consortium(staff):
    project = to_preparation(new_project(staff), staff)
    with pytest.raises(DomainError) as error:
        move(project, "submitted", staff)
    assert error.value.field == "programme"
    programme = ProgrammeFactory(min_partners=2, requires_sme=True, requires_research=True)
    project = services.project_update(
        project,
        data={"programme": programme},
        expected_version=project.version,
        acting_user=staff,
    )
    with pytest.raises(DomainError) as error:  # no partners yet
        move(project, "submitted", staff)
    unmet = queries.project_consortium_check(project).unmet
    assert unmet and all(finding.message in error.value.message for finding in unmet)
    assert InnovationProject.objects.get(pk=project.pk).stage == "preparation"
    consortium(project, staff)
    assert move(project, "submitted", staff).stage == "submitted"


def test_staff_may_force_a_submission_with_a_reason_and_it_is_marked(staff, role_users):
    programme = ProgrammeFactory(min_partners=3)
    project = to_preparation(new_project(staff, programme=programme), staff)
    with pytest.raises(DomainError):
        move(project, "submitted", role_users["board"], reason="x", force=True)
    with pytest.raises(DomainError) as error:
        move(project, "submitted", staff, force=True)
    assert error.value.field == "reason"
    project = move(project, "submitted", staff, reason="Ausnahme vom Projektträger", force=True)
    assert project.stage_changes.last().forced is True


def test_a_rejected_project_can_be_revised_and_resubmitted(staff):
    programme = ProgrammeFactory()
    project = to_preparation(new_project(staff, programme=programme), staff)
    consortium(project, staff)
    project = move(project, "submitted", staff)
    project = move(project, "rejected", staff, reason="Gutachten: Verwertung zu vage")
    with pytest.raises(DomainError):
        move(project, "submitted", staff)  # not straight back: revise first
    project = move(project, "preparation", staff)
    project = move(project, "submitted", staff, reason="Überarbeitete Skizze")
    stages = list(project.stage_changes.values_list("to_stage", flat=True))
    assert stages[-4:] == ["submitted", "rejected", "preparation", "submitted"]


def test_a_grant_needs_the_granted_amounts(staff):
    project = to_preparation(new_project(staff, programme=ProgrammeFactory()), staff)
    consortium(project, staff)
    project = move(project, "submitted", staff)
    with pytest.raises(DomainError) as error:
        move(project, "granted", staff)
    assert error.value.field == "stage"
    for partner in project.partners.all():
        services.partner_update(
            partner, data={"granted_amount": partner.requested_amount}, acting_user=staff
        )
    assert move(project, "granted", staff).stage == "granted"


def test_a_stale_move_is_a_conflict(staff):
    project = new_project(staff)
    move(project, "sounding", staff)
    with pytest.raises(ConflictError) as error:
        move(project, "dropped", staff, reason="weg", expected_version=1)
    assert error.value.current.stage == "sounding"


# details and optimistic locking ------------------------------------------------------------


def test_two_editors_on_one_version_one_wins_the_other_sees_the_current_data(staff):
    project = new_project(staff, summary="alt")
    services.project_update(
        project, data={"summary": "von Anna"}, expected_version=1, acting_user=staff
    )
    with pytest.raises(ConflictError) as error:
        services.project_update(
            project, data={"summary": "von Ben"}, expected_version=1, acting_user=staff
        )
    assert error.value.current.summary == "von Anna"
    assert error.value.current.version == 2
    project.refresh_from_db()
    assert project.summary == "von Anna"


def test_owner_must_be_staff_and_call_must_fit_the_programme(staff, role_users):
    with pytest.raises(DomainError) as error:
        new_project(staff, owner=role_users["member"])
    assert error.value.field == "owner"
    call = services.call_create(ProgrammeFactory(), data={"title": "Aufruf"}, acting_user=staff)
    with pytest.raises(DomainError) as error:
        new_project(staff, programme=ProgrammeFactory(), call=call)
    assert error.value.field == "call"
    assert InnovationProject.objects.count() == 0
    project = new_project(staff, call=call)  # the call's programme is taken over
    assert project.programme_id == call.programme_id


def test_search_text_is_folded(staff):
    project = new_project(staff, title="Bewässerung für Müller")
    assert InnovationProject.objects.search("mueller bewasserung").get() == project


# partners and budgets -----------------------------------------------------------------------


def test_a_partner_twice_is_refused_with_a_clear_message(staff):
    project = new_project(staff)
    organisation = OrganisationFactory(name="Hof Meyer GmbH")
    services.partner_add(project, organisation=organisation, acting_user=staff)
    with pytest.raises(DomainError) as error:
        services.partner_add(project, organisation=organisation, acting_user=staff)
    assert "Hof Meyer GmbH" in error.value.message
    assert ProjectPartner.objects.count() == 1


def test_units_are_partners_of_their_own_and_must_belong_to_the_organisation(staff):
    project = new_project(staff)
    university = OrganisationFactory(kind="university")
    group = UnitFactory(organisation=university, name="AG Sensorik")
    services.partner_add(project, organisation=university, acting_user=staff)
    services.partner_add(project, organisation=university, unit=group, acting_user=staff)
    with pytest.raises(DomainError) as error:
        services.partner_add(project, organisation=university, unit=group, acting_user=staff)
    assert "AG Sensorik" in error.value.message
    other = OrganisationFactory()
    with pytest.raises(DomainError) as error:
        services.partner_add(project, organisation=other, unit=group, acting_user=staff)
    assert error.value.field == "unit"
    assert ProjectPartner.objects.count() == 2


def test_one_lead_per_project(staff):
    project = new_project(staff)
    services.partner_add(
        project, organisation=OrganisationFactory(), role="lead", acting_user=staff
    )
    second = services.partner_add(project, organisation=OrganisationFactory(), acting_user=staff)
    with pytest.raises(DomainError) as error:
        services.partner_update(second, data={"role": "lead"}, acting_user=staff)
    assert error.value.field == "role"
    assert project.partners.filter(role="lead").count() == 1


@pytest.mark.parametrize(
    ("budget", "field"),
    [
        ({"requested_amount": D("-1.00")}, "requested_amount"),
        ({"requested_amount": D("100"), "granted_amount": D("100.01")}, "granted_amount"),
        ({"requested_amount": D("100"), "granted_amount": D("-5")}, "granted_amount"),
        ({"requested_amount": D("100"), "funding_rate": D("120")}, "funding_rate"),
        ({"requested_amount": "zwölf"}, "requested_amount"),
        ({"requested_amount": "NaN"}, "requested_amount"),
    ],
)
def test_bad_budgets_are_refused_and_nothing_is_written(staff, budget, field):
    project = new_project(staff)
    with pytest.raises(DomainError) as error:
        services.partner_add(
            project, organisation=OrganisationFactory(), budget=budget, acting_user=staff
        )
    assert error.value.field == field
    assert not ProjectPartner.objects.exists()


def test_granted_above_requested_on_update_is_refused(staff):
    project = new_project(staff)
    partner = services.partner_add(
        project,
        organisation=OrganisationFactory(),
        budget={"requested_amount": "100.00"},
        acting_user=staff,
    )
    with pytest.raises(DomainError):
        services.partner_update(partner, data={"granted_amount": D("150")}, acting_user=staff)
    partner.refresh_from_db()
    assert partner.granted_amount is None


def test_the_funding_rate_defaults_from_the_programme_by_partner_kind(staff):
    programme = ProgrammeFactory()
    FundingRateFactory(programme=programme, partner_kind="sme", rate=D("45"))
    FundingRateFactory(programme=programme, partner_kind="research", rate=D("100"))
    project = new_project(staff)
    sme = services.partner_add(
        project, organisation=OrganisationFactory(kind="sme", employees=12), acting_user=staff
    )
    large = services.partner_add(
        project, organisation=OrganisationFactory(kind="large"), acting_user=staff
    )
    assert sme.funding_rate is None  # no programme yet
    services.project_update(
        project, data={"programme": programme}, expected_version=None, acting_user=staff
    )
    sme.refresh_from_db()
    large.refresh_from_db()
    assert sme.funding_rate == D("45") and large.funding_rate is None
    university = services.partner_add(
        project, organisation=OrganisationFactory(kind="university"), acting_user=staff
    )
    assert university.funding_rate == D("100")


def test_removing_a_partner_is_audited(staff):
    project = new_project(staff)
    partner = services.partner_add(project, organisation=OrganisationFactory(), acting_user=staff)
    services.partner_remove(partner, acting_user=staff)
    assert not ProjectPartner.objects.exists()
    assert AuditEntry.objects.filter(action="projects.partner.removed").exists()


# notes and tasks ----------------------------------------------------------------------------


def test_notes_and_tasks(staff, role_users):
    project = new_project(staff)
    with pytest.raises(DomainError):
        services.note_add(project, text="   ", acting_user=staff)
    note = services.note_add(project, text="Förderlotse angefragt", acting_user=staff)
    assert note.author == staff
    with pytest.raises(DomainError) as error:  # not from a partner organisation
        services.task_add(
            project, title="LOI einholen", assignee=role_users["member"], acting_user=staff
        )
    assert error.value.field == "assignee"
    services.partner_add(project, organisation=role_users["member"].organisation, acting_user=staff)
    task = services.task_add(
        project, title="LOI einholen", assignee=role_users["member"], acting_user=staff
    )
    done = services.task_done(task, acting_user=staff)
    assert done.done_at is not None
    assert services.task_done(task, acting_user=staff).done_at == done.done_at


# documents ----------------------------------------------------------------------------------


def office_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = office_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = office_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
OOXML = "application/vnd.openxmlformats-officedocument."
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Antrag.pdf", PDF, "application/pdf"),
        ("Kalkulation.xlsx", XLSX, OOXML + "spreadsheetml.sheet"),
        ("Vorhabenbeschreibung.docx", DOCX, OOXML + "wordprocessingml.document"),
        ("Skizze.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("Foto.JPEG", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        ("Partner.csv", "Name;Ort\nMüller GmbH;Vechta\n".encode("cp1252"), "text/csv"),
        ("liesmich.txt", "Grüße aus Osnabrück".encode(), "text/plain"),
    ],
    ids=lambda value: value if isinstance(value, str) and "/" not in value else "",
)
def test_accepted_documents_are_stored_under_generated_names(staff, name, content, content_type):
    project = new_project(staff)
    document = services.document_add(
        project, file=upload(name, content), kind="application", acting_user=staff
    )
    assert re.fullmatch(r"projects/[0-9a-f]{32}\.\w+", document.file.name)
    assert document.original_name == name and document.size == len(content)
    assert document.content_type == content_type
    assert document.uploaded_by == staff


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("seite.html", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", b"<svg onload=alert(1)></svg>"),
        ("tool.exe", b"MZ\x90\x00"),
        ("ohne_endung", PDF),
        ("Antrag.pdf", PNG),  # content and extension disagree
        ("Antrag.docx", XLSX),
        ("Antrag.docx", office_zip({"irgendwas.txt": b"x"})),
        ("Tabelle.ods", ODT),
        ("Foto.png", PDF),
        ("notiz.txt", b"<!DOCTYPE html><p>hi</p>"),
        ("notiz.txt", b"  <svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("daten.csv", b"a;b\x00c"),
        ("daten.csv", PDF),
        ("leer.pdf", b""),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_forbidden_or_mismatching_documents_are_refused(staff, name, content):
    project = new_project(staff)
    with pytest.raises(DomainError) as error:
        services.document_add(project, file=upload(name, content), kind="other", acting_user=staff)
    assert error.value.field == "file" and error.value.message
    assert not ProjectDocument.objects.exists()


def test_documents_over_the_size_limit_are_refused(staff):
    project = new_project(staff)
    big = upload("Antrag.pdf", PDF)
    big.size = services.MAX_DOCUMENT_BYTES + 1
    with pytest.raises(DomainError) as error:
        services.document_add(project, file=big, kind="application", acting_user=staff)
    assert "20" in error.value.message
    assert not ProjectDocument.objects.exists()


def test_a_path_in_the_file_name_is_not_kept(staff):
    project = new_project(staff)
    document = services.document_add(
        project, file=upload("..\\..\\etc/Antrag.pdf", PDF), kind="other", acting_user=staff
    )
    assert document.original_name == "Antrag.pdf"


# programmes and calls -----------------------------------------------------------------------


def test_programme_with_rates(staff):
    programme = services.programme_create(
        data={"name": "ZIM", "funder": "BMWK", "level": "federal", "min_partners": 2},
        rates={"sme": D("45"), "research": "100"},
        acting_user=staff,
    )
    assert dict(programme.rates.values_list("partner_kind", "rate")) == {
        "sme": D("45.00"),
        "research": D("100.00"),
    }
    with pytest.raises(DomainError):
        services.programme_update(programme, data={}, rates={"sme": D("101")}, acting_user=staff)
    with pytest.raises(DomainError):
        services.programme_update(
            programme, data={"max_partners": 1}, acting_user=staff
        )  # below the minimum
    with pytest.raises(DomainError) as error:
        services.programme_create(
            data={"name": "zim", "funder": "x", "level": "federal"}, acting_user=staff
        )
    assert error.value.field == "name"
    programme.refresh_from_db()
    assert programme.max_partners is None
    assert programme.rates.get(partner_kind="sme").rate == D("45.00")


def test_a_new_call_cannot_have_past_deadlines(staff):
    programme = ProgrammeFactory()
    past = Deadline("Skizze", timezone.now() - timedelta(days=1))
    with pytest.raises(DomainError) as error:
        services.call_create(
            programme, data={"title": "Agrar 2030"}, deadlines=[past], acting_user=staff
        )
    assert error.value.field == "deadlines" and "Skizze" in error.value.message
    assert not FundingCall.objects.exists()


def test_an_existing_call_keeps_its_past_deadlines_but_gets_no_new_past_ones(staff):
    soon = timezone.now() + timedelta(minutes=5)
    later = timezone.now() + timedelta(days=90)
    call = services.call_create(
        ProgrammeFactory(),
        data={"title": "Agrar 2030"},
        deadlines=[Deadline("Vollantrag", later), Deadline("Skizze", soon)],
        acting_user=staff,
    )
    assert list(call.deadlines.values_list("label", flat=True)) == ["Skizze", "Vollantrag"]
    CallDeadline.objects.filter(label="Skizze").update(due_at=timezone.now() - timedelta(days=3))
    kept = [Deadline(d.label, d.due_at) for d in call.deadlines.all()]
    services.call_update(call, data={"topics": "Sensorik"}, deadlines=kept, acting_user=staff)
    with pytest.raises(DomainError):
        services.call_update(
            call,
            data={},
            deadlines=[
                *kept,
                Deadline("Nachreichung", timezone.now() - timedelta(hours=1)),
            ],
            acting_user=staff,
        )
    assert call.deadlines.count() == 2
    call.refresh_from_db()
    assert call.topics == "Sensorik"


def test_a_deadline_needs_an_aware_time_and_a_label(staff):
    naive = Deadline("Skizze", (timezone.now() + timedelta(days=3)).replace(tzinfo=None))
    for bad in (naive, Deadline(" ", timezone.now() + timedelta(days=3))):
        with pytest.raises(DomainError):
            services.call_create(
                ProgrammeFactory(), data={"title": "x"}, deadlines=[bad], acting_user=staff
            )
    assert not FundingCall.objects.exists()
