from django.urls import path

from ..views import international

urlpatterns = [
    path(
        "international/", international.InternationalListView.as_view(), name="international_list"
    ),
    path(
        "international/neu/",
        international.InternationalFormView.as_view(),
        name="international_create",
    ),
    path(
        "international/<int:pk>/",
        international.InternationalDetailView.as_view(),
        name="international_detail",
    ),
    path(
        "international/<int:pk>/bearbeiten/",
        international.InternationalFormView.as_view(),
        name="international_update",
    ),
]
