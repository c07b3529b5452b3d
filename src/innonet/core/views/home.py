"""The start page: what each role needs first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from innonet.core import permissions, queries


def home(request: HttpRequest) -> HttpResponse:
    role = permissions.role_of(request.user)
    context = queries.start_page_context(request.user, role)
    return render(request, f"core/home_{role}.html", context)


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database reachability for load balancers."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
