"""Proofs of transfer saved by older code in the region's public media folder move to its
private folder (core.private_files), under the same name. Re-running moves nothing twice."""

from django.db import migrations


def move(apps, schema_editor):
    from core.private_files import move_from_public_media

    Payment = apps.get_model("billing", "Payment")
    for payment in Payment.objects.exclude(proof="").select_related("invoice__region"):
        move_from_public_media(payment.invoice.region.schema_name, payment.proof)


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_manual_drafts")]
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
