"""Commits that need not wait for the disk."""

from django.db import connection


def commit_without_waiting_for_the_disk() -> None:
    """On PostgreSQL, let the current transaction's commit return before the disk confirms it
    (`synchronous_commit` off for this transaction only).

    For writes whose loss in a crash of the database server itself (within a fraction of a
    second of the commit) costs little and whose waiting costs every request: the outbox's
    "sent" marks and the access log of pages and API reads (docs/decisions.md). A killed app
    process or worker loses nothing: the server has the commit. SQLite runs with
    `synchronous=NORMAL` already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
