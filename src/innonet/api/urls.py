from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from innonet.accounts.api import MeView
from innonet.content.api import register_routes as register_content
from innonet.core.api import register_routes as register_core
from innonet.events.api import register_routes as register_events
from innonet.matching import api as matching_api
from innonet.partners.api import register_routes as register_partners
from innonet.projects.api import register_routes as register_projects
from innonet.reporting.api import register_routes as register_reporting

router = DefaultRouter()
register_core(router)
register_partners(router)
register_events(router)
register_projects(router)
matching_api.register_routes(router)
register_content(router)
register_reporting(router)

urlpatterns = [
    path("", include(router.urls)),
    path("me/", MeView.as_view(), name="api-me"),
    *matching_api.urlpatterns(),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets inline styles; scripts stay restricted to our own files.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="schema", template_name="api/swagger_ui.html"
            )
        ),
        name="swagger-ui",
    ),
]
