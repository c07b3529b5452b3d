"""URLs: introductions."""

urlpatterns: list = []
