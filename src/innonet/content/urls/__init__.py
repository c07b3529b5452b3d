"""URLs of news, the knowledge base and the newsletter, one module per area; names are
`content:<thing>_<action>`."""

from . import newsletter, publications

app_name = "content"

urlpatterns = [
    *publications.urlpatterns,
    *newsletter.urlpatterns,
]
