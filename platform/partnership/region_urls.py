"""The region's side of support access (on the region's host, outside /admin/)."""

from django.urls import path

from partnership import region_views

app_name = "partnership_support"
urlpatterns = [
    path("masuk/<str:token>/", region_views.enter, name="enter"),
]
