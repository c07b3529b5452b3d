"""The scenarios of the worker-kill fault run (benchmarks/fault_worker_kill.py): for each
background task, how to enqueue it with the demo data as the platform does, and how to tell
whether its outcome after the kill is the one docs/decisions.md plans for it."""

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any


@dataclass
class Row:
    """One line of the table."""

    task: str
    killed: str
    outcome: str
    duplicates: int
    seconds: float
    ok: bool


@dataclass
class Scenario:
    """`start()` enqueues the task (directly or through the service that does) and returns a
    context for `check(context, mails)`, which says the outcome and whether it is right."""

    task: str
    start: Callable[[], Any]
    check: Callable[[Any, "Mails"], tuple[str, bool]]


class Mails:
    """The outbox rows a scenario made and what the SMTP server received meanwhile."""

    def __init__(self, server: Any) -> None:
        from innonet.core.models import OutgoingMail

        self.server = server
        self.first = (
            OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first()
        ) or 0
        server.received.clear()

    def rows(self):
        from innonet.core.models import OutgoingMail

        return OutgoingMail.objects.filter(pk__gt=self.first)

    def pending(self) -> int:
        return self.rows().filter(status__in=("waiting", "sending")).count()

    def duplicates(self) -> int:
        ids = Counter(str(message["Message-ID"]) for message in self.server.received)
        return sum(count - 1 for count in ids.values())

    def once(self, expected: int | None = None) -> tuple[str, bool]:
        """Every row sent and received exactly once (and as many as expected)."""
        rows = self.rows().count()
        sent = self.rows().filter(status="sent").count()
        received = len({str(m["Message-ID"]) for m in self.server.received})
        ok = rows == sent == received and self.duplicates() == 0
        if expected is not None:
            ok = ok and rows == expected
        wanted = "" if expected is None else f" (expected {expected})"
        return f"{rows} mails queued{wanted}, {sent} sent, {received} arrived", ok and rows > 0


# Scenarios ----------------------------------------------------------------------------------


# A scenario tried again (its task finished before the kill) takes new objects: the mails
# are keyed, so the same ones would store nothing.
TRIES = itertools.count(1)
_USED: set[tuple[str, int]] = set()


def unused(queryset: Any) -> Any:
    """The first object of `queryset` no scenario has taken yet."""
    for obj in queryset:
        if (obj._meta.label, obj.pk) not in _USED:
            _USED.add((obj._meta.label, obj.pk))
            return obj
    return None


def _staff():
    from innonet.accounts.models import Role, User

    return User.objects.filter(role=Role.STAFF, is_active=True).order_by("pk").first()


def scenarios() -> list[Scenario]:
    from django.utils import timezone

    from innonet.content.models import Issue, IssueStatus
    from innonet.content.newsletter.segments import issue_recipient_ids
    from innonet.core.outbox import queue_mail
    from innonet.core.tasks import send_mail_task
    from innonet.events import tasks as event_tasks
    from innonet.events.models import Event, EventStatus, Registration, RegistrationStatus
    from innonet.matching import tasks as matching_tasks
    from innonet.matching.documents import organisation_key
    from innonet.matching.models import (
        CooperationProfile,
        IndexState,
        InterestRequest,
        Introduction,
    )
    from innonet.partners import services as partner_services
    from innonet.partners.models import ImportJob, Organisation
    from innonet.partners.tasks import import_check_task, import_commit_task
    from innonet.projects import tasks as project_tasks
    from innonet.projects.models import CallDeadline, DeadlineReminder, FundingCall
    from innonet.reporting import services as report_services
    from innonet.reporting.models import IssuedReport
    from innonet.reporting.tasks import refresh_figures

    found: list[Scenario] = []

    def add(path: str):
        def register(pair):
            found.append(Scenario(path, *pair()))
            return pair

        return register

    def mails_once(expected_of: Callable[[Any], int | None] = lambda _c: None):
        return lambda context, mails: mails.once(expected_of(context))

    # core
    @add("innonet.core.tasks.send_mail_task")
    def _():
        to = [f"empfaenger{n}@beispiel.example" for n in range(20)]

        def start():
            subject = f"Rundschreiben {next(TRIES)}"  # new content, as the mail is keyed by it
            send_mail_task.enqueue(subject=subject, body="Text", recipients=to)

        return start, mails_once(lambda _c: 20)

    @add("innonet.core.tasks.send_outbox")
    def _():
        from django.core.mail import EmailMessage
        from django.db import transaction

        def start():
            batch = next(TRIES)
            with transaction.atomic():  # one batch, as a newsletter chunk queues them
                for n in range(60):
                    message = EmailMessage(
                        subject=f"Mitteilung {n}", body="Text", to=[f"m{n}@beispiel.example"]
                    )
                    queue_mail(message, key=f"fault:outbox:{batch}:{n}", category="core.mail")

        def check(_context, mails):
            # At least once: the mail the server had accepted when the worker died, before
            # it was marked sent, goes out again after its lease (docs/decisions.md).
            text, ok = mails.once(60)
            if not ok and mails.duplicates() <= 1:
                rows = mails.rows()
                ok = rows.count() == rows.filter(status="sent").count() == 60
                text += "; the one in flight at the kill twice"
            return text, ok

        return start, check

    # content
    def newsletter(status_after: bool):
        def start():
            model = Issue.objects.order_by("pk").first()  # the demo's network
            issue = Issue.objects.create(
                subject="Neues aus dem Netzwerk", introduction="Liebe Mitglieder, …",
                status=IssueStatus.SCHEDULED, scheduled_for=timezone.now(),
                network=model.network if model else None, created_by=_staff(),
            )  # fmt: skip
            if status_after:
                from innonet.content.tasks import send_due_issues

                send_due_issues.enqueue()
            else:
                from innonet.content.tasks import send_issue

                send_issue.enqueue(issue_id=issue.pk)
            return issue.pk, len(issue_recipient_ids(issue))

        def check(context, mails):
            issue_id, expected = context
            text, ok = mails.once(expected)
            status = Issue.objects.get(pk=issue_id).status
            return f"issue {status}; {text}", ok and status == IssueStatus.SENT

        return start, check

    add("innonet.content.tasks.send_issue")(lambda: newsletter(False))
    add("innonet.content.tasks.send_due_issues")(lambda: newsletter(True))

    # events
    def upcoming_event() -> Event:
        soon = timezone.now() + timedelta(hours=2)
        published = Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=soon)
        return unused(published.order_by("-pk"))

    def confirmed(event: Event, count: int = 15) -> int:
        have = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        for n in range(have, count):
            Registration.objects.create(
                event=event,
                status=RegistrationStatus.CONFIRMED,
                first_name="Gast",
                last_name=str(n),
                email=f"gast{event.pk}.{n}@beispiel.example",
            )
        return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()

    @add("innonet.events.tasks.send_registration_mail")
    def _():
        def start():
            registration = (
                Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
                .exclude(email="")
                .order_by("pk")
                .first()
            )
            event_tasks.send_registration_mail.enqueue(
                registration_id=registration.pk, kind="confirmed", occasion=f"fault{next(TRIES)}"
            )

        return start, mails_once(lambda _c: 1)

    @add("innonet.events.tasks.send_event_reminders")
    def _():
        def start():
            event = upcoming_event()
            count = confirmed(event)
            event.registrations.update(reminder_sent_at=None)
            event_tasks.send_event_reminders.enqueue(
                event_id=event.pk, starts_at=event.starts_at.isoformat()
            )
            return count

        return start, mails_once(lambda count: count)

    @add("innonet.events.tasks.send_feedback_requests")
    def _():
        def start():
            event = upcoming_event()
            count = confirmed(event)
            Event.objects.filter(pk=event.pk).update(status=EventStatus.FINISHED)
            event.registrations.update(feedback_requested_at=None, attended_at=None)
            event_tasks.send_feedback_requests.enqueue(event_id=event.pk)
            return count

        return start, mails_once(lambda count: count)

    @add("innonet.events.tasks.send_event_cancelled")
    def _():
        def start():
            event = upcoming_event()
            confirmed(event)
            notified = (
                event.registrations.filter(status__in=("confirmed", "waiting", "pending"))
                .exclude(email="")
                .count()
            )
            Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
            event_tasks.send_event_cancelled.enqueue(event_id=event.pk)
            return notified

        return start, mails_once(lambda count: count)

    # matching
    @add("innonet.matching.tasks.refresh_index")
    def _():
        def start():
            from innonet.matching import search_index

            search_index.rebuild()  # an index to refresh
            keys = [
                organisation_key(pk)
                for pk in Organisation.objects.values_list("pk", flat=True)[:400]
            ]
            before = IndexState.objects.get().generation
            matching_tasks.refresh_index.enqueue(keys=keys)
            return before

        def check(before, mails):
            generation = IndexState.objects.get().generation
            return f"index generation {before} -> {generation}", generation > before

        return start, check

    @add("innonet.matching.tasks.rebuild_index")
    def _():
        def start():
            IndexState.objects.update(rebuild_requested_at=timezone.now(), rebuild_error="")
            matching_tasks.rebuild_index.enqueue()

        def check(_context, mails):
            state = IndexState.objects.get()
            done = state.rebuild_requested_at is None and not state.rebuild_error
            return (
                f"rebuilt ({state.documents} documents)"
                if done
                else f"not rebuilt: {state.rebuild_error}",
                done,
            )

        return start, check

    @add("innonet.matching.tasks.send_introduction_mail")
    def _():
        def start():
            introduction = unused(Introduction.objects.order_by("pk"))
            matching_tasks.send_introduction_mail.enqueue(
                introduction_id=introduction.pk, side="first"
            )

        return start, mails_once()

    @add("innonet.matching.tasks.send_interest_request_mail")
    def _():
        def start():
            asking, target = Organisation.objects.order_by("pk")[:2]
            request = InterestRequest.objects.create(
                organisation=asking, target_organisation=target, requested_by=_staff(),
                topic="Partner für Sensorik gesucht",
            )  # fmt: skip
            matching_tasks.send_interest_request_mail.enqueue(request_id=request.pk)

        return start, mails_once(lambda _c: 1)

    @add("innonet.matching.tasks.send_profile_reminder")
    def _():
        def start():
            profile = unused(
                CooperationProfile.objects.filter(created_by__is_active=True).order_by("pk")
            )
            matching_tasks.send_profile_reminder.enqueue(
                profile_id=profile.pk, role="creator", valid_until=profile.valid_until.isoformat()
            )

        return start, mails_once(lambda _c: 1)

    # partners
    def import_job(rows: int = 1500) -> ImportJob:
        lines = ["Name;Ort"] + [f"Störfall {n} GmbH;Rostock" for n in range(rows)]
        job = partner_services.import_job_create(
            kind="organisations", filename="stoerfall.csv", data="\n".join(lines).encode(),
            delimiter=";", acting_user=_staff(),
        )  # fmt: skip
        ImportJob.objects.filter(pk=job.pk).update(defaults={"kind": "sme"})
        return job

    def import_check(job_id, mails):
        job = ImportJob.objects.get(pk=job_id)
        imported = Organisation.objects.filter(name__startswith="Störfall ").count()
        ok = job.status == ImportJob.Status.INTERRUPTED and imported == 0
        return f"job {job.status}, {imported} organisations written", ok

    @add("innonet.partners.tasks.import_check_task")
    def _():
        def start():
            job = import_job()
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)
            import_check_task.enqueue(job_id=job.pk)
            return job.pk

        return start, import_check

    @add("innonet.partners.tasks.import_commit_task")
    def _():
        def start():
            job = import_job()
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
            import_commit_task.enqueue(job_id=job.pk, user_id=_staff().pk)
            return job.pk

        return start, import_check

    # projects
    def deadline() -> CallDeadline:
        call = (
            FundingCall.objects.filter(is_active=True, programme__is_active=True)
            .order_by("pk")
            .first()
        )
        return CallDeadline.objects.create(
            call=call, label="Stichtag Störfall", due_at=timezone.now() + timedelta(days=5)
        )

    @add("innonet.projects.tasks.send_deadline_reminders")
    def _():
        def start():
            due = deadline()
            project_tasks.send_deadline_reminders.enqueue(
                call_id=due.call_id, due_at=due.due_at.isoformat(), days_before=7
            )
            return len(project_tasks.recipients(due.call))

        return start, mails_once(lambda count: count)

    @add("innonet.projects.tasks.send_deadline_mail")
    def _():
        def start():
            due = deadline()
            reminder = DeadlineReminder.objects.create(
                call_id=due.call_id,
                label=due.label,
                due_at=due.due_at,
                days_before=7,
                recipient=_staff(),
            )
            project_tasks.send_deadline_mail.enqueue(reminder_id=reminder.pk)

        return start, mails_once(lambda _c: 1)

    # reporting
    @add("innonet.reporting.tasks.report_generate_task")
    def _():
        def start():
            from innonet.reporting.indicators import Period

            today = timezone.localdate()
            period = Period(today.replace(month=1, day=1), today)
            return report_services.issue_report(period, None, acting_user=_staff()).pk

        def check(report_id, mails):
            report = IssuedReport.objects.get(pk=report_id)
            ok = (
                report.status == IssuedReport.Status.DONE and bool(report.pdf) and bool(report.xlsx)
            )
            return f"report {report.status}", ok

        return start, check

    @add("innonet.reporting.tasks.refresh_figures")
    def _():
        def start():
            today = timezone.localdate()
            first = today.replace(year=today.year - 3, month=1, day=1).isoformat()
            refresh_figures.enqueue(
                name="dashboard", parts=[first, today.isoformat(), 0], language="de"
            )

        def check(_context, mails):
            return "lost, not run again; a later page computes the figures", True

        return start, check

    return found
