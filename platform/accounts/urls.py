from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("", views.account_home, name="home"),
    path("daftar/", views.sign_up, name="sign_up"),
    path("verifikasi/<str:token>/", views.verify_email, name="verify_email"),
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("keluar/", views.sign_out, name="logout"),
    path("unduh-data/", views.download_data, name="download_data"),
    path("hapus/", views.delete_account, name="delete_account"),
    path("undangan/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("2fa/atur/", views_two_factor.setup, name="two_factor_setup"),
    path("2fa/verifikasi/", views_two_factor.verify, name="two_factor_verify"),
    path("lupa-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "lupa-sandi/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "lupa-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
