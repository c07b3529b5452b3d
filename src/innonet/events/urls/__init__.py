"""URLs of formats and events, one module per area; names are `events:<thing>_<action>`."""

from . import calendar, formats, links, office, onsite, public

app_name = "events"

urlpatterns = [
    *calendar.urlpatterns,
    *formats.urlpatterns,
    *office.urlpatterns,
    *onsite.urlpatterns,
    *links.urlpatterns,
    *public.urlpatterns,
]
