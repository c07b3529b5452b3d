"""The deadline reminder mail, in the recipient's language, plain text plus HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import DeadlineReminder, InnovationProject

PROJECTS_SHOWN = 20


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def deadline_reminder(reminder: DeadlineReminder) -> EmailMultiAlternatives:
    """The reminder of one call deadline for one person, listing that person's own projects
    aimed at the call (owners are staff, who see every project)."""
    from .tasks import WORKING_STAGES

    call, person = reminder.call, reminder.recipient
    projects = InnovationProject.objects.filter(call=call, stage__in=WORKING_STAGES)
    own = list(projects.filter(owner=person).order_by("title")[:PROJECTS_SHOWN])
    with translation.override(person.language or settings.LANGUAGE_CODE):
        due = timezone.localtime(reminder.due_at)
        days_left = max((reminder.due_at - timezone.now()).days, 0)
        values = {"label": reminder.label, "call": call.title, "date": f"{due:%d.%m.%Y}"}
        # No line break from a title ever reaches the header (RELIABILITY.md item 23).
        subject = " ".join((_("Deadline %(date)s: %(label)s, %(call)s") % values).split())[:200]
        context = {
            "reminder": reminder,
            "call": call,
            "programme": call.programme,
            "due": due,
            "days_left": days_left,
            "own_projects": [
                (project, _absolute(reverse("projects:project_detail", args=[project.pk])))
                for project in own
            ],
            "project_count": projects.count(),
            "call_url": _absolute(reverse("projects:call_detail", args=[call.pk])),
            "name": person.full_name or person.email,
        }
        text = render_to_string("projects/mail/deadline_reminder.txt", context)
        html = render_to_string("projects/mail/deadline_reminder.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message
