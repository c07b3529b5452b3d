"""Demo data shaped like the seed network, and the demo logins `serve` prints."""

from .logins import DEMO_PASSWORD, demo_login_lines

__all__ = ["DEMO_PASSWORD", "demo_login_lines"]
