"""Writes of the partner registry, one module per concern; import from here."""

from .contact_requests import contact_request_create, contact_request_done
from .imports import (
    import_job_commit,
    import_job_create,
    import_job_interrupt,
    import_job_run,
    import_job_set_mapping,
)
from .interactions import follow_up_done, interaction_record, interaction_update
from .international import international_record, international_update
from .memberships import members_on, membership_set_status
from .merge import organisation_merge, person_merge
from .organisations import organisation_create, organisation_update
from .people import (
    affiliation_add,
    affiliation_end,
    affiliation_ensure,
    consent_record,
    person_create,
    person_for_contact,
    person_update,
)
from .privacy import (
    people_api_read,
    people_past_retention,
    person_accesses_export,
    person_erase,
    person_export,
    person_export_data,
    person_record_view,
)
from .units import unit_create, unit_delete, unit_update

__all__ = [
    "affiliation_add",
    "affiliation_end",
    "affiliation_ensure",
    "consent_record",
    "contact_request_create",
    "contact_request_done",
    "follow_up_done",
    "import_job_commit",
    "import_job_create",
    "import_job_interrupt",
    "import_job_run",
    "import_job_set_mapping",
    "interaction_record",
    "interaction_update",
    "international_record",
    "international_update",
    "members_on",
    "membership_set_status",
    "organisation_create",
    "organisation_merge",
    "organisation_update",
    "people_api_read",
    "people_past_retention",
    "person_accesses_export",
    "person_create",
    "person_erase",
    "person_export",
    "person_export_data",
    "person_for_contact",
    "person_merge",
    "person_record_view",
    "person_update",
    "unit_create",
    "unit_delete",
    "unit_update",
]
