from django.urls import path

from signing import views

app_name = "signing"

urlpatterns = [
    path("verifikasi/ca.crt", views.ca_certificate, name="ca_certificate"),
    path("verifikasi/ca.crl", views.revocation_list, name="crl"),
    path("verifikasi/<str:token>/", views.verify, name="verify"),
    path("akun/pin-tanda-tangan/", views.set_pin, name="set_pin"),
]
