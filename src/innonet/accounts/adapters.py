"""How allauth behaves here: no open sign-up, our mail language and client address rules."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from innonet.core.middleware import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are created by network staff; membership applications come separately."""
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """Same rule as everywhere: X-Forwarded-For only counts behind a trusted proxy."""
        return client_ip(request) or "unknown"
