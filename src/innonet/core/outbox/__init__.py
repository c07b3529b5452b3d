"""The outbox: every mail the platform sends is stored as one row first, then sent by the
background worker (RELIABILITY item 22).

`queue_mail` stores a composed message under a key that names what it is for; storing the
same key again does nothing, so a retried task or a resumed newsletter never mails twice.
`send_due` (run by the `core.tasks.send_outbox` task) leases due rows and hands them to the
SMTP server.
"""

from .queueing import message_id_for, queue_mail
from .sending import send_due

__all__ = ["message_id_for", "queue_mail", "send_due"]
