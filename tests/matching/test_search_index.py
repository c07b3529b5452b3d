"""The shared index: built on first use, kept fresh by committed changes, shared by processes."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from innonet.core.models import Competence
from innonet.matching import search_index
from innonet.matching.documents import cooperation_counts
from innonet.matching.engine import Query
from innonet.matching.models import IndexState, ProfileStatus
from innonet.partners.models import Organisation
from innonet.partners.models.organisations import MemberVisibility
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)
from tests.projects.factories import PartnerFactory, ProjectFactory

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db


def ids(text: str, **query) -> list[str]:
    return [r.id for r in search_index.current().search(Query(text=text, **query), limit=50)]


def test_first_question_builds_the_index_from_the_registry():
    organisation = OrganisationFactory(name="Agrarsensorik Hase GmbH", description="Bodenfeuchte")
    profile = ProfileFactory(organisation=organisation)
    ProfileFactory(status=ProfileStatus.DRAFT, title="Entwurf Bodenfeuchte")

    found = ids("Bodenfeuchte")

    assert f"o:{organisation.pk}" in found
    assert f"p:{profile.pk}" in found
    assert len([key for key in found if key.startswith("p:")]) == 1, "drafts are not indexed"
    state = IndexState.objects.get()
    assert state.documents == len(search_index.current())
    assert state.build_id and state.built_at


def test_committed_changes_reach_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # each block is one commit
        organisation = OrganisationFactory(name="Hafenlogistik Emden GmbH")
    assert ids("Containerterminal") == []

    with django_capture_on_commit_callbacks(execute=True):
        organisation.description = "Software für das Containerterminal"
        organisation.save()

    assert ids("Containerterminal") == [f"o:{organisation.pk}"]


def test_units_competences_and_deletions_are_followed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory()
    search_index.current()
    competence = Competence.objects.create(name="Unterwasserrobotik")

    with django_capture_on_commit_callbacks(execute=True):
        unit = UnitFactory(organisation=organisation, name="Labor Meerestechnik")
    with django_capture_on_commit_callbacks(execute=True):
        organisation.competences.add(competence)

    assert f"u:{unit.pk}" in ids("Meerestechnik")
    assert f"o:{organisation.pk}" in ids("Unterwasserrobotik")

    with django_capture_on_commit_callbacks(execute=True):
        unit.delete()
    assert ids("Meerestechnik") == []


def test_a_withdrawn_profile_leaves_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory(title="Drohnenbasierte Deichinspektion")
    assert ids("Deichinspektion") == [f"p:{profile.pk}"]

    with django_capture_on_commit_callbacks(execute=True):
        profile.status = ProfileStatus.WITHDRAWN
        profile.save()

    assert ids("Deichinspektion") == []


def test_one_transaction_enqueues_one_refresh(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(25):
            OrganisationFactory(name=f"Firma {n}", kind=Organisation.Kind.SME)

    # One index refresh, and one new visibility stamp for the other processes.
    assert sorted(callback.__qualname__ for callback in callbacks) == [
        "_Pending.flush",
        "_new_stamp",
    ]


def test_another_process_reads_the_shared_file(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(description="Wasserstoffelektrolyse")
    search_index.current()
    generation = IndexState.objects.get().generation
    search_index.forget()  # as if this were another process

    assert ids("Wasserstoffelektrolyse") == [f"o:{organisation.pk}"]
    assert IndexState.objects.get().generation == generation, "read, not rebuilt"


def test_an_unreadable_file_is_rebuilt():
    organisation = OrganisationFactory(description="Batteriespeicher")
    search_index.current()
    search_index.forget()
    search_index.index_path().write_bytes(b"not an index")

    assert ids("Batteriespeicher") == [f"o:{organisation.pk}"]


def test_refresh_without_a_built_index_waits_for_the_first_question():
    organisation = OrganisationFactory(description="Glasfaser")

    assert search_index.refresh([f"o:{organisation.pk}", "nonsense", "x:1"]) == 0
    assert ids("Glasfaser") == [f"o:{organisation.pk}"]


def test_unknown_keys_are_ignored():
    search_index.current()

    assert search_index.refresh(["o:999999", "nonsense"]) == 1  # the missing one is removed


def test_the_command_rebuilds_with_a_progress_bar(capsys):
    OrganisationFactory(description="Agrarrobotik")

    call_command("matching_index")

    out, err = capsys.readouterr()
    assert "Index aufgebaut: 1 Dokumente" in out
    assert "[##############################]" in err
    call_command("matching_index", "--status")
    assert "Generation 1" in capsys.readouterr().out


def test_earlier_cooperation_counts_projects_and_small_events():
    a, b, c, outsider = OrganisationFactory.create_batch(4)
    project = ProjectFactory()
    PartnerFactory(project=project, organisation=a)
    PartnerFactory(project=project, organisation=b)
    PartnerFactory(project=ProjectFactory(), organisation=outsider)
    workshop = EventFactory()
    for organisation in (a, c):
        RegistrationFactory(event=workshop, organisation=organisation, attended_at=timezone.now())
    RegistrationFactory(event=workshop, organisation=b)  # registered, never came

    only_a = cooperation_counts([a.pk])

    assert dict(only_a[a.pk]) == {f"o:{b.pk}": 1, f"o:{c.pk}": 1}
    assert set(only_a) == {a.pk}
    assert dict(cooperation_counts()[outsider.pk]) == {}


@pytest.mark.django_db(transaction=True)
def test_what_a_member_may_see_is_remembered_until_a_change(monkeypatch):
    """A member's visible documents are computed once per scope; a change of the registry, a
    consent or a profile makes the remembered answer unusable: in this process at once, and in
    the others (which only see the shared stamp) once the change is committed."""
    from innonet.matching.queries import visibility

    member = UserFactory(role="member", organisation=OrganisationFactory())
    shown = OrganisationFactory(member_visibility=MemberVisibility.SHOWN)
    first = visibility.visible_documents(member)
    assert f"o:{shown.pk}" in first
    assert visibility.visible_documents(member) is first, "remembered"

    generation = visibility._generation
    shown.member_visibility = MemberVisibility.HIDDEN
    shown.save()
    monkeypatch.setattr(visibility, "_generation", generation)  # as if saved by another process

    assert f"o:{shown.pk}" not in visibility.visible_documents(member)
