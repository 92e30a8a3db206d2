from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.join, name="join"),
    path("cek-subdomain/", views.check_subdomain, name="check_subdomain"),
    path("verifikasi/<str:token>/", views.verify, name="verify"),
    path("status/<str:token>/", views.status, name="status"),
]
