"""The one base class of domain errors; views turn it into a form error or a 400."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is translated and safe to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
