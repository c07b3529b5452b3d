"""URLs of the newsletter and its subscriptions."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
