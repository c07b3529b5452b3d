"""REST API of matchmaking: cooperation profiles, introductions and the engine's questions."""

from rest_framework.routers import DefaultRouter

__all__ = ["register_routes", "urlpatterns"]


def register_routes(router: DefaultRouter) -> None:
    from . import introductions, profiles, questions

    for module in (profiles, introductions, questions):
        module.register_routes(router)


def urlpatterns() -> list:
    """Routes that are not viewsets (the questions), added beside the router's."""
    from . import questions

    return list(questions.urlpatterns)
