"""The deadline reminder mail, in the recipient's language, plain text plus HTML."""

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core import mail
from innonet.core.dates import short_date_lazy

from .models import DeadlineReminder, InnovationProject

PROJECTS_SHOWN = 20


def deadline_reminder(reminder: DeadlineReminder) -> EmailMultiAlternatives:
    """The reminder of one call deadline for one person, listing that person's own projects
    aimed at the call (owners are staff, who see every project)."""
    from .tasks import WORKING_STAGES

    call, person = reminder.call, reminder.recipient
    projects = InnovationProject.objects.filter(call=call, stage__in=WORKING_STAGES)
    own = list(projects.filter(owner=person).order_by("title")[:PROJECTS_SHOWN])
    due = timezone.localtime(reminder.due_at)
    return mail.compose(
        "projects/mail/deadline_reminder",
        to=person.email,
        language=person.language,
        subject=_("Deadline %(date)s: %(label)s, %(call)s"),
        subject_values={"label": reminder.label, "call": call.title, "date": short_date_lazy(due)},
        context={
            "reminder": reminder,
            "call": call,
            "programme": call.programme,
            "due": due,
            "days_left": max((reminder.due_at - timezone.now()).days, 0),
            "own_projects": [
                (project, mail.link("projects:project_detail", project.pk)) for project in own
            ],
            "project_count": projects.count(),
            "call_url": mail.link("projects:call_detail", call.pk),
            "name": person.full_name.strip(),
        },
    )
