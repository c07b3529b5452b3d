"""URLs: index_status."""

urlpatterns: list = []
