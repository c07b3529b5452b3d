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


# -- several hosts: each keeps its own copy and follows the changes recorded in the database --


@pytest.fixture
def hosts(tmp_path, settings, monkeypatch):
    """`hosts("a")` makes the test act as that host: its own index file and its own copy in
    memory, as separate machines sharing only the database. Counts the builds per host."""
    copies: dict[str, search_index._Copy] = {}
    builds: dict[str, int] = {}
    active = {"name": ""}
    real_build = search_index._build

    def counting_build(*args, **kwargs):
        builds[active["name"]] = builds.get(active["name"], 0) + 1
        return real_build(*args, **kwargs)

    monkeypatch.setattr(search_index, "_build", counting_build)

    def switch(name: str) -> dict[str, int]:
        if active["name"]:
            copies[active["name"]] = search_index._copy
        active["name"] = name
        search_index._copy = copies.get(name) or search_index._Copy()
        settings.MATCHING_INDEX_PATH = tmp_path / name / "matching-index.pickle"
        return builds

    yield switch
    search_index._copy = search_index._Copy()


def _change(organisation, description: str, capture) -> None:
    with capture(execute=True):
        organisation.description = description
        organisation.save()


def test_another_host_applies_changes_without_a_new_build(
    hosts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(description="Brennstoffzellen")
    builds = hosts("a")
    assert ids("Brennstoffzellen") == [f"o:{organisation.pk}"]
    build_id = IndexState.objects.get().build_id
    hosts("b")
    assert ids("Brennstoffzellen") == [f"o:{organisation.pk}"]
    assert builds == {"a": 1, "b": 1}, "b builds its own copy from the database"

    hosts("a")
    _change(organisation, "Wärmepumpen", django_capture_on_commit_callbacks)  # a's worker
    assert ids("Wärmepumpen") == [f"o:{organisation.pk}"]
    hosts("b")
    assert ids("Wärmepumpen") == [f"o:{organisation.pk}"]
    assert ids("Brennstoffzellen") == []

    assert builds == {"a": 1, "b": 1}, "b applied the change itself"
    state = IndexState.objects.get()
    assert state.build_id == build_id
    assert state.generation == 2  # the first build, then one change


def test_a_new_process_of_a_host_starts_from_its_file_and_catches_up(
    hosts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(description="Kältetechnik")
    builds = hosts("a")
    ids("Kältetechnik")
    hosts("b")
    ids("Kältetechnik")
    hosts("a")
    _change(organisation, "Drucklufttechnik", django_capture_on_commit_callbacks)

    hosts("b")
    search_index._copy = search_index._Copy()  # b restarts: only its file is left
    assert ids("Drucklufttechnik") == [f"o:{organisation.pk}"]
    assert builds == {"a": 1, "b": 1}


def test_a_full_rebuild_makes_every_host_build_its_copy_once(
    hosts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(description="Leichtbau")
    builds = hosts("a")
    ids("Leichtbau")
    hosts("b")
    ids("Leichtbau")
    hosts("a")
    call_command("matching_index")  # the nightly rebuild, on host a

    hosts("b")
    assert ids("Leichtbau") == [f"o:{organisation.pk}"]
    assert ids("Leichtbau") == [f"o:{organisation.pk}"]
    hosts("a")
    ids("Leichtbau")
    assert builds == {"a": 2, "b": 2}


def test_a_copy_older_than_the_kept_changes_is_built_anew(
    hosts, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(search_index, "CHANGES_KEPT", timezone.timedelta(0))
    monkeypatch.setattr(search_index, "PRUNE_EVERY", 1)
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(description="Galvanik")
    builds = hosts("a")
    ids("Galvanik")
    hosts("b")
    ids("Galvanik")
    hosts("a")
    _change(organisation, "Oberflächentechnik", django_capture_on_commit_callbacks)
    _change(organisation, "Beschichtung", django_capture_on_commit_callbacks)  # prunes the first
    assert IndexState.objects.get().pruned_through >= 2

    hosts("b")
    assert ids("Beschichtung") == [f"o:{organisation.pk}"]
    assert builds["b"] == 2, "the record b needed is gone: built anew, locally"
    assert IndexState.objects.get().generation == 3, "without a new shared build"


def test_too_many_changes_are_built_anew_instead_of_applied(
    hosts, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(search_index, "CATCH_UP_MAX", 1)
    with django_capture_on_commit_callbacks(execute=True):
        first, second = OrganisationFactory.create_batch(2, description="Sägewerk")
    builds = hosts("a")
    ids("Sägewerk")
    hosts("b")
    ids("Sägewerk")
    hosts("a")
    with django_capture_on_commit_callbacks(execute=True):
        for organisation in (first, second):
            organisation.description = "Holzbau"
            organisation.save()

    hosts("b")
    assert sorted(ids("Holzbau")) == sorted([f"o:{first.pk}", f"o:{second.pk}"])
    assert builds["b"] == 2


def test_the_host_file_is_written_again_once_it_lags(
    hosts, monkeypatch, django_capture_on_commit_callbacks
):
    from innonet.matching.engine import Index

    monkeypatch.setattr(search_index, "SAVE_AFTER", 2)
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(description="Akustik")
    hosts("a")
    ids("Akustik")
    _change(organisation, "Schallschutz", django_capture_on_commit_callbacks)
    assert Index.load(search_index.index_path()).stamp[1] == 1
    _change(organisation, "Raumakustik", django_capture_on_commit_callbacks)

    assert Index.load(search_index.index_path()).stamp[1] == 3


def test_changes_wait_for_searches_in_progress():
    """A search holds the copy; applying changes waits for it, and a search that starts while
    a change waits comes after the change (so changes are never starved)."""
    import threading

    lock = search_index._ReadWriteLock()
    order: list[str] = []
    with lock.reading():
        writer = threading.Thread(target=lambda: _write_with(lock, order))
        writer.start()
        writer.join(timeout=0.2)
        assert writer.is_alive(), "the change waits for the search"
        with lock.reading():  # the same search asking again does not deadlock
            order.append("search")
    writer.join(timeout=5)
    assert order == ["search", "change"]


def _write_with(lock, order: list[str]) -> None:
    with lock.writing():
        order.append("change")
