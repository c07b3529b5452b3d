"""Writes of the partner registry, one module per concern; import from here."""

from .memberships import members_on, membership_set_status
from .organisations import organisation_create, organisation_update

__all__ = [
    "members_on",
    "membership_set_status",
    "organisation_create",
    "organisation_update",
]
from .imports import import_job_commit as import_job_commit
from .imports import import_job_create as import_job_create
from .imports import import_job_interrupt as import_job_interrupt
from .imports import import_job_run as import_job_run
from .imports import import_job_set_mapping as import_job_set_mapping
from .interactions import follow_up_done as follow_up_done
from .interactions import interaction_record as interaction_record
from .interactions import interaction_update as interaction_update
from .merge import organisation_merge as organisation_merge
from .merge import person_merge as person_merge
from .people import affiliation_add as affiliation_add
from .people import affiliation_end as affiliation_end
from .people import affiliation_ensure as affiliation_ensure
from .people import consent_record as consent_record
from .people import person_create as person_create
from .people import person_for_contact as person_for_contact
from .people import person_update as person_update
from .privacy import people_past_retention as people_past_retention
from .privacy import person_erase as person_erase
from .privacy import person_export as person_export
from .privacy import person_export_data as person_export_data
from .privacy import person_record_view as person_record_view
from .units import unit_create as unit_create
from .units import unit_delete as unit_delete
from .units import unit_update as unit_update
