"""URLs: questions."""

urlpatterns: list = []
