"""URLs of matchmaking; names are `matching:<thing>_<action>`."""

from . import een, index_status, introductions, profiles, questions, responses

app_name = "matching"

urlpatterns = [
    *een.urlpatterns,
    *profiles.urlpatterns,
    *responses.urlpatterns,
    *questions.urlpatterns,
    *introductions.urlpatterns,
    *index_status.urlpatterns,
]
