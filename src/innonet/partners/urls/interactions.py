urlpatterns: list = []  # filled by this area's views
