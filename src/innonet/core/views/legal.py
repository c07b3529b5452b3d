"""The imprint and the privacy policy: public pages every footer and consent text links to."""

from typing import Any

from django.conf import settings
from django.views.generic import TemplateView

from ..legal import legal_page
from ..models import LegalPage


class LegalPageView(TemplateView):
    """One legal page; until staff have written it, a notice says so and whom to ask."""

    template_name = "core/legal_page.html"
    kind = LegalPage.Kind.IMPRINT

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page=legal_page(self.kind),
            heading=LegalPage.Kind(self.kind).label,
            office_email=settings.OFFICE_EMAIL,
            kind=str(self.kind),
        )
        return context
