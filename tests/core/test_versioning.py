"""The kit for versioned records (core.versioning): lock and compare, apply and detect changes,
policy, version count and audit; the edit-form mixin, the conflict differences, the API's 409.
Organisations stand in for every versioned model: they have relations, many-to-many fields and
a policy that limits members to some fields."""

import pytest
from django import forms
from django.utils import translation
from rest_framework.test import APIRequestFactory

from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.models import AuditEntry
from innonet.core.permissions import NotPermittedError
from innonet.core.versioning import (
    ConflictError,
    apply_changes,
    creator,
    lock,
    save_new_version,
    versioned_update,
)
from innonet.core.versioning.forms import VersionedFormMixin, differences
from innonet.core.versioning.rest import conflict_response
from innonet.partners import services
from innonet.partners.api import OrganisationViewSet
from innonet.partners.forms.organisations import OrganisationForm
from innonet.partners.models import Organisation
from tests.factories import (
    CompetenceFactory,
    DistrictFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
FIELDS = ("name", "city", "district", "competences")


def update(organisation, *, version=1, user=None, **data):
    return versioned_update(
        organisation,
        data=data,
        fields=FIELDS,
        expected_version=version,
        acting_user=user,
        action="tests.organisation.updated",
    )


def audit_entries():
    return AuditEntry.objects.filter(action="tests.organisation.updated")


# lock and compare ---------------------------------------------------------------------------


def test_a_stale_version_is_refused_with_the_current_record():
    organisation = OrganisationFactory(name="Stand GmbH", city="Aurich")
    update(organisation, city="Emden")
    with pytest.raises(ConflictError) as error:
        update(organisation, version=1, city="Leer")
    assert error.value.current.version == 2
    assert error.value.current.city == "Emden"
    with translation.override("en"):
        assert "“Stand GmbH” was changed by someone else" in str(
            ConflictError(error.value.current).message
        )
    organisation.refresh_from_db()
    assert (organisation.city, organisation.version) == ("Emden", 2)
    assert audit_entries().count() == 1


def test_no_expected_version_means_no_check():
    organisation = OrganisationFactory()
    update(organisation, city="Emden")
    saved, changed = update(organisation, version=None, city="Leer")
    assert (saved.city, saved.version, changed) == ("Leer", 3, ["city"])


def test_a_version_from_the_future_is_a_conflict_too():
    organisation = OrganisationFactory()
    with pytest.raises(ConflictError):
        update(organisation, version=99, city="Leer")
    organisation.refresh_from_db()
    assert organisation.version == 1


def test_the_guard_refuses_before_the_version_is_compared():
    organisation = OrganisationFactory()

    def closed(current):
        raise DomainError("closed")

    with pytest.raises(DomainError, match="closed"):
        lock(organisation, 42, guard=closed)


# apply, changes, audit ----------------------------------------------------------------------


def test_only_given_fields_are_applied_and_the_changed_ones_named_and_audited():
    organisation = OrganisationFactory(name="Alt", city="Aurich", description="bleibt")
    saved, changed = update(organisation, name="Neu", city="Aurich", description="ignoriert")
    assert changed == ["name"]
    assert (saved.name, saved.description) == ("Neu", "bleibt")
    assert audit_entries().get().data == {"fields": ["name"]}


def test_a_save_without_changes_still_counts_a_version_and_is_audited():
    organisation = OrganisationFactory(city="Aurich")
    saved, changed = update(organisation, city="Aurich")
    assert (changed, saved.version) == ([], 2)
    assert audit_entries().get().data == {"fields": []}


def test_relations_compare_by_id_whether_given_as_object_or_id():
    district = DistrictFactory()
    organisation = OrganisationFactory(district=district)
    assert apply_changes(organisation, {"district": district}, FIELDS) == []
    assert apply_changes(organisation, {"district": district.pk}, FIELDS) == []
    other = DistrictFactory()
    assert apply_changes(organisation, {"district": other.pk}, FIELDS) == ["district"]
    assert organisation.district_id == other.pk


def test_many_to_many_fields_compare_by_their_set_of_ids():
    first, second = CompetenceFactory(), CompetenceFactory()
    organisation = OrganisationFactory()
    organisation.competences.set([first, second])
    _saved, changed = update(organisation, competences=[second, first])
    assert changed == []
    _saved, changed = update(organisation, version=2, competences=[first.pk])
    assert changed == ["competences"]
    assert list(organisation.competences.all()) == [first]
    assert audit_entries().order_by("pk").last().data == {"fields": ["competences"]}


def test_a_refused_validation_saves_nothing():
    organisation = OrganisationFactory(name="Bleibt")

    def no_empty_names(current, changed):
        assert changed == ["name"]
        if not current.name:
            raise DomainError("Enter a name.", field="name")

    with pytest.raises(DomainError):
        versioned_update(
            organisation,
            data={"name": ""},
            fields=FIELDS,
            expected_version=1,
            acting_user=None,
            action="tests.organisation.updated",
            validate=no_empty_names,
        )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.version) == ("Bleibt", 1)
    assert not audit_entries().exists()


def test_the_policy_decides_which_changed_fields_a_role_may_write():
    member = UserFactory(role="member")
    organisation = member.organisation
    name = organisation.name
    saved, _changed = update(organisation, user=member, city="Emden", name=name)
    assert saved.city == "Emden"
    with pytest.raises(NotPermittedError) as error:
        update(organisation, version=2, user=member, name="Umbenannt")
    assert error.value.field == "name"
    organisation.refresh_from_db()
    assert (organisation.name, organisation.version) == (name, 2)
    stranger = UserFactory(role="member")
    with pytest.raises(NotPermittedError):
        update(organisation, version=2, user=stranger, city="Leer")


def test_save_new_version_counts_and_saves_only_the_fields_named():
    organisation = OrganisationFactory(city="Aurich", description="alt")
    current = Organisation.objects.get(pk=organisation.pk)
    current.city, current.description = "Emden", "neu"
    save_new_version(current, update_fields=["city"])
    organisation.refresh_from_db()
    assert (organisation.version, organisation.city, organisation.description) == (
        2,
        "Emden",
        "alt",
    )


def test_creator_stores_signed_in_users_only(staff_user):
    assert creator(staff_user) == staff_user
    assert creator(None) is None
    organisation = services.organisation_create(
        data={"name": "Neu AG", "kind": "sme"}, acting_user=staff_user
    )
    assert organisation.created_by == staff_user


# forms ---------------------------------------------------------------------------------------


class TinyForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "city", "kind", "competences"]


def test_the_form_carries_the_version_it_was_loaded_with():
    organisation = OrganisationFactory()
    organisation.version = 4
    assert TinyForm(instance=organisation).initial["version"] == 4
    assert "version" not in TinyForm().initial
    assert TinyForm().fields["version"].widget.is_hidden


def test_a_damaged_version_is_said_above_the_form():
    organisation = OrganisationFactory()
    form = TinyForm({"name": "X", "kind": "sme", "version": "1e309"}, instance=organisation)
    assert not form.is_valid()
    assert "version" in form.errors and form.non_field_errors()


def test_a_required_version_is_required_on_edits_only():
    class StrictForm(TinyForm):
        version_required = True

    organisation = OrganisationFactory()
    assert not StrictForm({"name": "X", "kind": "sme"}, instance=organisation).is_valid()
    assert StrictForm({"name": "X", "kind": "sme"}).is_valid()


def test_differences_name_the_fields_that_differ_with_labels_and_choice_names():
    first, second = CompetenceFactory(name="Kit-Sensorik"), CompetenceFactory(name="Kit-Robotik")
    organisation = OrganisationFactory(name="Gleich", city="Aurich", kind="sme")
    organisation.competences.set([first])
    data = {"name": "Gleich", "city": "Leer", "kind": "large", "competences": [second.pk]}
    form = TinyForm(data, instance=organisation)
    assert form.is_valid(), form.errors
    stored = Organisation.objects.get(pk=organisation.pk)  # is_valid() changed the instance
    with translation.override("en"):
        rows = differences(form, stored)
        label = {name: str(form.fields[name].label) for name in form.fields}
    assert rows == [
        (label["city"], "Leer", "Aurich"),
        (label["kind"], "large company", "SME"),
        (label["competences"], "Kit-Robotik", "Kit-Sensorik"),
    ]


def test_the_organisation_form_uses_the_mixin():
    organisation = OrganisationFactory()
    assert OrganisationForm(instance=organisation).initial["version"] == 1


def test_form_error_puts_a_domain_error_on_its_field_or_above_the_form():
    form = TinyForm({"name": "X", "kind": "sme"})
    assert form.is_valid()
    form_error(form, DomainError("Name taken.", field="name"))
    form_error(form, DomainError("Not here.", field="no_such_field"))
    assert form.errors["name"] == ["Name taken."]
    assert form.non_field_errors() == ["Not here."]


# API -----------------------------------------------------------------------------------------


def test_the_409_answer_holds_the_message_and_the_current_record(staff_user):
    organisation = OrganisationFactory(name="Aktuell AG")
    update(organisation, city="Emden")
    request = APIRequestFactory().patch("/")
    request.user = staff_user
    view = OrganisationViewSet(request=request, format_kwarg=None, kwargs={})
    with pytest.raises(ConflictError) as error:
        update(organisation, version=1, city="Leer")
    response = conflict_response(view, error.value)
    assert response.status_code == 409
    assert response.data["detail"] == error.value.message
    assert (response.data["current"]["city"], response.data["current"]["version"]) == (
        "Emden",
        2,
    )
