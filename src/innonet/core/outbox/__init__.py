"""The outbox: every mail the platform sends is stored as one row first, then sent by the
background worker (RELIABILITY item 22).

`queue_mail` stores a composed message under a key that names what it is for, `queue_many`
stores thousands in bulk (a newsletter issue); storing the same key again does nothing, so a
retried task or a resumed newsletter never mails twice. `send_due` (run by the
`core.tasks.send_outbox` task) leases due rows and hands them to the SMTP server; what a
server's answer means for a row is decided in `outcomes`.
"""

from .outcomes import HARD_BOUNCE_CODES, Kind, Outcome, classify
from .planning import outbox_nudge, plan_next_run
from .queries import attention_rows, batch_figures, needs_attention, rows_for_addresses
from .queueing import message_id_for, queue_mail, queue_many, suppressed_among
from .retention import outbox_prune
from .sending import SendFigures, build_message, lease_due, send_due, suppress_address

__all__ = [
    "HARD_BOUNCE_CODES",
    "Kind",
    "Outcome",
    "SendFigures",
    "attention_rows",
    "batch_figures",
    "build_message",
    "classify",
    "lease_due",
    "message_id_for",
    "needs_attention",
    "outbox_nudge",
    "outbox_prune",
    "plan_next_run",
    "queue_mail",
    "queue_many",
    "rows_for_addresses",
    "send_due",
    "suppress_address",
    "suppressed_among",
]
