"""Admin views for support: the office works in the app's own pages, which apply the rules."""

from django.contrib import admin

from .models import Event, Format, Registration


@admin.register(Format)
class FormatAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "is_shared", "is_active"]
    list_filter = ["network", "is_shared", "is_active"]
    search_fields = ["name"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "status", "visibility", "capacity", "organiser"]
    list_filter = ["status", "visibility", "organiser"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: states change only through the services (capacity, waiting list, mails)."""

    list_display = ["__str__", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["search_text"]
    list_select_related = ["event"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
