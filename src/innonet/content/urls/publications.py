"""URLs of the news and the knowledge base."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
