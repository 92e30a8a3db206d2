"""The partnership plan (Rp 0: every module, quotas; only messages over quota cost money,
because SMS and WhatsApp cost the platform money) and one paid plan to start with."""

from django.db import migrations

PLANS = [
    {
        "key": "kemitraan",
        "name": "Kemitraan",
        "monthly_price": 0,
        "is_partnership": True,
        "all_modules": True,
        "included_staff": 25,
        "included_storage_mb": 2048,
        "included_messages": 500,
        "included_custom_domains": 0,
        "price_per_message": 350,
    },
    {
        "key": "standar",
        "name": "Standar",
        "monthly_price": 2_500_000,
        "all_modules": True,
        "trial_days": 30,
        "included_staff": 100,
        "included_storage_mb": 10240,
        "included_messages": 5000,
        "included_custom_domains": 1,
        "price_per_staff": 25_000,
        "price_per_storage_mb": 50,
        "price_per_message": 300,
        "price_per_custom_domain": 250_000,
    },
]


def seed(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    for values in PLANS:
        Plan.objects.update_or_create(key=values["key"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
