from innonet.core.errors import DomainError


class MeetingError(DomainError):
    """A rule of the marketplace was broken; the message is translated and safe to show."""
