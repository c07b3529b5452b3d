"""Who sees and issues the funder's reports."""

from innonet.core import permissions

from .models import IssuedReport


@permissions.register(IssuedReport)
class IssuedReportPolicy(permissions.Policy):
    """Staff and the board read every issued report; only staff issue. Nobody changes or
    deletes one: a correction is a new version."""

    def can_change(self, user, obj) -> bool:
        return False

    def can_delete(self, user, obj) -> bool:
        return False
