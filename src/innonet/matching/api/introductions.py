"""API: introductions."""

urlpatterns: list = []


def register_routes(router) -> None:
    pass
