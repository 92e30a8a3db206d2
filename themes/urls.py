from django.urls import path

from themes import views

app_name = "themes_branding"

urlpatterns = [
    path("", views.BrandingEditView.as_view(), name="edit"),
    path("pratinjau/", views.BrandingPreviewView.as_view(), name="preview"),
]
