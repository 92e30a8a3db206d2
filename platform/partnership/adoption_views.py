"""The adoption dashboard (the LIVE Room view of the partnership): pooled figures, regions
by status, module and province, trends by month, per-region drill-down, CSV export."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from onboarding.admin_views import on_platform_with
from partnership import charts, maps, selectors
from tenants.models import Region

PERMISSION = "partnership.view_adoption"
TREND = ("laksa", "received_30_days")


def dashboard(request):
    on_platform_with(request, PERMISSION)
    day = selectors.latest_day()
    pooled = selectors.pooled(day) if day else []
    regions = selectors.per_region(day) if day else []
    columns = [(f"{p.module}.{p.key}", p.label, p.unit) for p in pooled]
    by_module = selectors.regions_by_module()
    by_status = selectors.regions_by_status()
    trend = [(d.strftime("%m/%y"), v) for d, v in selectors.by_month(*TREND)]
    provinces = selectors.regions_by_province()
    context = {
        "day": day,
        "pooled": pooled,
        "columns": columns,
        "rows": [
            {"region": r["region"], "cells": [r["figures"].get(key) for key, _l, _u in columns]}
            for r in regions
        ],
        "by_status": by_status,
        "by_module": by_module,
        "provinces": provinces,
        "module_chart": charts.bars(_("Daerah per modul"), by_module),
        "province_chart": charts.bars(
            _("Daerah mitra per provinsi"), [(name, len(found)) for name, found in provinces]
        ),
        "map_points": maps.markers(provinces),
        "map_tiles": maps.tiles(),
        "map_attribution": maps.ATTRIBUTION,
        "trend": trend,
        "trend_chart": charts.line(selectors.statistic_label(*TREND), trend),
        "late_chart": charts.bars(
            _("Laporan terlambat per daerah (%)"),
            [
                (r["region"].name, r["figures"]["laksa.late_percent"].shown or 0)
                for r in regions
                if "laksa.late_percent" in r["figures"]
            ],
        ),
        "page_title": _("Dasbor adopsi kemitraan"),
        "header_icon": "view",
    }
    return TemplateResponse(request, "partnership/admin/adoption.html", context)


def region_detail(request, pk: int):
    on_platform_with(request, PERMISSION)
    region = get_object_or_404(Region, pk=pk)
    day = selectors.latest_day()
    pooled = selectors.pooled(day, regions=[region]) if day else []
    trends = [
        (
            p.label,
            charts.line(
                p.label,
                [
                    (d.strftime("%m/%y"), v)
                    for d, v in selectors.by_month(p.module, p.key, region=region)
                ],
            ),
        )
        for p in pooled
    ]
    context = {
        "region": region,
        "day": day,
        "pooled": pooled,
        "trends": trends,
        "page_title": region.name,
        "header_icon": "view",
    }
    return TemplateResponse(request, "partnership/admin/adoption_region.html", context)


def export_csv(request):
    on_platform_with(request, PERMISSION)
    day = selectors.latest_day()
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs read UTF-8 by its byte-order mark
    writer = csv.writer(out)
    writer.writerow(
        [
            _("tanggal"),
            _("daerah"),
            _("provinsi"),
            _("status"),
            _("modul"),
            _("statistik"),
            _("jenis"),
            _("nilai"),
            _("pembilang"),
            _("penyebut"),
        ]
    )
    for entry in selectors.per_region(day) if day else []:
        region = entry["region"]
        for one in entry["figures"].values():
            writer.writerow(
                [
                    day.isoformat(),
                    region.name,
                    region.get_province_display(),
                    region.get_status_display(),
                    one.module,
                    one.key,
                    one.kind,
                    "" if one.shown is None else one.shown,
                    _plain(one.value) if one.kind == "ratio" else "",
                    _plain(one.denominator) if one.kind == "ratio" else "",
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="adopsi-{day or "kosong"}.csv"'
    return response


def _plain(number: float):
    return int(number) if float(number).is_integer() else number
