"""The errors of introductions, shared by planning, sending, outcomes and requests."""

from django.core.exceptions import ValidationError

from innonet.core.errors import DomainError


class IntroductionError(DomainError):
    """A rule of introductions was broken; the message says which."""


class IntroductionMoveError(IntroductionError, ValidationError):
    """An outcome the introduction cannot reach from where it is. Also a ValidationError, so
    callers that expect one (forms, the API's handler) treat it as bad input."""

    message: str  # set by ValidationError.__init__, as DomainError promises

    def __init__(self, message: str, *, code: str) -> None:
        ValidationError.__init__(self, message, code=code)
        self.field = "status"
