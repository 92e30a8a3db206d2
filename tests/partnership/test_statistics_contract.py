"""Every module statistic can be pooled across regions: a percentage or a median must name
a Figure (a plain number is summed), and every Figure is of a kind the snapshot knows."""

from __future__ import annotations

import pytest
from django.db import connection

from modules import registry
from modules.manifest import Figure
from partnership import snapshot

pytestmark = pytest.mark.django_db
KINDS = {"count", "ratio", "durations"}


def test_percentages_and_medians_say_how_they_pool(tangsel):
    connection.set_tenant(tangsel)
    for manifest in registry.all_manifests():
        for measure in manifest.statistics:
            name = f"{manifest.key}.{measure.key}"
            if str(measure.unit) == "%" or "median" in measure.key:
                assert measure.figure, f"{name} cannot be summed: give it a figure"
            figure = snapshot.figure_of(measure)
            assert isinstance(figure, Figure) and figure.kind in KINDS, name
            if figure.kind == "ratio":
                assert 0 <= figure.value <= figure.denominator or figure.denominator == 0, name
            if figure.kind == "durations":
                assert all(hours >= 0 for hours in figure.durations), name


def test_a_plain_number_is_a_count_and_old_manifests_keep_working():
    from modules.manifest import Measure

    plain = Measure("n", "n", "modules.laksa.selectors.reports_received_last_30_days")
    assert plain.figure == ""
    assert Figure.count(3) == Figure("count", value=3)
    assert Figure.ratio(1, 4).denominator == 4
    assert Figure.of_durations([1.5, 2]).durations == (1.5, 2)
