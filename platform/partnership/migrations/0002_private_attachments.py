"""Support-thread attachments saved by older code in the region's public media folder move
to its private folder (core.private_files), under the same name. Re-running moves nothing
twice."""

from django.db import migrations


def move(apps, schema_editor):
    from core.private_files import move_from_public_media

    SupportMessage = apps.get_model("partnership", "SupportMessage")
    messages = SupportMessage.objects.exclude(attachment="").select_related("thread__region")
    for message in messages:
        move_from_public_media(message.thread.region.schema_name, message.attachment)


class Migration(migrations.Migration):
    dependencies = [("partnership", "0001_initial")]
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
