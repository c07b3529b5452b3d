"""The newsletter's parts: who gets an issue (segments), what it proposes, the mails and
their signed links, its use of the outbox, its figures, filters and personal data."""
