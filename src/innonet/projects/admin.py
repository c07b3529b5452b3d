"""Admin views for support: the office works in the app's own pages, which apply the rules
(stage moves, budgets, upload checks). The admin therefore only reads projects."""

from django.contrib import admin

from .models import FundingCall, FundingProgramme, InnovationProject, StageChange


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "level", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "funder"]


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "opens_on", "is_active"]
    list_filter = ["programme", "is_active"]
    search_fields = ["title"]


@admin.register(InnovationProject)
class InnovationProjectAdmin(_ReadOnly):
    list_display = ["title", "stage", "owner", "confidentiality", "programme", "updated_at"]
    list_filter = ["stage", "confidentiality"]
    search_fields = ["search_text"]
    list_select_related = ["owner", "programme"]


@admin.register(StageChange)
class StageChangeAdmin(_ReadOnly):
    list_display = ["project", "from_stage", "to_stage", "changed_at", "changed_by"]
    list_filter = ["to_stage"]
    list_select_related = ["project", "changed_by"]
