"""Users with one role each, and their API tokens."""

from .tokens import ApiToken
from .users import Role, User

__all__ = ["ApiToken", "Role", "User"]
