from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "organisation", "network", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    autocomplete_fields = ["organisation", "network"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language"]}),
        (_("Role"), {"fields": ["role", "organisation", "network", "is_active", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "password1", "password2", "role", "organisation", "network"]})
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal: list[str] = []

    def save_model(self, request, obj, form, change) -> None:
        services.user_save(obj, acting_user=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see and revoke tokens; secrets are never shown (only hashes are stored)."""

    list_display = ["name", "user", "scope", "created_at", "expires_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "user__email", "key_id"]
    readonly_fields = ["user", "key_id", "scope", "created_at", "expires_at", "last_used_at"]
    exclude = ["secret_hash"]

    def has_add_permission(self, request) -> bool:
        return False
