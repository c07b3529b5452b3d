"""What the audit log's action codes and the background tasks mean, in words people read.

The codes (`matching.introduction.requested`) and task paths stay what the code and the data
use; pages show these descriptions and keep the code at hand for staff. tests/core/
test_descriptions.py fails when an action code written anywhere in the sources, or a task, has
no description here, so a new one cannot be forgotten.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTIONS: dict[str, Promise] = {
    # accounts
    "accounts.login.failed": _("Sign-in failed"),
    "accounts.mfa.added": _("Two-factor authentication set up"),
    "accounts.mfa.removed": _("Two-factor authentication removed"),
    "accounts.session.expired": _("Session expired"),
    "accounts.token.created": _("API token created"),
    "accounts.token.revoked": _("API token revoked"),
    "accounts.totp_code.shown": _("Two-factor code shown on the command line"),
    "accounts.user.created": _("User account created"),
    "accounts.user.deactivated": _("User account deactivated"),
    "accounts.user.role_changed": _("Role of a user account changed"),
    # core
    "core.access.denied": _("Access denied"),
    "core.legal_page.saved": _("Imprint or privacy policy changed"),
    "core.outbox.address_blocked": _("E-mail address blocked"),
    "core.outbox.address_unblocked": _("E-mail address unblocked"),
    "core.outbox.retried": _("Failed e-mail queued again"),
    "core.privacy_records.exported": _("Records of processing exported"),
    "core.retention.applied": _("Personal data past its retention period removed"),
    "core.taxonomy.created": _("Taxonomy term created"),
    "core.taxonomy.reactivated": _("Taxonomy term reactivated"),
    "core.taxonomy.retired": _("Taxonomy term retired"),
    "core.taxonomy.updated": _("Taxonomy term changed"),
    # content
    "content.article.created": _("Knowledge article created"),
    "content.article.deleted": _("Knowledge article deleted"),
    "content.article.published": _("Knowledge article published"),
    "content.article.unpublished": _("Knowledge article taken back to the drafts"),
    "content.article.updated": _("Knowledge article changed"),
    "content.news.created": _("News item created"),
    "content.news.deleted": _("News item deleted"),
    "content.news.published": _("News item published"),
    "content.news.unpublished": _("News item taken back to the drafts"),
    "content.news.updated": _("News item changed"),
    "demo.data.loaded": _("Demo data loaded"),
    # content (newsletter)
    "content.issue.scheduled": _("Newsletter issue scheduled for sending"),
    "content.subscription.unsubscribed": _("Newsletter subscription ended by the office"),
    # events
    "events.badges.printed": _("Name badges printed"),
    "events.calendar_feed.reset": _("Personal calendar address replaced"),
    "events.event.cancelled": _("Event cancelled"),
    "events.event.created": _("Event created"),
    "events.event.finished": _("Event finished"),
    "events.event.published": _("Event published"),
    "events.event.updated": _("Event changed"),
    "events.feedback.submitted": _("Feedback given"),
    "events.format.adopted": _("Event format adopted"),
    "events.format.created": _("Event format created"),
    "events.format.updated": _("Event format changed"),
    "events.participant_list.printed": _("Participant list printed"),
    "events.registration.approved": _("Registration approved"),
    "events.registration.cancelled": _("Registration cancelled"),
    "events.registration.check_in_undone": _("Check-in undone"),
    "events.registration.checked_in": _("Participant checked in"),
    "events.registration.confirmed": _("Registration confirmed"),
    "events.registration.exported": _("Registrations exported"),
    "events.registration.organisation_linked": _("Registration linked to an organisation"),
    "events.registration.promoted": _("Moved up from the waiting list"),
    "events.registration.rejected": _("Registration declined"),
    "events.registration.submitted": _("Registration submitted"),
    "events.task.added": _("Event task added"),
    "events.task.done": _("Event task done"),
    # matching
    "matching.index.rebuild_requested": _("Matching index rebuild requested"),
    "matching.introduction.created": _("Introduction planned"),
    "matching.introduction.outcome": _("Outcome of an introduction recorded"),
    "matching.introduction.project_started": _("Project started from an introduction"),
    "matching.introduction.requested": _("Introduction requested by a member"),
    "matching.interest.requested": _("A member is interested in a partner"),
    "matching.interest.planned": _("Introduction planned from a member's request"),
    "matching.interest.closed": _("A member's request closed"),
    "matching.profile_response.received": _("A visitor answered a cooperation profile"),
    "matching.profile_response.done": _("A visitor's answer handled"),
    "matching.introduction.sent": _("Introduction sent"),
    "matching.profile.created": _("Cooperation profile created"),
    "matching.profile.published": _("Cooperation profile published"),
    "matching.profile.reminded": _("Reminder about an expiring cooperation profile sent"),
    "matching.profile.renewed": _("Cooperation profile renewed"),
    "matching.profile.updated": _("Cooperation profile changed"),
    "matching.profile.withdrawn": _("Cooperation profile withdrawn"),
    "matching.profile.een_exported": _("Cooperation profiles exported as EEN file"),
    "matching.profile.een_imported": _("Cooperation profiles imported from an EEN file"),
    "matching.suggestion.rated": _("Suggestion rated"),
    # partners
    "partners.consent.granted": _("Consent given"),
    "partners.contact_request.created": _("A member asked for contact through the office"),
    "partners.contact_request.done": _("A contact request handled"),
    "partners.consent.withdrawn": _("Consent withdrawn"),
    "partners.import.committed": _("Import saved"),
    "partners.import.interrupted": _("Import interrupted"),
    "partners.import.uploaded": _("Import file uploaded"),
    "networks.agreement.created": _("Network agreement made"),
    "networks.agreement.updated": _("Network agreement changed"),
    "networks.agreement.ended": _("Network agreement ended"),
    "networks.agreement.withdrawn": _("Network agreement withdrawn before it began"),
    "partners.international.recorded": _("International activity recorded"),
    "partners.international.updated": _("International activity changed"),
    "partners.interaction.exported": _("Contacts exported"),
    "partners.interaction.follow_up_done": _("Follow-up done"),
    "partners.interaction.recorded": _("Contact recorded"),
    "partners.interaction.updated": _("Contact changed"),
    "partners.membership.status_changed": _("Membership status changed"),
    "partners.organisation.created": _("Organisation created"),
    "partners.organisation.exported": _("Organisations exported"),
    "partners.organisation.merged": _("Organisations merged"),
    "partners.organisation.updated": _("Organisation changed"),
    "partners.person.created": _("Person created"),
    "partners.person.accesses_exported": _("List of who saw a person's data exported"),
    "partners.person.erased": _("Person's data erased"),
    "partners.person.exported": _("Person's data exported"),
    "partners.person.exported_list": _("List of people exported"),
    "partners.person.merged": _("People merged"),
    "partners.person.role_added": _("Role of a person added"),
    "partners.person.role_ended": _("Role of a person ended"),
    "partners.person.updated": _("Person changed"),
    "partners.person.viewed": _("Person's data viewed"),
    "partners.unit.created": _("Unit created"),
    "partners.unit.deleted": _("Unit deleted"),
    "partners.unit.updated": _("Unit changed"),
    # projects
    "projects.call.created": _("Funding call created"),
    "projects.call.updated": _("Funding call changed"),
    "projects.document.added": _("Project document added"),
    "projects.document.downloaded": _("Project document downloaded"),
    "projects.note.added": _("Project note added"),
    "projects.partner.added": _("Project partner added"),
    "projects.partner.removed": _("Project partner removed"),
    "projects.partner.updated": _("Project partner changed"),
    "projects.programme.created": _("Funding programme created"),
    "projects.programme.updated": _("Funding programme changed"),
    "projects.project.created": _("Project created"),
    "projects.project.exported": _("Projects exported"),
    "projects.project.moved": _("Project moved to another stage"),
    "projects.project.updated": _("Project changed"),
    "projects.task.added": _("Project task added"),
    "projects.task.done": _("Project task done"),
    # reporting
    "reporting.indicator.exported": _("Records behind an indicator exported"),
    "reporting.targets.saved": _("Yearly targets of the indicators saved"),
    "reporting.attention.exported": _("Partners needing attention exported"),
    "reporting.report.downloaded": _("Funder's report downloaded"),
    "reporting.report.issued": _("Funder's report issued"),
    "reporting.report.retried": _("Funder's report generated again"),
}

TASKS: dict[str, Promise] = {
    "innonet.reporting.tasks.refresh_figures": _("Compute the figures again after a change"),
    "innonet.meetings.tasks.build_plan": _("Build the meeting plan of a marketplace"),
    "innonet.meetings.tasks.send_request_mail": _("Tell a participant about a meeting request"),
    "innonet.meetings.tasks.send_plan_mails": _("Send participants their changed meeting plan"),
    "innonet.core.tasks.send_mail_task": _("Send an e-mail"),
    "innonet.core.tasks.send_outbox": _("Send the waiting e-mails"),
    "innonet.core.tasks.privacy_retention": _("Remove personal data past its retention period"),
    "innonet.content.tasks.send_due_issues": _("Send the newsletter issues that are due"),
    "innonet.content.tasks.send_issue": _("Send a newsletter issue"),
    "innonet.events.tasks.send_event_cancelled": _("Tell participants that an event is cancelled"),
    "innonet.events.tasks.send_event_reminders": _("Send event reminders"),
    "innonet.events.tasks.send_feedback_requests": _("Ask participants for feedback"),
    "innonet.events.tasks.send_registration_mail": _("Send a registration mail"),
    "innonet.matching.tasks.rebuild_index": _("Rebuild the matching index"),
    "innonet.matching.tasks.refresh_index": _("Update the matching index"),
    "innonet.matching.tasks.send_introduction_mail": _("Send an introduction"),
    "innonet.matching.tasks.send_interest_request_mail": _(
        "Tell the office about a member's interest request"
    ),
    "innonet.matching.tasks.send_profile_reminder": _("Remind of an expiring cooperation profile"),
    "innonet.partners.tasks.import_check_task": _("Check an import file"),
    "innonet.partners.tasks.import_commit_task": _("Save an import"),
    "innonet.projects.tasks.send_deadline_mail": _("Send a funding deadline reminder"),
    "innonet.projects.tasks.send_deadline_reminders": _("Send funding deadline reminders"),
    "innonet.reporting.tasks.report_generate_task": _("Generate a funder's report"),
}


# The kinds of outgoing mail (core/outbox): `category` as the apps queue it.
MAIL_KINDS: dict[str, Promise] = {
    "core.mail": _("Notice from the platform"),
    "events.confirm_request": _("Event: please confirm the registration"),
    "events.already_registered": _("Event: already registered"),
    "events.confirm_colleagues": _("Event: colleagues please confirm"),
    "events.confirmed": _("Event: registration confirmed"),
    "events.colleague_confirmed": _("Event: colleague's registration confirmed"),
    "events.waiting": _("Event: on the waiting list"),
    "events.pending": _("Event: registration awaits approval"),
    "events.promoted": _("Event: a place became free"),
    "events.full": _("Event: fully booked"),
    "events.rejected": _("Event: registration declined"),
    "events.cancelled": _("Event: registration cancelled"),
    "events.event_cancelled": _("Event: the event was cancelled"),
    "events.reminder": _("Event: reminder the day before"),
    "events.feedback_request": _("Event: request for feedback"),
    "matching.introduction": _("Introduction of two partners"),
    "matching.request": _("A member's interest request"),
    "matching.profile_reminder": _("Cooperation profile about to expire"),
    "meetings.request.received": _("Meetings: a request arrived"),
    "meetings.request.answered": _("Meetings: a request was answered"),
    "meetings.request.withdrawn": _("Meetings: a request was called off"),
    "meetings.plan": _("Meetings: the plan changed"),
    "projects.deadline_reminder": _("Funding deadline reminder"),
    "newsletter": _("Newsletter"),
    "newsletter-confirm": _("Newsletter: please confirm the subscription"),
}
# Kinds named by a group and a name that varies (allauth's templates).
MAIL_KIND_GROUPS: dict[str, Promise] = {
    "accounts": _("Account: sign-in, password or e-mail address"),
}


def mail_kind_label(category: str) -> str:
    """The description of an outgoing mail's kind; an unknown one is shown as it is."""
    if category in MAIL_KINDS:
        return str(MAIL_KINDS[category])
    group = MAIL_KIND_GROUPS.get(category.split(".", 1)[0])
    return str(group) if group is not None else category


def action_label(code: str) -> str:
    """The description of an audit action code; an unknown (old) code is shown as it is."""
    return str(ACTIONS.get(code, code))


def task_label(path: str) -> str:
    """The description of a background task by its import path; unknown: the function name."""
    description = TASKS.get(path)
    return str(description) if description is not None else path.rsplit(".", 1)[-1]
