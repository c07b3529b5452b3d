"""URLs of the partner registry, one module per area (organisations, people, interactions,
import and merge, privacy, member directory); names are `partners:<model>_<action>`."""

from . import directory, imports, interactions, international, organisations, people, privacy

app_name = "partners"

urlpatterns = [
    *organisations.urlpatterns,
    *directory.urlpatterns,
    *people.urlpatterns,
    *interactions.urlpatterns,
    *international.urlpatterns,
    *imports.urlpatterns,
    *privacy.urlpatterns,
]
