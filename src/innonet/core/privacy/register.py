"""The register of personal data (GDPR Art. 30): every personal field, why we keep it, on
which legal basis and for how long. A test fails when a model gains a personal field that is
not listed here, and another when a listed field has no contributor that exports and erases
it, so the register cannot fall behind the code.

Each processing's retention is a text with the period it names read from a setting: the
retention job (`retention.py`) enforces the same `Period`, so the text and the job cannot
disagree, and a test fails when a processing has no retention rule."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Period:
    """A retention period: a number of days or years from a setting (see settings.py)."""

    setting: str
    unit: str  # "days" or "years"

    @property
    def value(self) -> int:
        return int(getattr(settings, self.setting))

    @property
    def delta(self) -> timedelta:
        return timedelta(days=self.value * (365 if self.unit == "years" else 1))

    def __str__(self) -> str:
        count = self.value
        if self.unit == "years":
            return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}
        return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


@dataclass(frozen=True)
class Retention:
    """How long a processing keeps its data, as the register says it; `%(period)s` in the
    text stands for `period`, the figure the retention job enforces."""

    text: str | Promise
    period: Period | None = None

    def __str__(self) -> str:
        if self.period is None:
            return str(self.text)
        return str(self.text) % {"period": self.period}


@dataclass(frozen=True)
class Processing:
    purpose: str | Promise
    legal_basis: str | Promise
    retention: Retention
    # Data not held in the project's own model fields (a library's tables), for the records
    categories: str | Promise = ""


INACTIVITY = Period("RETENTION_YEARS", "years")
CONSENT_PERIOD = Period("CONSENT_RETENTION_YEARS", "years")
SECURITY_PERIOD = Period("AUDIT_RETENTION_YEARS", "years")
MAIL_TEXT_PERIOD = Period("OUTBOX_RETENTION_DAYS", "days")
TASK_RESULT_PERIOD = Period("TASK_RESULT_RETENTION_DAYS", "days")
REPLAY_PERIOD = Period("IDEMPOTENCY_RETENTION_DAYS", "days")

ACCOUNT = Processing(
    _("Signing in and acting in the platform"),
    _("Art. 6(1)(b) GDPR: use of the platform by members and staff"),
    Retention(
        _("Until the account is closed; accounts unused for %(period)s are flagged for the office"),
        INACTIVITY,
    ),
)
CONTACT = Processing(
    _("Keeping in touch with partner organisations and their staff"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in running its partnerships"),
    Retention(
        _("Until erasure is requested; flagged for the office after %(period)s without activity"),
        INACTIVITY,
    ),
)
CONSENT = Processing(
    _("Proving what a person agreed to and when"),
    _("Art. 7(1) GDPR: the controller must be able to demonstrate consent"),
    Retention(_("As long as the consent is used, then %(period)s"), CONSENT_PERIOD),
)
SECURITY = Processing(
    _("Security and accountability: who did what, from where"),
    _("Art. 6(1)(f) GDPR and Art. 32 GDPR"),
    Retention(_("%(period)s, then deleted"), SECURITY_PERIOD),
)
OFFICE_NOTES = Processing(
    _("The office's notes on consultations and introductions"),
    _("Art. 6(1)(f) GDPR: legitimate interest in advising partners"),
    Retention(
        _("Until erasure is requested; flagged for the office %(period)s after the contact"),
        INACTIVITY,
    ),
)

EVENT_PARTICIPATION = Processing(
    _("Running events: registration, confirmation, participant list, check-in, feedback"),
    _("Art. 6(1)(b) GDPR: the participant's registration for the event"),
    Retention(
        _("Names and contact data removed %(period)s after the event; the counts stay"),
        INACTIVITY,
    ),
)
PROJECT_WORK = Processing(
    _("Initiating innovation projects: notes, tasks, documents and who moved them on"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in initiating projects"),
    Retention(_("As long as the project is kept, or until erasure is requested")),
)
MATCHMAKING = Processing(
    _("Bringing partners together: cooperation profiles, suggestions and introductions"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in brokering cooperation"),
    Retention(_("As long as the profile or introduction is kept, or until erasure is requested")),
)
EVENT_PROGRAMME = Processing(
    _("Announcing events with their programme and speakers"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in announcing its events"),
    Retention(_("As long as the event is kept, or until erasure is requested")),
)
PUBLICATIONS = Processing(
    _("Naming the author of the network's news and knowledge articles"),
    _("Art. 6(1)(f) GDPR: legitimate interest of the network in informing about its work"),
    Retention(_("As long as the item is kept, or until erasure is requested")),
)
NEWSLETTER = Processing(
    _("Sending the newsletter to those who subscribed and confirmed (double opt-in)"),
    _("Art. 6(1)(a) GDPR and § 7(2) UWG: the subscriber's consent"),
    Retention(
        _("Until unsubscribing; the subscription and its consent log then %(period)s more"),
        CONSENT_PERIOD,
    ),
)
MAIL_DELIVERY = Processing(
    _("Sending the platform's e-mails, showing what went to whom, not mailing blocked addresses"),
    _("Art. 6(1)(b) and (f) GDPR: the purpose of each mail, and legitimate interest in delivery"),
    Retention(
        _("Texts for %(period)s; recipient and time until erasure is requested"),
        MAIL_TEXT_PERIOD,
    ),
)
API_REPLAY = Processing(
    _("Answering a repeated API write with the first answer instead of a second object"),
    _("Art. 6(1)(b) GDPR: use of the platform by members and staff"),
    Retention(_("%(period)s, then deleted"), REPLAY_PERIOD),
)
BACKGROUND_JOBS = Processing(
    _("Running work in the background (mails, imports, reports) and showing staff its outcome"),
    _("Art. 6(1)(f) GDPR: legitimate interest in reliable operation"),
    Retention(_("%(period)s after the job ended, then deleted"), TASK_RESULT_PERIOD),
    _("Arguments and results of background jobs, which may name a mail's recipients"),
)

# Every processing by a stable key: the records of processing and the retention rules use it.
PROCESSINGS: dict[str, Processing] = {
    "account": ACCOUNT,
    "contact": CONTACT,
    "consent": CONSENT,
    "security": SECURITY,
    "office_notes": OFFICE_NOTES,
    "event_participation": EVENT_PARTICIPATION,
    "project_work": PROJECT_WORK,
    "matchmaking": MATCHMAKING,
    "event_programme": EVENT_PROGRAMME,
    "publications": PUBLICATIONS,
    "newsletter": NEWSLETTER,
    "mail_delivery": MAIL_DELIVERY,
    "api_replay": API_REPLAY,
    "background_jobs": BACKGROUND_JOBS,
}

REGISTER: dict[str, Processing] = {
    "accounts.User.email": ACCOUNT,
    "accounts.User.full_name": ACCOUNT,
    "accounts.User.language": ACCOUNT,
    "accounts.User.last_login": SECURITY,
    "core.AuditEntry.actor_label": SECURITY,
    "core.AuditEntry.ip_address": SECURITY,
    "core.AuditEntry.object_label": SECURITY,
    "core.PersonalDataAccess.actor_label": SECURITY,
    "core.PersonalDataAccess.subject_id": SECURITY,
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
    # Notes on an international activity may name the people met (like a contact's notes).
    "partners.InternationalActivity.notes": OFFICE_NOTES,
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
