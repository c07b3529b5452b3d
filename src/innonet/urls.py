from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from innonet.accounts.views import EmailAddressView, admin_login, language_switch
from innonet.core.views import errors

# The admin signs in through the same login (with two-factor) as every other page.
admin.site.login = admin_login
admin.site.site_header = "innonet"

urlpatterns = [
    path("", include("innonet.core.urls")),
    path("", include("innonet.reporting.urls")),
    path("accounts/", include("innonet.accounts.urls")),
    # Listed before allauth's own e-mail management, which would let users change their
    # sign-in address without the office; this page explains instead.
    path("accounts/email/", EmailAddressView.as_view(), name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("partners/", include("innonet.partners.urls")),
    path("", include("innonet.events.urls")),
    path("", include("innonet.projects.urls")),
    path("", include("innonet.matching.urls")),
    path("", include("innonet.meetings.urls")),
    path("", include("innonet.content.urls")),
    path("", include("innonet.networks.urls")),
    # Django's switch, which also stores a signed-in person's choice on the account.
    path("i18n/setlang/", language_switch, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    path("api/", include("innonet.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

if settings.DEBUG:
    urlpatterns.append(path("__debug__/500/", errors.raise_error))
