from django.contrib import admin

from .legal import legal_page_save
from .models import AuditEntry, Competence, Country, District, LegalPage, Ris3Field


@admin.register(Ris3Field)
class Ris3FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Competence)
class CompetenceAdmin(Ris3FieldAdmin):
    list_display = ["name", "parent", "is_active"]
    search_fields = ["name", "synonyms"]


@admin.register(District)
class DistrictAdmin(Ris3FieldAdmin):
    list_display = ["name", "state", "area", "official_key", "is_active"]
    search_fields = ["name", "official_key"]
    list_filter = ["area", "state", "is_active"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "is_eu", "is_active"]
    list_filter = ["is_eu", "is_active"]
    search_fields = ["code", "name", "name_en"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, also for administrators."""

    list_display = ["created_at", "actor_label", "action", "object_label", "request_id"]
    list_filter = ["action"]
    search_fields = ["action", "object_label", "actor_label", "request_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """Imprint and privacy policy; saving goes through the service, which writes the audit."""

    list_display = ["kind", "updated_at"]
    fields = ["kind", "body"]

    def get_readonly_fields(self, request, obj=None):
        return ["kind"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        saved = legal_page_save(obj.kind, body=obj.body, acting_user=request.user)
        obj.pk, obj.created_at, obj.updated_at = saved.pk, saved.created_at, saved.updated_at
