"""URLs: profiles."""

urlpatterns: list = []
