"""Staff pages, mounted by the framework at /admin/prices/ (namespace module-prices-admin)."""

from django.urls import path

from modules.prices import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("pasar/tambah/", admin_views.market_add, name="market_add"),
    path("pasar/<int:pk>/ubah/", admin_views.market_edit, name="market_edit"),
    path("pasar/<int:pk>/harga/", admin_views.record_prices, name="record"),
    path("komoditas/tambah/", admin_views.commodity_add, name="commodity_add"),
    path("komoditas/<int:pk>/ubah/", admin_views.commodity_edit, name="commodity_edit"),
]
