from django.http import HttpResponse
from django.views import View

from .mixins import StaffRequiredMixin


class TaxonomyIndexView(StaffRequiredMixin, View):
    def get(self, request):
        return HttpResponse("taxonomies")
