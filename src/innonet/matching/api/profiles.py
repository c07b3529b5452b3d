"""API: profiles."""

urlpatterns: list = []


def register_routes(router) -> None:
    pass
