"""Resident pages, mounted by the framework at /laksa/ (namespace module-laksa)."""

from django.urls import path

from modules.laksa import views

urlpatterns = [
    path("", views.index, name="index"),
    path("lapor/", views.submit, name="submit"),
    path("lapor/serupa/", views.similar, name="similar"),
    path("lacak/", views.find, name="find"),
    path("lacak/<str:code>/", views.track, name="track"),
    path("lacak/<str:code>/foto/<int:photo_id>/", views.track_photo, name="track_photo"),
    path("lacak/<str:code>/nilai/", views.rate, name="rate"),
    path("lacak/<str:code>/buka-kembali/", views.reopen, name="reopen"),
    path("laporan/<int:pk>/", views.detail, name="detail"),
    path("laporan/<int:pk>/foto/<int:photo_id>/", views.photo, name="photo"),
    path("laporan/<int:pk>/ikuti/", views.follow, name="follow"),
    path("peta/", views.map_page, name="map"),
    path("kinerja/", views.scorecard, name="scorecard"),
]
