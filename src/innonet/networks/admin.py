from django.contrib import admin

from .models import Network, NetworkAgreement


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["ris3_fields"]


@admin.register(NetworkAgreement)
class NetworkAgreementAdmin(admin.ModelAdmin):
    list_display = ["grantor", "grantee", "valid_from", "valid_until"]
    list_filter = ["grantor", "grantee"]
    raw_id_fields = ["signed_by"]
