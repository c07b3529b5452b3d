"""A URLconf with a view that fails, to see the 500 page as a user would."""

from django.urls import include, path

from innonet.core.views import errors


def explode(request):
    raise RuntimeError("secret internals: SELECT * FROM innonet")


urlpatterns = [
    path("explode/", explode),
    path("api/explode/", explode),
    path("", include("innonet.urls")),
]
handler500 = errors.server_error
handler404 = errors.page_not_found
