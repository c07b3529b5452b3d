"""REST routes of news and knowledge articles."""

from .publications import register_routes

__all__ = ["register_routes"]
