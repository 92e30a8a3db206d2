"""Resident pages, mounted by the framework at /harga/ (namespace module-prices)."""

from django.urls import path

from modules.prices import views

urlpatterns = [
    path("", views.index, name="index"),
    path("pasar/<int:pk>/", views.market, name="market"),
    path("komoditas/<int:pk>/", views.commodity, name="commodity"),
]
