"""Run every benchmark on a fresh copy of the test database and print the figures."""

from __future__ import annotations

import os
import sys

from bench.report import ROOT


def main() -> None:
    sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["REGION_ROUTING_TTL"] = "60"
    import django

    django.setup()
    from bench import (
        billing,
        eoffice_search,
        jobs_search,
        laksa,
        migrations,
        onboarding,
        partnership,
        provisioning,
        routing,
        signing,
        throughput,
    )
    from bench.report import publish
    from tests.harness.database import drop_worker_database, prepare_worker_database

    only = sys.argv[1:]  # e.g. `python -m bench onboarding signing`: those alone
    name = prepare_worker_database("bench")
    try:
        if only:
            alone = {
                "onboarding": onboarding.measure,
                "laksa": lambda: laksa.measure(name),
                "signing": signing.measure,
                "eoffice": eoffice_search.measure,
                "billing": billing.measure,
                "migrations": lambda: migrations.measure(name),
                "partnership": partnership.measure,
                "jobs": lambda: jobs_search.measure(name),
            }
            figures = [figure for key in only for figure in alone[key]()]
        else:
            provisioned = provisioning.measure()
            migrate_median = provisioned[0].baseline
            figures = [
                *provisioned,
                *onboarding.measure(migrate_median),
                *routing.measure(),
                *throughput.measure(name),
                *laksa.measure(name),
                *signing.measure(),
                *eoffice_search.measure(),
                *billing.measure(),
                *migrations.measure(name),
                *partnership.measure(),
                # Last: it loads 50,000 vacancies and 500,000 applications into Tangsel.
                *jobs_search.measure(name),
            ]
    finally:
        drop_worker_database(name)
    publish(figures)


if __name__ == "__main__":
    main()
