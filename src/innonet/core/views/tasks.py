from django.http import HttpResponse
from django.views import View

from .mixins import StaffRequiredMixin


class TaskListView(StaffRequiredMixin, View):
    def get(self, request):
        return HttpResponse("tasks")
