from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.join, name="join"),
    path("cek-subdomain/", views.check_subdomain, name="check_subdomain"),
    path("verifikasi/<str:token>/", views.verify, name="verify"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/progres.json", views.status_json, name="status_json"),
    path("status/<str:token>/kirim-tautan/", views.send_password_link, name="send_password_link"),
]
