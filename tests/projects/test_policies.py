"""Who sees and changes projects, for each role; another organisation's confidential project
never shows through `permissions.visible`."""

import pytest

from innonet.core import permissions
from innonet.projects.models import (
    FundingProgramme,
    InnovationProject,
    ProjectDocument,
    ProjectNote,
    ProjectPartner,
    StageChange,
)
from innonet.projects.policies import can_contribute
from tests.projects.factories import NoteFactory

from .factories import PartnerFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(role_users):
    """Three projects of org A (the member's organisation), one per confidentiality level, and
    one partners-level project of org B."""
    org_a = role_users["member"].organisation
    org_b = role_users["member_b"].organisation
    made = {}
    for level in ("staff", "partners", "network"):
        made[level] = ProjectFactory(title=f"A {level}", confidentiality=level)
        PartnerFactory(project=made[level], organisation=org_a)
    made["b"] = ProjectFactory(title="B partners", confidentiality="partners")
    PartnerFactory(project=made["b"], organisation=org_b)
    made["b_network"] = ProjectFactory(title="B network", confidentiality="network")
    PartnerFactory(project=made["b_network"], organisation=org_b)
    return made


def titles(user) -> set[str]:
    return set(
        permissions.visible(user, InnovationProject.objects.all()).values_list("title", flat=True)
    )


@pytest.mark.parametrize("role", ["staff", "board"])
def test_staff_and_board_see_every_project(role_users, projects, role):
    assert titles(role_users[role]) == {p.title for p in projects.values()}


def test_member_sees_only_its_organisations_projects_above_staff_level(role_users, projects):
    assert titles(role_users["member"]) == {"A partners", "A network"}


def test_member_of_org_b_never_sees_org_as_confidential_projects(role_users, projects):
    seen = titles(role_users["member_b"])
    assert seen == {"B partners", "B network"}
    user = role_users["member_b"]
    for level in ("staff", "partners", "network"):
        assert not permissions.can_view(user, projects[level])
    partners = permissions.visible(user, ProjectPartner.objects.all())
    assert set(partners.values_list("project__title", flat=True)) == seen


def test_network_manager_sees_network_level_projects_only(role_users, projects):
    assert titles(role_users["network_manager"]) == {"A network", "B network"}


def test_anonymous_sees_nothing(projects):
    assert titles(None) == set()
    assert not permissions.visible(None, FundingProgramme.objects.all()).exists()


def test_only_staff_change_projects_partners_and_stages(role_users, projects):
    project = projects["partners"]
    partner = project.partners.get()
    for role, user in role_users.items():
        expected = role == "staff"
        assert permissions.can_change(user, project) is expected, role
        assert permissions.can_change(user, partner) is expected, role
        assert permissions.can_create(user, ProjectPartner) is expected, role
        assert permissions.can_create(user, StageChange) is expected, role


def test_members_add_notes_and_documents_to_projects_they_see(role_users, projects):
    member, member_b = role_users["member"], role_users["member_b"]
    assert can_contribute(member, projects["partners"])
    assert not can_contribute(member, projects["staff"])
    assert not can_contribute(member_b, projects["partners"])
    assert not can_contribute(role_users["board"], projects["partners"])
    assert not can_contribute(role_users["network_manager"], projects["network"])
    assert can_contribute(role_users["staff"], projects["staff"])
    assert permissions.can_create(member, ProjectNote)
    assert permissions.can_create(member, ProjectDocument)
    assert not permissions.can_create(role_users["board"], ProjectNote)


def test_notes_follow_the_projects_visibility(role_users, projects):
    NoteFactory(project=projects["staff"], text="intern")
    NoteFactory(project=projects["partners"], text="geteilt")
    member_sees = permissions.visible(role_users["member"], ProjectNote.objects.all())
    assert list(member_sees.values_list("text", flat=True)) == ["geteilt"]
    assert not permissions.visible(role_users["member_b"], ProjectNote.objects.all()).exists()
    assert permissions.visible(role_users["board"], ProjectNote.objects.all()).count() == 2


def test_programmes_are_read_by_signed_in_users_and_kept_by_staff(role_users):
    programme = ProgrammeFactory()
    for role, user in role_users.items():
        assert permissions.can_view(user, programme), role
        assert permissions.can_change(user, programme) is (role == "staff"), role
