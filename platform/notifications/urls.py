"""The signed-in person's notices and preferences; the lead includes them under
/akun/notifikasi/ on region sites (and may on the platform site)."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("pengaturan/", views.preferences, name="preferences"),
    path("tandai-semua/", views.notices_all_read, name="all_read"),
    path("<int:notice_id>/dibaca/", views.notice_read, name="read"),
    path("<int:notice_id>/buka/", views.notice_open, name="open"),
]
