"""Resident pages, mounted by the framework at /laksa/ (namespace module-laksa)."""

from django.urls import path

from modules.laksa import views

urlpatterns = [
    path("", views.index, name="index"),
    path("lacak/<str:code>/", views.track, name="track"),
]
