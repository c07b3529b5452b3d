"""The register of personal data (GDPR Art. 30): every personal field, why we keep it, on
which legal basis and for how long. A test fails when a model gains a personal field that is
not listed here, and another when a listed field has no contributor that exports and erases
it, so the register cannot fall behind the code."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Processing:
    purpose: str | Promise
    legal_basis: str | Promise
    retention: str | Promise


ACCOUNT = Processing(
    _("Signing in and acting in the platform"),
    _("Art. 6(1)(b) GDPR: use of the platform by members and staff"),
    _("Until the account is closed"),
)
CONTACT = Processing(
    _("Keeping in touch with partner organisations and their staff"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in running its partnerships"),
    _("Until erasure is requested, or flagged after the inactivity period"),
)
CONSENT = Processing(
    _("Proving what a person agreed to and when"),
    _("Art. 7(1) GDPR: the controller must be able to demonstrate consent"),
    _("As long as the consent is used, then three years"),
)
SECURITY = Processing(
    _("Security and accountability: who did what, from where"),
    _("Art. 6(1)(f) GDPR and Art. 32 GDPR"),
    _("Two years"),
)
OFFICE_NOTES = Processing(
    _("The office's notes on consultations and introductions"),
    _("Art. 6(1)(f) GDPR: legitimate interest in advising partners"),
    _("Until erasure is requested, or flagged after the inactivity period"),
)

EVENT_PARTICIPATION = Processing(
    _("Running events: registration, confirmation, participant list, check-in, feedback"),
    _("Art. 6(1)(b) GDPR: the participant's registration for the event"),
    _("Until erasure is requested, or flagged with the person after the inactivity period"),
)
PROJECT_WORK = Processing(
    _("Initiating innovation projects: notes, tasks, documents and who moved them on"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in initiating projects"),
    _("As long as the project is kept, or until erasure is requested"),
)
MATCHMAKING = Processing(
    _("Bringing partners together: cooperation profiles, suggestions and introductions"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in brokering cooperation"),
    _("As long as the profile or introduction is kept, or until erasure is requested"),
)
EVENT_PROGRAMME = Processing(
    _("Announcing events with their programme and speakers"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in announcing its events"),
    _("As long as the event is kept, or until erasure is requested"),
)
PUBLICATIONS = Processing(
    _("Naming the author of the network's news and knowledge articles"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in informing about its work"),
    _("As long as the item is kept, or until erasure is requested"),
)
NEWSLETTER = Processing(
    _("Sending the newsletter to those who subscribed and confirmed (double opt-in)"),
    _("Art. 6(1)(a) GDPR and § 7(2) UWG: the subscriber's consent"),
    _("Until unsubscribing; the consent log then three more years"),
)
MAIL_DELIVERY = Processing(
    _("Sending the platform's e-mails, showing what went to whom, not mailing blocked addresses"),
    _("Art. 6(1)(b) and (f) GDPR: the purpose of each mail, and legitimate interest in delivery"),
    _("Texts for OUTBOX_RETENTION_DAYS (90 days), recipient and time until erasure is requested"),
)
API_REPLAY = Processing(
    _("Answering a repeated API write with the first answer instead of a second object"),
    _("Art. 6(1)(b) GDPR: use of the platform by members and staff"),
    _("One day"),
)

REGISTER: dict[str, Processing] = {
    "accounts.User.email": ACCOUNT,
    "accounts.User.full_name": ACCOUNT,
    "accounts.User.language": ACCOUNT,
    "accounts.User.last_login": SECURITY,
    "core.AuditEntry.actor_label": SECURITY,
    "core.AuditEntry.ip_address": SECURITY,
    "core.AuditEntry.object_label": SECURITY,
    "partners.Person.title": CONTACT,
    "partners.Person.first_name": CONTACT,
    "partners.Person.last_name": CONTACT,
    "partners.Person.email": CONTACT,
    "partners.Person.phone": CONTACT,
    "partners.Person.language": CONTACT,
    "partners.Affiliation.position": CONTACT,
    "partners.Organisation.email": CONTACT,
    "partners.Organisation.phone": CONTACT,
    "partners.Consent.purpose": CONSENT,
    "partners.Consent.granted": CONSENT,
    "partners.Consent.recorded_at": CONSENT,
    "partners.Consent.source": CONSENT,
    "partners.Consent.text_version": CONSENT,
    "events.Registration.first_name": EVENT_PARTICIPATION,
    "events.Registration.last_name": EVENT_PARTICIPATION,
    "events.Registration.email": EVENT_PARTICIPATION,
    "events.Registration.phone": EVENT_PARTICIPATION,
    "events.Registration.position": EVENT_PARTICIPATION,
    "events.Registration.organisation_name": EVENT_PARTICIPATION,
    "events.Registration.dietary_requirements": EVENT_PARTICIPATION,
    "events.Registration.remarks": EVENT_PARTICIPATION,
    "events.Registration.language": EVENT_PARTICIPATION,
    "events.Registration.consent_version": CONSENT,
    "events.Registration.consented_at": CONSENT,
    "events.Registration.attended_at": EVENT_PARTICIPATION,
    "events.Feedback.comment": EVENT_PARTICIPATION,
    "events.Event.speakers": EVENT_PROGRAMME,
    "partners.Interaction.topic": OFFICE_NOTES,
    "partners.Interaction.notes": OFFICE_NOTES,
    "projects.InnovationProject.owner": PROJECT_WORK,
    "projects.StageChange.changed_by": PROJECT_WORK,
    "projects.StageChange.reason": PROJECT_WORK,
    "projects.ProjectNote.author": PROJECT_WORK,
    "projects.ProjectNote.text": PROJECT_WORK,
    "projects.ProjectTask.assignee": PROJECT_WORK,
    "projects.ProjectDocument.file": PROJECT_WORK,
    "projects.ProjectDocument.original_name": PROJECT_WORK,
    "projects.ProjectDocument.uploaded_by": PROJECT_WORK,
    "projects.DeadlineReminder.recipient": PROJECT_WORK,
    "matching.CooperationProfile.contact": MATCHMAKING,
    "matching.Introduction.first_person": MATCHMAKING,
    "matching.Introduction.second_person": MATCHMAKING,
    "matching.Introduction.topic": MATCHMAKING,
    "matching.Introduction.message": MATCHMAKING,
    "matching.IntroductionOutcome.note": MATCHMAKING,
    "matching.Suggestion.query_text": MATCHMAKING,
    "matching.ProfileResponse.name": MATCHMAKING,
    "matching.ProfileResponse.email": MATCHMAKING,
    "matching.ProfileResponse.organisation_name": MATCHMAKING,
    "matching.ProfileResponse.message": MATCHMAKING,
    "matching.ProfileResponse.consent_version": CONSENT,
    "matching.ProfileResponse.consented_at": CONSENT,
    "matching.InterestRequest.person": MATCHMAKING,
    "matching.InterestRequest.message": MATCHMAKING,
    "matching.InterestRequest.note": MATCHMAKING,
    "api.IdempotencyKey.response_body": API_REPLAY,
    "content.News.author": PUBLICATIONS,
    "content.KnowledgeArticle.author": PUBLICATIONS,
    "content.Subscription.email": NEWSLETTER,
    "content.Subscription.name": NEWSLETTER,
    "content.Subscription.language": NEWSLETTER,
    "content.Subscription.topics": NEWSLETTER,
    "content.Subscription.person": NEWSLETTER,
    "content.SubscriptionEvent.action": CONSENT,
    "content.SubscriptionEvent.source": CONSENT,
    "content.SubscriptionEvent.recorded_at": CONSENT,
    "content.SubscriptionEvent.text_version": CONSENT,
    "core.OutgoingMail.to_address": MAIL_DELIVERY,
    "core.SuppressedAddress.address": MAIL_DELIVERY,
}

# Field names and types that hold personal data wherever they appear.
PERSONAL_FIELD_NAMES = frozenset(
    {
        "email", "phone", "mobile", "first_name", "last_name", "full_name", "title",
        "ip_address", "actor_label", "street", "birth_date", "position", "notes",
    }
)  # fmt: skip
