from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "country"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]
    autocomplete_fields = ["district", "country"]
    readonly_fields = ["created_by"]
